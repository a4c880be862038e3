import type { Db } from '../../library/store';
import { ZhiwenError } from '../../library/errors';
import { dropOtherVectorIndexes, ensureVectorIndex, type Embedder } from '../../library/embeddings';
import { embedPendingChunks, type EmbedPendingOptions } from './store-embeddings';

export interface ReembedResult {
  model: string;
  dimensions: number;
  /** Chunks embedded by this run (new ones and those stamped with another model). */
  embedded: number;
  index: string;
  /** HNSW indexes of other models, dropped once no vector of theirs is left. */
  droppedIndexes: string[];
}

/**
 * Brings the library's vectors to the configured model: embeds every chunk whose vector is missing or
 * stamped with another model or size, builds this model's HNSW index, and drops the others'.
 * Resumable: stopped half-way, it carries on where it stopped.
 */
export async function reembed(
  db: Db,
  embedder: Embedder,
  options: EmbedPendingOptions = {},
): Promise<ReembedResult> {
  if (embedder.dimensions === 0) {
    throw new ZhiwenError(
      'NO_EMBED_MODEL',
      'no embedding model is configured: set ZHIWEN_EMBED_MODEL to a hub id or a local model folder',
    );
  }
  const embedded = await embedPendingChunks(db, embedder, options);
  // Vectors of chunks that are no longer active documents' stay stamped with an old model: drop them.
  await db.query('DELETE FROM chunk_embeddings WHERE model <> $1 OR dimensions <> $2', [
    embedder.id,
    embedder.dimensions,
  ]);
  const index = await ensureVectorIndex(db, embedder.id, embedder.dimensions);
  const droppedIndexes = await dropOtherVectorIndexes(db, index);
  return { model: embedder.id, dimensions: embedder.dimensions, embedded, index, droppedIndexes };
}
