import type { VectorHit } from '../../../library/embeddings';
import type { HybridRanker, LexicalRanking } from '../../hybrid';
import type { WeightedTerm } from '../../lexical';
import { libraryProbe, type QueryUnderstanding, type Unmatched } from '../../query';
import type { LibraryReplica } from '../replica';
import type { PlannedSearch } from './plan';

/** Lexical candidates fused with the vector ranking in hybrid search. */
const HYBRID_POOL = 100;

/** Step 2: the candidates of both retrievers, before fusion. */
export interface Candidates {
  /** The lexical ranking of the terms searched (the correction's when the spelling retry applied it). */
  lexical: LexicalRanking;
  /** The weighted terms the lexical ranking is for. */
  terms: WeightedTerm[];
  /** "您是不是要找…": applied = the lexical ranking is for the corrected query. */
  correction?: { query: string; applied: boolean };
  /** Set when matching strictness emptied the lexical ranking on purpose (the 文号 asked for is not held, or the query's important words are unmatched). */
  unmatched?: Unmatched;
  /** The query's nearest chunks; null without hybrid search or when the vector search failed. */
  nearest: VectorHit[] | null;
}

/**
 * Retrieves lexical ∥ vector: the query's nearest chunks are fetched (model and database) while BM25
 * runs, and the lexical search runs through the spelling retry (lexicalWithSpellingRetry). Hybrid
 * search ranks a wider lexical pool for fusion; lexical only needs the page.
 */
export async function retrieveCandidates(
  planned: PlannedSearch,
  replica: LibraryReplica,
  understanding: QueryUnderstanding,
  hybrid: HybridRanker | null,
): Promise<Candidates> {
  // Started first, never rejects (HybridRanker.nearest resolves to null on failure).
  const nearest = hybrid?.nearest(planned.plan.query.original);
  const pool = hybrid ? Math.max(planned.offset + planned.limit, HYBRID_POOL) : planned.offset + planned.limit;
  const lexical = lexicalWithSpellingRetry(planned, replica, understanding, pool);
  return { ...lexical, nearest: nearest ? await nearest : null };
}

/**
 * The spelling retry: the plan's terms are searched, then its correction when it has one; the query
 * understanding decides which ranking stands and whether the correction is offered or applied
 * (retrieval/query QueryUnderstanding.searchWithCorrection).
 */
function lexicalWithSpellingRetry(
  planned: PlannedSearch,
  replica: LibraryReplica,
  understanding: QueryUnderstanding,
  pool: number,
): Omit<Candidates, 'nearest'> {
  const { accept, unfiltered, boosts } = planned;
  const collapse = replica.reposts.collapse;
  // Strictness (retrieval/query strictness.ts): which documents hold a term, and whether the 文号 asked for is here.
  const probe = libraryProbe(
    (terms, limit) => replica.index.search({ terms, limit, accept: unfiltered ? undefined : accept, boosts, collapse }),
    (key) => [...replica.keys.byDocNumber(key)].filter((id) => {
      const slot = replica.index.slotOf(id);
      return slot !== undefined && accept(slot);
    }),
  );
  const outcome = understanding.searchWithCorrection(
    planned.plan,
    (terms) => replica.index.search({ terms, limit: pool, accept: unfiltered ? undefined : accept, boosts, collapse }),
    probe,
  );
  const { hits, total, matched, terms, correction, unmatched } = outcome;
  return { lexical: { hits, total, matched }, terms, ...(correction ? { correction } : {}), ...(unmatched ? { unmatched } : {}) };
}
