import type { IndexFeedDocument } from '../../library/documents';

/**
 * Repealed or expired documents stay findable (people look up old rules) but rank below current ones
 * and carry a label. 0.5 halves their score: enough to put a current document with similar text first.
 * Not yet tuned on evals (the dev gold sets hold no validity labels).
 */
const INVALID_PRIOR = 0.5;
const INVALID = new Set(['废止', '失效']);

/** The score multiplier of a document from its signals (validity for now). */
export function documentPrior(doc: Pick<IndexFeedDocument, 'validity'>): number {
  return INVALID.has(doc.validity) ? INVALID_PRIOR : 1;
}

export function isCurrent(validity: string): boolean {
  return !INVALID.has(validity);
}
