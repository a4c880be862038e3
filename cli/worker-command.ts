import {
  INGEST_QUEUE,
  openJobQueue,
  startIngestWorker,
  type IngestDocumentData,
  type IngestDocumentResult,
} from '../ingest/jobs';
import type { ZhiwenConfig } from './config';
import type { IngestSettings } from './ingest-settings';
import { openIngestRuntime } from './ingest-runtime';

/**
 * `zhiwen worker`: serves the ingest queue on Redis through the Ingestor (stored, enriched, embedded
 * when a model is configured) until SIGINT/SIGTERM, then finishes its active jobs.
 */
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
  const runtime = await openIngestRuntime(config, settings);
  const queue = openJobQueue<IngestDocumentData, IngestDocumentResult>(INGEST_QUEUE, settings.queue);
  const worker = startIngestWorker(runtime.ingestor, queue, { concurrency: options.concurrency });
  console.log(
    `worker serving ${INGEST_QUEUE} (concurrency ${options.concurrency}, embeddings: ${runtime.embedder.id}); stop with Ctrl-C`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('stopping: finishing active jobs…');
  await worker.close();
  await queue.close();
  await runtime.close();
}
