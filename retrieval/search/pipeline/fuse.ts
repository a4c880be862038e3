import type { HybridRanker, LexicalRanking } from '../../hybrid';
import type { Candidates } from './retrieve';

/** Step 3: one ranking, and which retriever found which document. */
export interface FusedRanking extends LexicalRanking {
  /** Document ids the lexical ranking held. */
  lexicalIds: ReadonlySet<number>;
  /** Document ids among the query's nearest chunks. */
  vectorIds: ReadonlySet<number>;
}

const NONE: ReadonlySet<number> = new Set();

/**
 * Fuses the lexical ranking with the vector documents by reciprocal rank (retrieval/hybrid); without
 * hybrid search the lexical ranking is the ranking. Vector-only documents join the match set.
 */
export function fuseCandidates(candidates: Candidates, hybrid: HybridRanker | null, accept: (slot: number) => boolean): FusedRanking {
  const { lexical, nearest } = candidates;
  const lexicalIds = new Set(lexical.hits.map((h) => h.docId));
  if (!hybrid) return { ...lexical, lexicalIds, vectorIds: NONE };
  const fused = hybrid.fuse(lexical, lexical.hits, nearest, accept);
  return { ...fused, lexicalIds, vectorIds: nearest ? new Set(nearest.map((h) => h.documentId)) : NONE };
}
