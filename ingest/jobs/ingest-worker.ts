import type { Db } from '../../library/store';
import type { SiteResolver } from '../../library/sites';
import type { JobQueue, JobWorker } from './job-queue';
import {
  ingestDocumentHandler,
  type AfterStore,
  type IngestDocumentData,
  type IngestDocumentResult,
} from './ingest-document';

export interface IngestWorkerOptions {
  /** Documents stored at once by this process; default 4 (the library is the bottleneck). */
  concurrency?: number;
  afterStore?: AfterStore;
  /** Names documents' sites by the registry (see LibraryWriterOptions.sites); the CLI always passes one. */
  sites?: SiteResolver;
}

/** Serves the ingest queue in this process until the returned worker is closed. */
export function startIngestWorker(
  db: Db,
  queue: JobQueue<IngestDocumentData, IngestDocumentResult>,
  options: IngestWorkerOptions = {},
): JobWorker {
  return queue.process(ingestDocumentHandler(db, options.afterStore, { sites: options.sites }), {
    concurrency: options.concurrency ?? 4,
  });
}
