/**
 * Consultation Q&A pairs (留言/咨询 with the official reply, policy Q&A) → QaPair items. They become
 * entries of the consultation knowledge base (ingest/pipeline/qa-to-entries.ts), not library
 * documents: an answer then quotes the official reply, never the citizen's message. The subject (the
 * record's title, else the question's first sentence) is the entry's standard question.
 */
import { z } from 'zod';
import { describeIssues, isoDate } from './document-record';
import type { FeedItem, QaPair } from './feed-item';
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
  related: z.union([z.string(), z.array(z.string())]).nullish(),
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

export function qaRecordToPair(record: QaRecord, defaultSite: string): QaPair {
  const related = typeof record.related === 'string' ? [record.related] : record.related ?? [];
  return {
    recordId: record.id,
    subject: subjectOf(record),
    question: record.question.trim(),
    answer: record.answer.trim(),
    site: record.site,
    defaultSite,
    url: record.url,
    askedAt: isoDate(record.date),
    answeredAt: isoDate(record.answer_date),
    department: record.department,
    topic: record.topic,
    relatedDocuments: related.map((r) => r.trim()).filter(Boolean),
  };
}

/** One parsed value (JSONL line or CSV row) → a Q&A pair or the reason it cannot be one. */
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
  return { ...where, id: parsed.data.id, qa: qaRecordToPair(parsed.data, defaultSite) };
}
