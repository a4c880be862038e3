import { InvalidRecordError, NotFoundError } from '../errors';
import type { Db, Queryable } from '../store/db';

export type AnswerKind = 'faq' | 'suggestions' | 'library' | 'not_found';

export interface AnswerLogInput {
  answerId: string;
  question: string;
  siteCode?: string | null;
  kind: AnswerKind;
  faqEntryId?: number | null;
  confidence?: number | null;
  /** External ids of the documents cited. */
  citations?: string[];
  /** Who asked, as the host site's signed citizen token names them (library/site-keys). */
  citizenSubject?: string | null;
}

/** Records an answer given, so feedback and the editors' queue can refer to it by its id. */
export async function logAnswer(db: Queryable, a: AnswerLogInput): Promise<void> {
  await db.query(
    `INSERT INTO answer_log (answer_id, question, site_code, kind, faq_entry_id, confidence, citations, citizen_subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.answerId, a.question.slice(0, 1000), a.siteCode ?? null, a.kind, a.faqEntryId ?? null, a.confidence ?? null, a.citations ?? [], a.citizenSubject ?? null],
  );
}

export interface FeedbackInput {
  answerId: string;
  helpful: boolean;
  comment?: string | null;
  /** Who rated it, as the host site's signed citizen token names them. */
  citizenSubject?: string | null;
}

/** Records 有用 / 没用 on an answer; a 没用 puts its question on the editors' queue. */
export async function recordFeedback(db: Db, f: FeedbackInput): Promise<{ id: number; queued: boolean }> {
  const comment = (f.comment ?? '').trim().slice(0, 1000) || null;
  if (typeof f.helpful !== 'boolean') throw new InvalidRecordError('helpful must be true (有用) or false (没用)');
  return db.transaction(async (tx) => {
    const answer = (
      await tx.query<{ question: string; site_code: string | null }>('SELECT question, site_code FROM answer_log WHERE answer_id = $1', [f.answerId])
    ).rows[0];
    if (!answer) throw new NotFoundError(`no answer "${f.answerId}": send the answerId that came with the answer`);
    const { rows } = await tx.query<{ id: number }>(
      'INSERT INTO answer_feedback (answer_id, helpful, comment, citizen_subject) VALUES ($1, $2, $3, $4) RETURNING id',
      [f.answerId, f.helpful, comment, f.citizenSubject ?? null],
    );
    if (!f.helpful) {
      await tx.query(
        `INSERT INTO unanswered_questions (question, site_code, reason, answer_id, comment, citizen_subject) VALUES ($1, $2, 'disliked', $3, $4, $5)`,
        [answer.question, answer.site_code, f.answerId, comment, f.citizenSubject ?? null],
      );
    }
    return { id: Number(rows[0].id), queued: !f.helpful };
  });
}
