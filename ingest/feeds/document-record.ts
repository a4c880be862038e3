import { z } from 'zod';
import { INFO_TYPES, VALIDITY, type DocumentInput, type InfoType, type Validity } from '../../library/model/document';
import { parseChineseDate } from '../normalize';
import type { FeedItem } from './feed-item';

const optionalText = z.string().trim().nullish();
/** A JSON null where a value is required reads as "missing", not as "must be a string". */
const nullIsMissing = (v: unknown): unknown => (v === null ? undefined : v);

/**
 * One line of a documents JSONL feed (the shape of ../shared/corpus/documents, see its PROVENANCE.md):
 * {id, site, title, url, published, issuer, doc_number, category, text, ...}.
 */
export const documentRecordSchema = z.object({
  id: z.union([z.string().trim().min(1, 'id is empty'), z.number().int()]).transform(String),
  site: optionalText,
  title: z.preprocess(
    nullIsMissing,
    z.string({ required_error: 'title is missing', invalid_type_error: 'title must be a string' }).trim().min(1, 'title is empty'),
  ),
  text: z.preprocess(
    nullIsMissing,
    z.string({ required_error: 'text is missing', invalid_type_error: 'text must be a string' })
      .refine((t) => t.trim().length > 0, 'text (the body) is empty'),
  ),
  url: optionalText,
  published: optionalText,
  written: optionalText,
  issuer: optionalText,
  doc_number: optionalText,
  index_number: optionalText,
  category: optionalText,
  topic: optionalText,
  column: optionalText,
  validity: optionalText,
}).passthrough().superRefine((record, ctx) => {
  // A date that cannot be read is rejected with its value: dropping it silently loses the document's date.
  for (const field of ['published', 'written'] as const) {
    const value = record[field];
    if (value && isoDate(value) === null) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [field],
        message: `${field} "${value.slice(0, 40)}" is not a valid date: write YYYY-MM-DD (or 2020年3月1日), or leave it empty`,
      });
    }
  }
});

export type DocumentRecord = z.infer<typeof documentRecordSchema>;

/** Turns zod's issues into one sentence that names the field and what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.join('.') || 'record';
      return i.message.startsWith(field) ? i.message : `${field}: ${i.message}`;
    })
    .join('; ');
}

const INFO_TYPE_SET = new Set<string>(INFO_TYPES);
const VALIDITY_SET = new Set<string>(VALIDITY);

/** Maps a validated record to the library's document input. Site falls back to the feed's default. */
export function recordToDocument(record: DocumentRecord, defaultSite: string): DocumentInput {
  const category = record.category && INFO_TYPE_SET.has(record.category) ? (record.category as InfoType) : '其他';
  const known = new Set(['id', 'site', 'title', 'text', 'url', 'published', 'written', 'issuer', 'doc_number',
    'index_number', 'category', 'topic', 'column', 'validity']);
  const extra = Object.fromEntries(Object.entries(record).filter(([k]) => !known.has(k)));
  return {
    externalId: record.id,
    siteCode: record.site || defaultSite,
    column: record.column ?? null,
    url: record.url ?? null,
    title: record.title,
    body: record.text,
    infoType: category,
    topic: record.topic ?? null,
    issuer: record.issuer ?? null,
    docNumber: record.doc_number ?? null,
    indexNumber: record.index_number ?? null,
    writtenAt: isoDate(record.written),
    publishedAt: isoDate(record.published),
    ...(record.validity && VALIDITY_SET.has(record.validity) ? { validity: record.validity as Validity } : {}),
    extra: record.category && !INFO_TYPE_SET.has(record.category) ? { ...extra, sourceCategory: record.category } : extra,
  };
}

/**
 * Accepts YYYY-MM-DD or an ISO datetime, else a date as Chinese sites write it (2020年3月1日,
 * 二〇二〇年三月一日, 2020/3/1, 2020.3.1 → its ISO day); anything else is dropped rather than stored wrong.
 */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!m) return parseChineseDate(value.trim().split(/\s+/u)[0] ?? '');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date() rolls 2020-02-30 over to March 1: check the day against the month's length instead.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59) return null;
  return value;
}

/**
 * One parsed feed value (a JSONL line or a mapped CSV row) → a document, or the reason it cannot be
 * one. Reasons name the field: "title is missing", "text (the body) is empty".
 */
export function documentFromValue(value: unknown, defaultSite: string, where: Pick<FeedItem, 'source' | 'lineNumber'>): FeedItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ...where, error: 'expected a JSON object with id, title and text' };
  }
  const parsed = documentRecordSchema.safeParse(value);
  if (!parsed.success) {
    const id = (value as { id?: unknown }).id;
    return { ...where, id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined, error: describeIssues(parsed.error) };
  }
  return { ...where, id: parsed.data.id, document: recordToDocument(parsed.data, defaultSite) };
}
