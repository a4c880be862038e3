import type { Queryable } from '../store/db';
import { getEntry } from './entries';
import type { FaqVersion } from './types';

/** An entry's full history, oldest first: every create, edit and workflow move with who and when. */
export async function listVersions(db: Queryable, entryId: number): Promise<FaqVersion[]> {
  await getEntry(db, entryId); // 404 for an unknown entry rather than an empty history
  const { rows } = await db.query<{
    id: number; entry_id: number; version: number; action: FaqVersion['action']; actor: string; changed: string[];
    note: string | null; at: Date | string; snapshot: FaqVersion['snapshot'] | string;
  }>('SELECT id, entry_id, version, action, actor, changed, note, at, snapshot FROM faq_versions WHERE entry_id = $1 ORDER BY id', [entryId]);
  return rows.map((r) => ({
    id: Number(r.id), entryId: r.entry_id, version: r.version, action: r.action, actor: r.actor, changed: r.changed,
    note: r.note, at: new Date(r.at).toISOString(),
    snapshot: typeof r.snapshot === 'string' ? (JSON.parse(r.snapshot) as FaqVersion['snapshot']) : r.snapshot,
  }));
}
