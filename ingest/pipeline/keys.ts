/**
 * Derived keys that enrichment matches documents by: the title key two reposts must share, the
 * link keys of policies and interpretations, and the rule that says when two near-duplicate texts
 * are the same document rather than two documents written from one template.
 */
import { indexForm } from '../../library/analyzer';
import type { InfoType } from '../../library/model/document';
import { cleanTitle } from '../extract';
import { findPolicyReferences, interpretationTarget, normalizePolicyTitle, SUBJECT_CHARS } from '../link';
import { docNumberKey as metadataDocNumberKey } from '../metadata';

/**
 * The title two reposts must share: site-name suffix and a leading【转载】/转发： tag dropped,
 * width folded, Simplified, lower case, punctuation and spaces removed. Version marks such as
 * （2018年修正） are kept on purpose: versions of one law are different documents.
 */
export function repostTitleKey(title: string): string {
  return indexForm(cleanTitle(title))
    .replace(/^\s*(?:[【[][^】\]]{1,12}[】\]]|(?:转发|转载|转)\s*[:：])\s*/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** What the repost rule compares beside the text. Dates are ISO days (or datetimes). */
export interface RepostFacts {
  titleKey: string;
  issuer: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
  /** The analyzer's 文号 key. */
  docNumberKey: string | null;
}

/**
 * Reposts of one document are published within this many days of each other. Further apart, two
 * near-identical texts with one title are versions (a law and its amendment), not reposts. Not a
 * ranking constant: a bound from the corpus, where every same-title pair of laws is years apart.
 */
export const REPOST_MAX_DAYS_APART = 365;

const issuerKey = (s: string): string => indexForm(s).replace(/[^\p{L}\p{N}、]+/gu, '');
const day = (iso: string): number => Date.parse(iso.slice(0, 10));

/**
 * Why two near-duplicate texts are NOT one document, or null when nothing contradicts it: the
 * titles must match after normalisation, and 文号, issuers, signing dates and publication dates
 * must not disagree (a missing value disagrees with nothing).
 */
export function repostConflict(a: RepostFacts, b: RepostFacts): string | null {
  if (a.titleKey.length === 0 || a.titleKey !== b.titleKey) return 'titles differ';
  if (a.docNumberKey && b.docNumberKey && a.docNumberKey !== b.docNumberKey) return '文号 differ';
  if (a.issuer && b.issuer) {
    const [x, y] = [issuerKey(a.issuer), issuerKey(b.issuer)];
    if (x && y && !x.includes(y) && !y.includes(x)) return 'issuers differ';
  }
  if (a.writtenAt && b.writtenAt && a.writtenAt.slice(0, 10) !== b.writtenAt.slice(0, 10)) return 'signing dates differ';
  if (a.publishedAt && b.publishedAt) {
    const apart = Math.abs(day(a.publishedAt) - day(b.publishedAt)) / 86_400_000;
    if (apart > REPOST_MAX_DAYS_APART) return 'published too far apart';
  }
  return null;
}

/** Titles shorter than this (after normalisation) name nothing specific enough to link by. */
const MIN_TITLE_KEY = 4;

/**
 * The keys the incremental linker looks candidates up by ('t:' title key, 'n:' 文号 key in
 * ingest/metadata's form, the form linkInterpretations compares). A policy lists what it is; an
 * interpretation lists what its title and opening name. Other documents have none.
 */
export function linkKeysOf(doc: { infoType: InfoType; title: string; body: string; docNumber?: string | null }): string[] {
  const keys = new Set<string>();
  const title = (key: string | null): void => {
    if (key && key.length >= MIN_TITLE_KEY) keys.add(`t:${key}`);
  };
  if (doc.infoType === '政策文件') {
    title(normalizePolicyTitle(doc.title));
    for (const t of findPolicyReferences(doc.title).titles) title(t.key);
    const number = doc.docNumber ? metadataDocNumberKey(doc.docNumber) : null;
    if (number) keys.add(`n:${number}`);
  } else if (doc.infoType === '政策解读') {
    title(interpretationTarget(doc.title));
    const refs = findPolicyReferences(`${doc.title}\n${doc.body.slice(0, SUBJECT_CHARS)}`);
    for (const t of refs.titles) title(t.key);
    for (const n of refs.docNumbers) keys.add(`n:${n.key}`);
  }
  return [...keys];
}
