import { openLibrary, type Db } from '../library/store';
import { readConfig } from './config';

/**
 * Runs a command's work on the configured library and closes it, whatever happens. An embedded library
 * held by a running service refuses it (LIBRARY_LOCKED), with what to do.
 */
export async function withLibrary(work: (db: Db) => Promise<void>): Promise<void> {
  const db = await openLibrary(readConfig().library);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}
