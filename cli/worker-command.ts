import { openLibrary } from '../library/store';
import { siteResolverFromEnv } from './sites-command';
import { ensureVectorIndex, openEmbedder, type Embedder } from '../library/embeddings';
import { createEmbedBatcher } from '../ingest/embed';
import type { Db } from '../library/store';
import {
  INGEST_QUEUE,
  openJobQueue,
  startIngestWorker,
  type AfterStore,
  type IngestDocumentData,
  type IngestDocumentResult,
} from '../ingest/jobs';
import type { ZhiwenConfig } from './config';
import type { IngestSettings } from './ingest-settings';

/**
 * After a document is stored: embed its chunks (batched across concurrent jobs) when a model is
 * configured. The model's HNSW index is created up front so vector search never scans.
 */
export async function embeddingStep(
  db: Db,
  embedder: Embedder,
  concurrency: number,
): Promise<AfterStore | undefined> {
  if (embedder.dimensions === 0) return undefined;
  await ensureVectorIndex(db, embedder.id, embedder.dimensions);
  const embed = createEmbedBatcher(db, embedder, { maxDocuments: concurrency });
  return (_db, documentId) => embed(documentId);
}

/** `zhiwen worker`: serves the ingest queue on Redis until SIGINT/SIGTERM, then finishes its active jobs. */
export async function workerCommand(
  config: ZhiwenConfig,
  settings: IngestSettings,
  options: { concurrency: number },
): Promise<void> {
  if (!settings.queue.redisUrl) {
    throw new Error(
      'a worker serves the shared queue on Redis: set REDIS_URL (without it, `zhiwen enqueue` runs the jobs in-process)',
    );
  }
  const db = await openLibrary(config.library);
  const embedder = await openEmbedder(settings.embedModel, { batchSize: settings.embedBatchSize });
  const queue = openJobQueue<IngestDocumentData, IngestDocumentResult>(INGEST_QUEUE, settings.queue);
  const worker = startIngestWorker(db, queue, {
    sites: siteResolverFromEnv(db),
    concurrency: options.concurrency,
    afterStore: await embeddingStep(db, embedder, options.concurrency),
  });
  console.log(
    `worker serving ${INGEST_QUEUE} (concurrency ${options.concurrency}, embeddings: ${embedder.id}); stop with Ctrl-C`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('stopping: finishing active jobs…');
  await worker.close();
  await queue.close();
  await embedder.close();
  await db.close();
}
