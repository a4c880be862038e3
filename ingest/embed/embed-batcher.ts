import type { Queryable } from '../../library/store';
import type { Embedder } from '../../library/embeddings';
import { embedAndStore } from './store-embeddings';

export interface EmbedBatcherOptions {
  /** Documents gathered into one embedding call; default 16 (about the worker's concurrency). */
  maxDocuments?: number;
  /** Longest wait for more documents before embedding what has come, in ms; default 10. */
  maxWaitMs?: number;
}

/**
 * Embeds the chunks of documents stored by concurrent ingest jobs together: each caller waits until its
 * document's vectors are written (so a job completes only with its vectors stored), but the model runs
 * on full batches instead of one document at a time.
 */
export function createEmbedBatcher(
  db: Queryable,
  embedder: Embedder,
  options: EmbedBatcherOptions = {},
): (documentId: number) => Promise<void> {
  const maxDocuments = options.maxDocuments ?? 16;
  const maxWaitMs = options.maxWaitMs ?? 10;
  let pending: Array<{ id: number; resolve: () => void; reject: (err: unknown) => void }> = [];
  let timer: NodeJS.Timeout | null = null;

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      const { rows } = await db.query<{ id: number; heading: string | null; text: string }>(
        `SELECT c.id, c.heading, c.text FROM chunks c
           LEFT JOIN chunk_embeddings e ON e.chunk_id = c.id
          WHERE c.document_id = ANY($1::bigint[]) AND (e.chunk_id IS NULL OR e.model <> $2 OR e.dimensions <> $3)
          ORDER BY c.id`,
        [batch.map((b) => b.id), embedder.id, embedder.dimensions],
      );
      await embedAndStore(
        db,
        embedder,
        rows.map((r) => ({ ...r, id: Number(r.id) })),
      );
      for (const b of batch) b.resolve();
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  };

  return (documentId: number) => {
    if (embedder.dimensions === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      pending.push({ id: documentId, resolve, reject });
      if (pending.length >= maxDocuments) void flush();
      else timer ??= setTimeout(() => void flush(), maxWaitMs);
    });
  };
}
