import type { Ingestor } from '../pipeline';
import type { JobQueue, JobWorker } from './job-queue';
import { ingestDocumentHandler, type IngestDocumentData, type IngestDocumentResult } from './ingest-document';

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
