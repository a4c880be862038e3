import type { Queryable } from '../store/db';

export interface UnansweredQuestion {
  id: number;
  question: string;
  siteCode: string | null;
  reason: 'not_found' | 'disliked';
  answerId: string | null;
  comment: string | null;
  createdAt: string;
}

/** Puts a question nobody could answer on the editors' queue. */
export async function logUnanswered(
  db: Queryable, q: { question: string; siteCode?: string | null; answerId?: string | null; citizenSubject?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO unanswered_questions (question, site_code, reason, answer_id, citizen_subject) VALUES ($1, $2, 'not_found', $3, $4)`,
    [q.question.slice(0, 1000), q.siteCode ?? null, q.answerId ?? null, q.citizenSubject ?? null],
  );
}

/** Open (unresolved) questions, newest first, up to `limit` (the queue groups them in memory). */
export async function listOpenUnanswered(db: Queryable, limit = 5000): Promise<UnansweredQuestion[]> {
  const { rows } = await db.query<{
    id: number; question: string; site_code: string | null; reason: UnansweredQuestion['reason'];
    answer_id: string | null; comment: string | null; created_at: Date | string;
  }>(
    `SELECT id, question, site_code, reason, answer_id, comment, created_at FROM unanswered_questions
      WHERE resolved_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id), question: r.question, siteCode: r.site_code, reason: r.reason, answerId: r.answer_id,
    comment: r.comment, createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Marks queued questions as handled by an entry (they leave the queue). Returns how many changed. */
export async function resolveUnanswered(db: Queryable, ids: number[], entryId: number): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE unanswered_questions SET resolved_entry_id = $2, resolved_at = now()
      WHERE id = ANY($1::bigint[]) AND resolved_at IS NULL RETURNING id`,
    [ids, entryId],
  );
  return rows.length;
}
