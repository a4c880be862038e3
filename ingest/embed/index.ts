/**
 * Writing embeddings: chunks embedded as passages and stored stamped with the model (one document after
 * an ingest job, batched across concurrent jobs, or every pending chunk), and `zhiwen reembed`.
 * The Embedder contract, HNSW indexes, vector search and the stamp check live in library/embeddings.
 */
export { embedAndStore, embedDocumentChunks, embedPendingChunks } from './store-embeddings';
export type { EmbedPendingOptions } from './store-embeddings';
export { createEmbedBatcher } from './embed-batcher';
export type { EmbedBatcherOptions } from './embed-batcher';
export { reembed } from './reembed';
export type { ReembedResult } from './reembed';
