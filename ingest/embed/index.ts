/**
 * Embeddings: the Embedder contract (none | transformers.js), stamped storage in chunk_embeddings,
 * per-model HNSW indexes, vector search and the stamp check.
 */
export { noneEmbedder, MODEL_ID_PATTERN } from './embedder';
export type { Embedder, EmbedKind } from './embedder';
export { createTransformersEmbedder, BGE_ZH_QUERY_INSTRUCTION } from './transformers-embedder';
export type { TransformersEmbedderOptions } from './transformers-embedder';
export { openEmbedder } from './open-embedder';
export { embedAndStore, embedDocumentChunks, embedPendingChunks } from './store-embeddings';
export { createEmbedBatcher } from './embed-batcher';
export type { EmbedBatcherOptions } from './embed-batcher';
export type { EmbedPendingOptions } from './store-embeddings';
export { ensureVectorIndex, dropOtherVectorIndexes, vectorIndexName } from './vector-index';
export { vectorSearch, toVectorLiteral } from './vector-search';
export type { VectorHit } from './vector-search';
export { checkEmbeddingStamp } from './stamp';
export type { EmbeddingStampReport } from './stamp';
export { reembed } from './reembed';
export type { ReembedResult } from './reembed';
