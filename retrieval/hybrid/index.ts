/**
 * Hybrid search: the query's nearest chunks (library/embeddings) rolled up to documents and fused with
 * the lexical ranking by reciprocal rank fusion. SearchService uses it when an embedder is configured.
 */
export { HybridRanker } from './hybrid-ranker';
export type { LexicalRanking } from './hybrid-ranker';
export { fuseRankings, rollUpChunks } from './fuse';
export type { DocumentLookup, VectorDocument } from './fuse';
export { reciprocalRankFusion, RRF_K } from './rrf';
export type { FusedItem, RankedList } from './rrf';
export { resolveHybridOptions, HYBRID_DEFAULTS } from './options';
export type { HybridOptions, ResolvedHybridOptions } from './options';
