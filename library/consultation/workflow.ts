import { NotFoundError, ZhiwenError } from '../errors';
import type { Db } from '../store/db';
import { ENTRY_COLUMNS, recordVersion, rowToEntry, type EntryRow } from './entries';
import type { FaqEntry, FaqStatus } from './types';

/**
 * The review workflow: draft → pending_review → published → retired. `reject` sends a submission back
 * to draft, `revise` takes a published or retired entry back to draft for editing.
 */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'pending_review' },
  approve: { from: ['pending_review'], to: 'published' },
  reject: { from: ['pending_review'], to: 'draft' },
  retire: { from: ['published'], to: 'retired' },
  revise: { from: ['published', 'retired'], to: 'draft' },
} as const satisfies Record<string, { from: readonly FaqStatus[]; to: FaqStatus }>;
export type FaqTransition = keyof typeof TRANSITIONS;

/** Nobody approves their own entry: the reviewer must be neither its author nor its last editor. */
export class SelfReviewError extends ZhiwenError {
  constructor(entryId: number, actor: string) {
    super(
      'SELF_REVIEW',
      `"${actor}" wrote or last edited entry ${entryId} and cannot approve it; another editor must review it`,
    );
    this.name = 'SelfReviewError';
  }
}

export async function transitionEntry(
  db: Db, id: number, transition: FaqTransition, actor: string, note: string | null = null,
): Promise<FaqEntry> {
  const rule = TRANSITIONS[transition];
  if (!rule) throw new ZhiwenError('UNKNOWN_TRANSITION', `unknown transition "${transition}"; use ${Object.keys(TRANSITIONS).join(', ')}`);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM faq_entries WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new NotFoundError(`no FAQ entry ${id}`);
    const before = rowToEntry(rows[0]);
    if (!(rule.from as readonly FaqStatus[]).includes(before.status)) {
      throw new ZhiwenError(
        'BAD_TRANSITION',
        `cannot ${transition} entry ${id}: it is ${before.status}, and ${transition} applies to ${rule.from.join(' or ')}`,
      );
    }
    if (transition === 'approve' && (actor === before.author || actor === before.lastEditor)) throw new SelfReviewError(id, actor);
    const updated = await tx.query<EntryRow>(
      `UPDATE faq_entries SET status = $2,
         reviewer = CASE WHEN $3::boolean THEN $4 WHEN $2 = 'draft' THEN NULL ELSE reviewer END,
         published_at = CASE WHEN $3::boolean THEN now() ELSE published_at END,
         updated_at = now(), change_seq = nextval('faq_change_seq')
       WHERE id = $1 RETURNING ${ENTRY_COLUMNS}`,
      [id, rule.to, transition === 'approve', actor],
    );
    const entry = rowToEntry(updated.rows[0]);
    await recordVersion(tx, entry, transition, actor, ['status'], note);
    return entry;
  });
}
