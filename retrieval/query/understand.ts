import { analyze, findDocNumbers, indexForm } from '../../library/analyzer';
import { blankControlChars } from '../../library/rules';
import type { WeightedTerm } from '../lexical';

/** Longest query we analyse; the rest is ignored, so cost never grows with what a user pastes. */
export const MAX_QUERY_CHARS = 200;

/** An HTML tag (<img …>, </b>): a letter right after "<" or "</", so 收入<5000 stays as typed. */
const MARKUP_TAG = /<\/?[a-z][^<>]{0,200}>/giu;

export interface UnderstoodQuery {
  /** The query as typed, trimmed and capped. */
  original: string;
  /** Index form (folded, Simplified, lower case) for exact comparisons. */
  normalized: string;
  terms: WeightedTerm[];
  /** Canonical 文号 keys found in the query: documents bearing them come first. */
  docNumberKeys: string[];
  truncated: boolean;
}

export function understandQuery(raw: string): UnderstoodQuery {
  // Control characters carry no meaning and break segmentation.
  const cleaned = blankControlChars(raw).trim();
  const truncated = cleaned.length > MAX_QUERY_CHARS;
  const original = truncated ? cleaned.slice(0, MAX_QUERY_CHARS) : cleaned;
  // Markup pasted with a query (<b>社保卡</b>) is not what was asked: its tag names would match nothing
  // and make the query look unanswerable. `original` keeps it, for the echo (always shown as text).
  const text = original.replace(MARKUP_TAG, ' ');
  const normalized = indexForm(text).replace(/\s+/g, ' ').trim();
  const terms = analyze(text).map((term) => ({ term, weight: 1 }));
  const docNumberKeys = [...new Set(findDocNumbers(indexForm(text)).map((m) => m.key))];
  return { original, normalized, terms, docNumberKeys, truncated };
}
