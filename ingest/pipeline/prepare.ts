/**
 * One document from any source → what the library stores: normalised text, metadata filled from
 * the text where the source gave none, info type and topic, screening (quarantine, personal data),
 * structure-aware chunks with analyzer tokens, the SimHash and the link keys. Pure and synchronous:
 * the same input gives the same output (and content hash) on every run of one code version.
 */
import { textTrustedForMetadata } from '../attachments/ocr-trust';
import { createHash } from 'node:crypto';
import { analyze, docNumberKey } from '../../library/analyzer';
import type { PreparedDocument } from '../../library/documents';
import type { DocumentInput } from '../../library/model/document';
import { chunkDocument } from '../chunk';
import type { ChunkOptions } from '../chunk';
import { simhash64, simhashHex } from '../dedup';
import { extractMetadata } from '../metadata';
import { normalizeText } from '../normalize';
import { maskDocument, screenDocument } from '../screen';
import { classifyDocument } from './classify-document';
import { linkKeysOf } from './keys';

export interface PrepareOptions {
  /** ISO day that expiry clauses (有效期至…) are judged against. Default: today (UTC). */
  referenceDate?: string;
  /** Chunk sizes; default ingest/chunk's (400 characters, 60 overlap), sized for the embedding model. */
  chunk?: ChunkOptions;
}

/**
 * Bodies whose fingerprint text (letters and digits) is shorter than this get no SimHash: a
 * one-line reply ("已转交相关部门处理") matches every other one-liner within any threshold.
 */
export const MIN_FINGERPRINT_CHARS = 50;

type Meta = Record<string, string>;

/** The page's information table, if the source kept it (HTML readers and the crawler put it in extra.pageMeta). */
function pageMetaOf(extra: Record<string, unknown> | undefined): Meta | undefined {
  const meta = extra?.pageMeta;
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return undefined;
  return Object.fromEntries(Object.entries(meta).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

const present = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';

export function prepareDocument(doc: DocumentInput, options: PrepareOptions = {}): PreparedDocument {
  let title = normalizeText(doc.title).replace(/\n/gu, ' ');
  let body = normalizeText(doc.body);

  // Metadata: what the record says wins; the page's table, then the text, fill the gaps.
  const meta = extractMetadata({ title, body, meta: pageMetaOf(doc.extra) }, { referenceDate: options.referenceDate });
  const filled: string[] = [];
  const pick = <T extends string>(given: T | null | undefined, found: T | null, field: string): T | null => {
    if (present(given)) return given;
    if (found !== null) filled.push(field);
    return found;
  };
  // Text read by OCR names the 文号 and issuer only when it was read confidently (ingest/attachments/ocr-trust.ts).
  const trusted = textTrustedForMetadata(doc.extra);
  const docNumber = pick(doc.docNumber, trusted ? meta.docNumber : null, 'docNumber');
  const issuer = pick(doc.issuer, trusted ? meta.issuer : null, 'issuer');
  const writtenAt = pick(doc.writtenAt, meta.writtenAt, 'writtenAt');
  const publishedAt = pick(doc.publishedAt, meta.publishedAt, 'publishedAt');
  const indexNumber = pick(doc.indexNumber, meta.indexNumber, 'indexNumber');
  const validity = doc.validity ?? meta.validity;
  if (!doc.validity && meta.validity !== '未知') filled.push('validity');

  const classified = classifyDocument({ ...doc, title, body, docNumber });

  // Screening: a classification mark holds the document back; personal data is masked in every
  // stored display text whatever the info type (names and home addresses in messages too).
  const screen = screenDocument({ title, body });
  const shown = maskDocument({ title, body, extra: doc.extra }, { message: classified.infoType === '互动交流' });
  ({ title, body } = shown);
  const masked = shown.masked;

  const extra: Record<string, unknown> = { ...shown.extra, classification: classified.evidence };
  if (filled.length > 0) extra.filledFromText = filled;
  if (meta.validityEvidence && !doc.validity) extra.validityEvidence = meta.validityEvidence;
  if (meta.repeals.length > 0) extra.repeals = meta.repeals;
  if (masked) extra.masked = masked;
  if (screen.quarantine) extra.screen = { reason: screen.reason, marks: screen.marks };

  const stored: DocumentInput = {
    externalId: doc.externalId, siteCode: doc.siteCode, column: doc.column ?? null, url: doc.url ?? null,
    title, body, infoType: classified.infoType, topic: classified.topic, issuer, docNumber, indexNumber,
    writtenAt, publishedAt, validity, extra,
  };
  const chunks = chunkDocument({ title, body }, options.chunk).map((c, ordinal) => ({
    ordinal,
    heading: c.heading,
    text: c.text,
    tokens: analyze(c.heading ? `${c.heading}\n${c.text}` : c.text),
  }));
  const fingerprintable = body.replace(/[^\p{L}\p{N}]+/gu, '').length >= MIN_FINGERPRINT_CHARS;
  return {
    ...stored,
    titleTokens: analyze(title),
    // The query side's key (library/analyzer), not ingest/metadata's: exact 文号 lookups compare these.
    docNumberKey: docNumberKey(docNumber),
    contentHash: createHash('sha256')
      .update(JSON.stringify([stored, chunks.map((c) => [c.heading, c.text])]))
      .digest('hex'),
    chunks,
    status: screen.quarantine ? 'quarantined' : 'active',
    simhash: fingerprintable ? simhashHex(simhash64(body)) : null,
    linkKeys: linkKeysOf({ infoType: classified.infoType, title, body, docNumber }),
    ...(screen.quarantine ? { screen: { reason: screen.reason!, marks: screen.marks } } : {}),
  };
}
