/**
 * Embeddings at search and ingest time alike: the Embedder contract (none | transformers.js | OpenAI-compatible endpoint), per-model
 * HNSW indexes over the stamped vectors in chunk_embeddings, vector search, and the stamp check.
 * Writing vectors (embedding chunks, re-embedding) is ingest's: see ingest/embed.
 */
export { noneEmbedder, MODEL_ID_PATTERN, BGE_ZH_QUERY_INSTRUCTION } from './embedder';
export type { Embedder, EmbedKind } from './embedder';
// The transformers.js embedder is reached through openEmbedder only, which loads it on demand.
export type { TransformersEmbedderOptions } from './transformers-embedder';
export { openEmbedder } from './open-embedder';
export type { OpenEmbedderOptions } from './open-embedder';
// The OpenAI-compatible endpoint embedder is opened by openEmbedder when ZHIWEN_EMBED_URL is set.
export type { OpenAIEmbedderOptions } from './openai-embedder';
export { endpointOptionsFromEnv } from './endpoint-settings';
export { withDiskCache } from './disk-cache';
export type { CachedEmbedder, DiskCacheOptions, DiskCacheStats } from './disk-cache';
export { ensureVectorIndex, dropOtherVectorIndexes, vectorIndexName } from './vector-index';
export { vectorSearch, toVectorLiteral } from './vector-search';
export type { VectorHit } from './vector-search';
export { checkEmbeddingStamp } from './stamp';
export { assertVectorSupport } from './vector-support';
export type { EmbeddingStampReport } from './stamp';
