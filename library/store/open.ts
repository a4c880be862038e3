import type { Db } from './db';
import { migrate } from './migrate';
import { openPg } from './pg';
import { openPglite } from './pglite';

export interface LibraryLocation {
  /** postgres:// URL of a PostgreSQL server with pgvector; when set, node-postgres is used. */
  databaseUrl?: string;
  /** Folder for the embedded PGlite library; omitted (and no databaseUrl) means in memory. */
  dataDir?: string;
}

/** Opens the library on the configured driver and brings its schema up to date. */
export async function openLibrary(location: LibraryLocation = {}): Promise<Db> {
  const db = location.databaseUrl ? await openPg(location.databaseUrl) : await openPglite(location.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
