import { idf, saturate } from './bm25';
import type { PostingList } from './postings';
import type { Segment } from './segment';
import type { ScoringModel, WeightedTerm } from './types';

/**
 * Rounding must never make a real score exceed its bound: length norms are stored as float32
 * (relative error up to 2^-24 ≈ 6e-8) while bounds are computed in float64. With 1e-9 a document
 * tied with the k-th score was pruned, so which of two equal copies ranked depended on append order.
 */
export const BOUND_SLACK = 1 + 1e-6;

/** One query term while a query runs: its weights, its score bounds and its two fields' postings. */
export interface TermState {
  /** BM25F: query weight × IDF. 'separate': the title field's; `bodyWeight` is the body's. */
  weight: number;
  bodyWeight: number;
  /** The most this term can add to any document's score (before the document's prior). */
  bound: number;
  /** The same for a document whose title lacks the term (most candidates). */
  bodyBound: number;
  title: PostingList | null;
  body: PostingList | null;
}

/**
 * The query's terms that occur in the segment, each with its IDF weight and score bounds (from the
 * lists' largest impact this epoch, scaled by how far the averages drifted since). Call after
 * segment.refreshNorms().
 */
export function weighTerms(segment: Segment, model: ScoringModel, terms: readonly WeightedTerm[]): TermState[] {
  const states: TermState[] = [];
  for (const { term, weight } of mergeTerms(terms)) {
    const state = termState(segment, model, term, weight);
    if (state) states.push(state);
  }
  return states;
}

function termState(segment: Segment, model: ScoringModel, term: string, queryWeight: number): TermState | null {
  const title = segment.titlePostings.get(term) ?? null;
  const body = segment.bodyPostings.get(term) ?? null;
  if (!title && !body) return null;
  const { k1 } = model.bm25;
  const { liveDocs, liveChunks, norms } = segment;
  if (model.fieldModel === 'separate') {
    const weight = queryWeight * idf(liveDocs, title ? segment.liveLength(title, 'title') : 0);
    const bodyWeight = queryWeight * idf(liveChunks, body ? segment.liveLength(body, 'body') : 0);
    // bm25TermScore stays below k1 + 1.
    const bound = ((title ? model.titleWeight * weight : 0) + (body ? bodyWeight : 0)) * (k1 + 1);
    return { weight, bodyWeight, bound: bound * BOUND_SLACK, bodyBound: (body ? bodyWeight * (k1 + 1) : 0) * BOUND_SLACK, title, body };
  }
  const df = Math.min(liveChunks, Math.max(title ? segment.liveLength(title, 'title') : 0, body ? segment.liveLength(body, 'body') : 0));
  const weight = queryWeight * idf(Math.max(1, liveChunks), df);
  const titleDrift = Math.max(1, norms.avgTitle / norms.epochAvgTitle);
  const bodyDrift = Math.max(1, norms.avgChunk / norms.epochAvgChunk);
  const maxBody = body ? norms.maxImpact(body, 'body') * bodyDrift : 0;
  const maxTf = (title ? model.titleWeight * norms.maxImpact(title, 'title') * titleDrift : 0) + maxBody;
  return {
    weight, bodyWeight: weight, bound: weight * saturate(maxTf, k1) * BOUND_SLACK,
    bodyBound: weight * saturate(maxBody, k1) * BOUND_SLACK, title, body,
  };
}

/** A term typed twice (or produced by two expansions) counts once, at its highest weight. */
function mergeTerms(terms: readonly WeightedTerm[]): WeightedTerm[] {
  const merged = new Map<string, number>();
  for (const { term, weight } of terms) merged.set(term, Math.max(merged.get(term) ?? 0, weight));
  return [...merged].map(([term, weight]) => ({ term, weight }));
}
