/**
 * One call that reads a document's metadata: a site's own metadata table (meta) wins over what
 * the text says, because sites fill it from their document system; the text is the fallback.
 */
import type { Validity } from '../../library/model/document';
import { normalizeText, parseChineseDate } from '../normalize';
import { docNumberKey } from './doc-number';
import {
  findIndexNumber,
  findOwnDocNumber,
  findPublishedLabel,
  findSignature,
  issuerFromTitle,
  readLawHeader,
} from './header';
import { detectValidity } from './validity';

export interface MetadataInput {
  title: string;
  body: string;
  /** The page's metadata table, keys as written (发文字号, 发文机关, 成文日期, 发布日期, 索引号, 有效性…). */
  meta?: Record<string, string>;
}

export interface MetadataOptions {
  /** ISO day expiry clauses are compared with. Default: today (UTC). Pass it for reproducible runs. */
  referenceDate?: string;
}

export interface DocumentMetadata {
  /** 文号 as written (width-folded), or null. */
  docNumber: string | null;
  /** Canonical key of docNumber (see docNumberKey), or null. */
  docNumberKey: string | null;
  /** 发文机关; joint issuers joined with "、". */
  issuer: string | null;
  /** 成文日期, ISO day. */
  writtenAt: string | null;
  /** 发布日期, ISO day; null when neither meta nor a label/公布 line gives it (never guessed from writtenAt). */
  publishedAt: string | null;
  /** 索引号 */
  indexNumber: string | null;
  validity: Validity;
  /** The text that decided validity, null when 未知. */
  validityEvidence: string | null;
  /** Titles of OTHER documents this one repeals ("原《…》同时废止"). */
  repeals: string[];
}

/** Meta keys per field, compared after removing spaces and colons. */
const META_KEYS = {
  docNumber: ['发文字号', '文号', '发文号', 'docNumber'],
  issuer: ['发文机关', '发布机构', '发文单位', '发布机关', '制发机关', 'issuer'],
  writtenAt: ['成文日期', '印发日期', 'writtenAt'],
  publishedAt: ['发布日期', '公开日期', '发文日期', '发布时间', '公布日期', 'publishedAt'],
  indexNumber: ['索引号', 'indexNumber'],
  validity: ['有效性', '时效性', '效力状态', '有效状态', 'validity'],
} as const;

function metaValue(meta: Record<string, string> | undefined, field: keyof typeof META_KEYS): string | null {
  if (!meta) return null;
  const wanted: readonly string[] = META_KEYS[field];
  for (const [key, value] of Object.entries(meta)) {
    const k = key.replace(/[\s:：]/gu, '');
    const v = normalizeText(value ?? '');
    if (v !== '' && wanted.includes(k)) return v;
  }
  return null;
}

/** A meta date may carry a time ("2020-02-05 10:30"); keep the day. */
function metaDate(value: string | null): string | null {
  if (value === null) return null;
  return parseChineseDate(value) ?? parseChineseDate(value.split(/[\sT]/u)[0]);
}

export function extractMetadata(input: MetadataInput, options: MetadataOptions = {}): DocumentMetadata {
  if (typeof input.title !== 'string' || typeof input.body !== 'string') {
    throw new TypeError(
      `extractMetadata needs string title and body, got ${typeof input.title} and ${typeof input.body}; pass '' for a missing one`,
    );
  }
  const title = normalizeText(input.title).replace(/\n/gu, ' ');
  const body = normalizeText(input.body);
  const meta = input.meta;

  const metaNumber = metaValue(meta, 'docNumber');
  const own = metaNumber === null ? findOwnDocNumber(title, body) : null;
  const docNumber = metaNumber ?? own?.raw ?? null;

  const signature = findSignature(body);
  const law = readLawHeader(body);
  const issuer = metaValue(meta, 'issuer') ?? signature?.issuer ?? law.issuer ?? issuerFromTitle(title);
  const writtenAt = metaDate(metaValue(meta, 'writtenAt')) ?? signature?.writtenAt ?? law.writtenAt;
  const publishedAt = metaDate(metaValue(meta, 'publishedAt')) ?? findPublishedLabel(body) ?? law.publishedAt;

  const referenceDate = options.referenceDate ?? new Date().toISOString().slice(0, 10);
  const validity = detectValidity(title, body, {
    referenceDate,
    writtenAt,
    publishedAt,
    metaValue: metaValue(meta, 'validity'),
  });

  return {
    docNumber,
    docNumberKey: docNumber === null ? null : (own?.key ?? docNumberKey(docNumber)),
    issuer,
    writtenAt,
    publishedAt,
    indexNumber: metaValue(meta, 'indexNumber') ?? findIndexNumber(body),
    validity: validity.validity,
    validityEvidence: validity.evidence,
    repeals: validity.repeals,
  };
}
