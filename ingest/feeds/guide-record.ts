/**
 * Service guides (办事指南) → documents. A guide is one 事项 with sections (设定依据, 受理条件,
 * 申请材料, 办理流程, 办理时限, 收费标准, 办理地点, 咨询电话); the body is written as numbered
 * sections (一、设定依据 …) so the structure-aware chunker keeps each section with its heading.
 */
import { z } from 'zod';
import type { DocumentInput } from '../../library/model/document';
import { describeIssues, isoDate } from './document-record';
import type { FeedItem } from './feed-item';
import { GUIDE_FIELDS, renameFields } from './field-names';
import { optionalText } from './qa-record';

/** Section fields in the order a guide is read, with their headings. */
const SECTIONS: Array<[string, string]> = [
  ['basis', '设定依据'],
  ['conditions', '受理条件'],
  ['materials', '申请材料'],
  ['process', '办理流程'],
  ['time_limit', '办理时限'],
  ['fee', '收费标准'],
  ['location', '办理地点'],
  ['hours', '办理时间'],
  ['contact', '咨询方式'],
  ['text', '其他说明'],
];
const NUMERALS = '一二三四五六七八九十';

/** A section value: text, or a list (materials, steps) written as numbered lines. */
const sectionValue = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) {
      const items = v.map((x) => String(x).trim()).filter(Boolean);
      return items.length > 0 ? items.map((x, i) => `${i + 1}. ${x}`).join('\n') : null;
    }
    return String(v).trim() || null;
  });

export const guideRecordSchema = z.object({
  id: z.union([z.string().trim().min(1, 'id is empty'), z.number().int()], { required_error: 'id is missing' }).transform(String),
  title: z.string({ required_error: 'title (事项名称) is missing', invalid_type_error: 'title must be a string' })
    .trim().min(1, 'title (事项名称) is empty'),
  department: optionalText,
  site: optionalText,
  url: optionalText,
  published: optionalText,
  topic: optionalText,
  ...Object.fromEntries(SECTIONS.map(([field]) => [field, sectionValue])),
}).passthrough();

export type GuideRecord = z.infer<typeof guideRecordSchema>;

/** The guide's body, or null when it has no section with content. */
function guideBody(record: GuideRecord): string | null {
  const parts: string[] = [];
  for (const [field, heading] of SECTIONS) {
    const value = (record as Record<string, unknown>)[field];
    if (typeof value === 'string' && value) parts.push(`${NUMERALS[parts.length]}、${heading}\n${value}`);
  }
  return parts.length > 0 ? parts.join('\n') : null;
}

export function guideFromValue(value: unknown, defaultSite: string, where: Pick<FeedItem, 'source' | 'lineNumber'>): FeedItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ...where, error: 'expected an object with id, title (事项名称) and the guide sections' };
  }
  const renamed = renameFields(value as Record<string, unknown>, GUIDE_FIELDS);
  const parsed = guideRecordSchema.safeParse(renamed);
  const id = typeof renamed.id === 'string' || typeof renamed.id === 'number' ? String(renamed.id) : undefined;
  if (!parsed.success) return { ...where, id, error: describeIssues(parsed.error) };
  const body = guideBody(parsed.data);
  if (body === null) {
    return { ...where, id, error: `no section has content (give at least one of ${SECTIONS.map(([, h]) => h).join('、')})` };
  }
  const record = parsed.data;
  const known = new Set(Object.keys(guideRecordSchema.shape));
  const extra = Object.fromEntries(Object.entries(record).filter(([k]) => !known.has(k)));
  const document: DocumentInput = {
    externalId: record.id,
    siteCode: record.site || defaultSite,
    url: record.url ?? null,
    title: record.title,
    body,
    infoType: '办事指南',
    topic: record.topic ?? null,
    issuer: record.department ?? null,
    publishedAt: isoDate(record.published),
    extra: { ...extra, kind: 'guide' },
  };
  return { ...where, id: record.id, document };
}
