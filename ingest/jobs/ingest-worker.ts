import type { Ingestor } from '../pipeline';
import type { JobQueue, JobWorker } from './job-queue';
import { ingestDocumentHandler, type IngestDocumentData, type IngestDocumentResult } from './ingest-document';
import { readAttachmentHandler, type ReadAttachmentData } from './read-attachment';
import type { InputLimits } from '../limits';

export interface IngestWorkerOptions {
  /** Jobs at once in this process; default 4, range 1–64. Concurrent jobs share the Ingestor's transactions. */
  concurrency?: number;
  /** Runs after each stored job, before it completes (tests slow a worker down to kill it mid-run). */
  afterEach?: (result: IngestDocumentResult) => Promise<void>;
}

/** Serves the ingest queue in this process, through `ingestor`, until the returned worker is closed. */
export function startIngestWorker(
  ingestor: Ingestor,
  queue: JobQueue<IngestDocumentData, IngestDocumentResult>,
  options: IngestWorkerOptions = {},
): JobWorker {
  const handler = ingestDocumentHandler(ingestor);
  const afterEach = options.afterEach;
  return queue.process(
    afterEach
      ? async (data, ctx) => {
          const result = await handler(data, ctx);
          await afterEach(result);
          return result;
        }
      : handler,
    { concurrency: options.concurrency ?? 4 },
  );
}

/**
 * Serves the attachment queue (conversion and OCR) in this process. Concurrency defaults to 1: OCR
 * takes a core per page, and the shared OCR engine reads one page at a time.
 */
export function startAttachmentWorker(
  ingestor: Ingestor,
  queue: JobQueue<ReadAttachmentData, IngestDocumentResult>,
  options: { concurrency?: number; limits?: InputLimits } = {},
): JobWorker {
  return queue.process(readAttachmentHandler(ingestor, options.limits), { concurrency: options.concurrency ?? 1 });
}
