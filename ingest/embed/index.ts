/**
 * Writing embeddings: the ingest's embedding stage (chunks of stored documents embedded as passages and
 * stored stamped with the model), embedding every pending chunk, and `zhiwen reembed`.
 * The Embedder contract, HNSW indexes, vector search and the stamp check live in library/embeddings.
 */
export { embedAndStore, embedDocuments, embedPendingChunks } from './store-embeddings';
export type { EmbedPendingOptions } from './store-embeddings';
export { embedStep } from './embed-step';
export type { EmbedStep } from './embed-step';
export { reembed } from './reembed';
export type { ReembedResult } from './reembed';
