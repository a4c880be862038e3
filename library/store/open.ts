import { rekeyDocNumbers } from '../rules/doc-number';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPg } from './pg';
import { openPglite } from './pglite';

export interface LibraryLocation {
  /** postgres:// URL of a PostgreSQL server (pgvector optional: without it, lexical only); when set, node-postgres is used. */
  databaseUrl?: string;
  /** Folder for the embedded PGlite library; omitted (and no databaseUrl) means in memory. */
  dataDir?: string;
}

/** Opens the library on the configured driver and brings its schema up to date. */
export async function openLibrary(location: LibraryLocation = {}): Promise<Db> {
  const db = location.databaseUrl ? await openPg(location.databaseUrl) : await openPglite(location.dataDir);
  try {
    await migrate(db);
    // One session runs PGlite's transactions one after another: change_seq values are in commit order
    // already, so migration 010's reordering at commit is not needed (and costs an UPDATE per document).
    if (db.driver === 'pglite') await db.exec('SET zhiwen.commit_ordered_feed = off');
    // 文号 keys are computed in code: rows stored by an older grammar are re-keyed once (then a no-op).
    await rekeyDocNumbers(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
