/**
 * "Is this document the rule in force?" — decided here only. A document is not current when it is
 * repealed (废止), expired (失效), or superseded by a newer version of itself (documents.superseded_by,
 * migration 011). 已修订 as a stored validity means a site marked it revised; it stays findable and
 * labelled, as before.
 */
import type { Validity } from './document';

export interface CurrencyFacts {
  validity: string;
  /** Id (internal or external) of the newer version that replaces this one; null or absent when none. */
  supersededBy?: number | string | null;
}

const NOT_IN_FORCE: Readonly<Partial<Record<Validity, string>>> = { 废止: '已废止', 失效: '已失效' };

const superseded = (doc: CurrencyFacts): boolean => doc.supersededBy !== null && doc.supersededBy !== undefined;

/** True unless the document is repealed, expired or superseded by a newer version. */
export function isCurrent(doc: CurrencyFacts): boolean {
  return !(doc.validity in NOT_IN_FORCE) && !superseded(doc);
}

/** The label shown beside a title: 已废止, 已失效, 已修订 (a newer version replaces it), or null for a current document. */
export function validityLabel(doc: CurrencyFacts): string | null {
  const notInForce = NOT_IN_FORCE[doc.validity as Validity];
  if (notInForce) return notInForce;
  return superseded(doc) || doc.validity === '已修订' ? '已修订' : null;
}

/**
 * Score multipliers for documents that are not current: they stay findable (people look up old rules)
 * but rank below the one in force. A repealed document (废止): 0.5. A superseded version shares its
 * title and most of its text with the version in force, so a light 0.9 already puts the newer first,
 * without pushing the old one below unrelated documents (people cite the 2018 公司法 too; with 0.5 the
 * dev law-title set fell from 0.969 to 0.922 nDCG@10). A measure that ran out by its own term (失效:
 * 有效期至…) has no successor, and citizens still ask about it (疫情期间…可以减免吗): 0.8.
 */
export const NOT_CURRENT_PRIOR = 0.5;
export const SUPERSEDED_PRIOR = 0.9;
export const EXPIRED_BY_TERM_PRIOR = 0.8;

/** The ranking prior of a document from its currency (1 for current documents). */
export function currencyPrior(doc: CurrencyFacts): number {
  if (isCurrent(doc)) return 1;
  if (doc.validity in NOT_IN_FORCE) return doc.validity === '失效' ? EXPIRED_BY_TERM_PRIOR : NOT_CURRENT_PRIOR;
  return SUPERSEDED_PRIOR;
}
