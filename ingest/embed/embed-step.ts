import { ensureVectorIndex, noneEmbedder, type Embedder } from '../../library/embeddings';
import type { Db } from '../../library/store';
import { embedDocuments } from './store-embeddings';

/**
 * The ingest's last stage: the chunks of stored documents embedded and their vectors stored, stamped
 * with the model. Without a model (`none`) it does nothing, and needs no vector tables.
 */
export interface EmbedStep {
  /** The model the vectors are stamped with; null when none is configured (the step is skipped). */
  readonly model: string | null;
  /**
   * Creates the model's HNSW index (once) so vector search never scans; fails, saying what to install,
   * where the library has no vector tables. The first embed() calls it; entry points call it at start.
   */
  ready(): Promise<void>;
  /** Embeds the chunks of these documents that have no vector from this model yet; resolves to how many. */
  embed(documentIds: number[]): Promise<number>;
}

export function embedStep(db: Db, embedder: Embedder = noneEmbedder): EmbedStep {
  if (embedder.dimensions === 0) return { model: null, ready: async () => undefined, embed: async () => 0 };
  let index: Promise<string> | null = null;
  const ready = async () => {
    index ??= ensureVectorIndex(db, embedder.id, embedder.dimensions).catch((err: unknown) => {
      index = null;
      throw err;
    });
    await index;
  };
  return {
    model: embedder.id,
    ready,
    async embed(documentIds) {
      if (documentIds.length === 0) return 0;
      await ready();
      return embedDocuments(db, embedder, documentIds);
    },
  };
}
