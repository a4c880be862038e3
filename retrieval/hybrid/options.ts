import { ZhiwenError } from '../../library/errors';
import { RRF_K } from './rrf';

/**
 * How hybrid search fuses the lexical (BM25) and vector rankings. None of these is tuned yet: no
 * embedding model can be loaded where evals/ runs today, so the defaults are the literature's neutral
 * choice. `npx tsx evals/cli.ts eval --systems zhiwen,zhiwen-hybrid` with ZHIWEN_EMBED_MODEL set measures
 * them; change a default only with that figure beside it (docs/CONVENTIONS.md).
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
}

export type ResolvedHybridOptions = Required<HybridOptions>;

export const HYBRID_DEFAULTS: ResolvedHybridOptions = {
  k: RRF_K,
  lexicalWeight: 1,
  vectorWeight: 1,
  vectorCandidates: 100,
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
  return o;
}

function stripUndefined(options: HybridOptions): HybridOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HybridOptions;
}
