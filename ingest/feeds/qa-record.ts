/**
 * Consultation Q&A pairs (留言/咨询 with the official reply) → 互动交流 documents. The title is the
 * question's subject, the body the question and then the reply, so a citizen's search finds both
 * the wording of similar questions and the answer. Personal data is masked by the pipeline's
 * screening step (every 互动交流 document), before anything is stored or indexed.
 */
import { z } from 'zod';
import type { DocumentInput } from '../../library/model/document';
import { describeIssues, isoDate } from './document-record';
import type { FeedItem } from './feed-item';
import { QA_FIELDS, renameFields } from './field-names';

/** Text or number; blank and missing both become null. */
export const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v).trim() || null));
const required = (field: string, hint: string) =>
  z.string({ required_error: `${field} is missing${hint}`, invalid_type_error: `${field} must be a string` })
    .refine((t) => t.trim().length > 0, `${field} is empty${hint}`);

export const qaRecordSchema = z.object({
  id: z.union([z.string().trim().min(1, 'id is empty'), z.number().int()], { required_error: 'id is missing' }).transform(String),
  question: required('question', ''),
  question_title: optionalText,
  answer: required('answer', ' (a consultation without a reply is not published)'),
  department: optionalText,
  date: optionalText,
  answer_date: optionalText,
  site: optionalText,
  url: optionalText,
  topic: optionalText,
}).passthrough();

export type QaRecord = z.infer<typeof qaRecordSchema>;

/** Longest title taken from the question itself when the record has no subject line. */
const TITLE_MAX = 60;

/** The subject: the record's, else the question's first sentence (cut at TITLE_MAX characters). */
function subjectOf(record: QaRecord): string {
  if (record.question_title) return record.question_title;
  const first = record.question.trim().split('\n')[0].trim();
  const sentence = /^.+?[？?。！!]/u.exec(first)?.[0] ?? first;
  return sentence.length <= TITLE_MAX ? sentence : `${sentence.slice(0, TITLE_MAX)}…`;
}

export function qaRecordToDocument(record: QaRecord, defaultSite: string): DocumentInput {
  const known = new Set(Object.keys(qaRecordSchema.shape));
  const extra = Object.fromEntries(Object.entries(record).filter(([k]) => !known.has(k)));
  const askedAt = isoDate(record.date);
  return {
    externalId: record.id,
    siteCode: record.site || defaultSite,
    url: record.url ?? null,
    title: subjectOf(record),
    body: `留言：${record.question.trim()}\n答复：${record.answer.trim()}`,
    infoType: '互动交流',
    topic: record.topic ?? null,
    issuer: record.department ?? null,
    publishedAt: isoDate(record.answer_date) ?? askedAt,
    extra: { ...extra, kind: 'qa', ...(askedAt ? { askedAt } : {}) },
  };
}

/** One parsed value (JSONL line or CSV row) → a 互动交流 document or the reason it cannot be one. */
export function qaFromValue(value: unknown, defaultSite: string, where: Pick<FeedItem, 'source' | 'lineNumber'>): FeedItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ...where, error: 'expected an object with id, question and answer' };
  }
  const renamed = renameFields(value as Record<string, unknown>, QA_FIELDS);
  const parsed = qaRecordSchema.safeParse(renamed);
  if (!parsed.success) {
    const id = renamed.id;
    return { ...where, id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined, error: describeIssues(parsed.error) };
  }
  return { ...where, id: parsed.data.id, document: qaRecordToDocument(parsed.data, defaultSite) };
}
