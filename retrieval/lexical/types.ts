import type { Bm25Params } from './bm25';
import type { Collapse } from './collapsing-top-k';

export interface IndexedDocument {
  id: number;
  titleTokens: readonly string[];
  chunks: ReadonlyArray<{ id: number; tokens: readonly string[] }>;
  /** Multiplies the document's final score (validity, authority, freshness); 1 = neutral. */
  prior?: number;
}

export interface WeightedTerm {
  term: string;
  /** 1 for the user's own words; less for expansions (synonyms, corrections). */
  weight: number;
}

export interface LexicalQuery {
  terms: WeightedTerm[];
  limit: number;
  /** Document slots that may be returned; omitted = all. */
  accept?: (docSlot: number) => boolean;
  /**
   * Score every matching document instead of skipping those that cannot reach the top `limit`
   * (MaxScore). Same hits either way; for tests and comparisons.
   */
  exhaustive?: boolean;
  /**
   * Per-query score multipliers (≥ 1) for a few documents, keyed by slot: a title named inside the
   * query. Applied inside the ranking, so the top `limit` is exact with them.
   */
  boosts?: ReadonlyMap<number, number>;
  /**
   * One hit per group (reposts of one text): the top `limit` groups, each ranked by its best
   * member and shown by its preferred member when that member ranked. Totals are not collapsed here.
   */
  collapse?: Collapse;
}

export interface LexicalHit {
  docSlot: number;
  docId: number;
  score: number;
  titleScore: number;
  bodyScore: number;
  /** The chunk whose body matched best (for the snippet), or -1 when only the title matched. */
  bestChunkId: number;
}

/** How title and body combine: see LexicalIndexOptions.fieldModel. */
export type FieldModel = 'bm25f' | 'separate';

export interface LexicalIndexOptions {
  bm25?: Bm25Params;
  /**
   * Weight of the title field against the body. 2 is the value BASELINES.md measured for
   * "BM25 fields" (law-title nDCG@10 0.673 vs 0.447 with the title folded into the body).
   */
  titleWeight?: number;
  /**
   * How title and body combine: 'bm25f' (one saturating score over title + chunk) or 'separate'
   * (two BM25 scores summed, BASELINES' "BM25 fields"). See evals/README.md for the comparison.
   */
  fieldModel?: FieldModel;
  /** Bytes the common terms' match bitsets may hold together (default 32 MiB; see COMMON_BITS_BUDGET). */
  commonBitsBudget?: number;
}

/** The scoring options with their defaults applied, fixed for the index's life. */
export interface ScoringModel {
  bm25: Bm25Params;
  titleWeight: number;
  fieldModel: FieldModel;
}
