import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../../library/store/db';

/** library_meta key of the library's own id, made once: a snapshot records it and is loaded only into the same library. */
const LIBRARY_ID_KEY = 'library_id';

/** This library's id, created on first use (a copy of the database keeps it: its change feed is the same). */
export async function libraryId(db: Queryable): Promise<string> {
  await db.query(
    `INSERT INTO library_meta (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING`,
    [LIBRARY_ID_KEY, randomUUID()],
  );
  const { rows } = await db.query<{ value: unknown }>('SELECT value FROM library_meta WHERE key = $1', [LIBRARY_ID_KEY]);
  return String(rows[0].value);
}

/** The change feed's newest position: a snapshot from beyond it belongs to another (or a restored) database. */
export async function feedHead(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ head: string | number }>('SELECT coalesce(max(change_seq), 0) AS head FROM documents');
  return Number(rows[0].head);
}
