import {
  ATTACHMENT_QUEUE,
  INGEST_QUEUE,
  openJobQueue,
  startAttachmentWorker,
  startIngestWorker,
  type IngestDocumentData,
  type IngestDocumentResult,
  type JobWorker,
  type ReadAttachmentData,
} from '../ingest/jobs';
import type { ZhiwenConfig } from './config';
import type { IngestSettings } from './ingest-settings';
import { openIngestRuntime } from './ingest-runtime';

/**
 * `zhiwen worker`: serves the ingest queue on Redis through the Ingestor (stored, enriched, embedded
 * when a model is configured), and the attachment queue (conversion, OCR) with its own concurrency
 * (0: not here), until SIGINT/SIGTERM, then finishes its active jobs.
 */
export async function workerCommand(
  config: ZhiwenConfig,
  settings: IngestSettings,
  options: { concurrency: number; attachmentConcurrency: number },
): Promise<void> {
  if (!settings.queue.redisUrl) {
    throw new Error(
      'a worker serves the shared queue on Redis: set REDIS_URL (without it, `zhiwen enqueue` runs the jobs in-process)',
    );
  }
  const runtime = await openIngestRuntime(config, settings);
  const queue = openJobQueue<IngestDocumentData, IngestDocumentResult>(INGEST_QUEUE, settings.queue);
  const worker = startIngestWorker(runtime.ingestor, queue, { concurrency: options.concurrency });
  const attachments = options.attachmentConcurrency > 0 ? openJobQueue<ReadAttachmentData, IngestDocumentResult>(ATTACHMENT_QUEUE, settings.queue) : null;
  const reader: JobWorker | null = attachments
    ? startAttachmentWorker(runtime.ingestor, attachments, { concurrency: options.attachmentConcurrency })
    : null;
  console.log(
    `worker serving ${INGEST_QUEUE} (concurrency ${options.concurrency}, embeddings: ${runtime.embedder.id})` +
      (attachments ? ` and ${ATTACHMENT_QUEUE} (concurrency ${options.attachmentConcurrency})` : '') + '; stop with Ctrl-C',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('stopping: finishing active jobs…');
  await Promise.all([worker.close(), reader?.close()]);
  await queue.close();
  await attachments?.close();
  await runtime.close();
}
