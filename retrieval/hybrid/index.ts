/**
 * Hybrid search: the query's nearest chunks (library/embeddings) rolled up to documents and fused with
 * the lexical ranking by reciprocal rank fusion. SearchService uses it when an embedder is configured.
 */
export { HybridRanker } from './hybrid-ranker';
export type { LexicalRanking } from './hybrid-ranker';
export { fuseRankings, rollUpChunks } from './fuse';
export type { DocumentLookup, VectorDocument } from './fuse';
export { fuseScored } from './fuse-scored';
export type { FusionSettings, ScoredList } from './fuse-scored';
export { reciprocalRankFusion, RRF_K } from './rrf';
export type { FusedItem, RankedList } from './rrf';
export { resolveHybridOptions, HYBRID_DEFAULTS, RRF_UNTUNED } from './options';
export type { HybridOptions, ResolvedHybridOptions } from './options';
