/** Jobs: one contract over BullMQ (REDIS_URL) and an in-process queue, and the ingest jobs on it. */
export type {
  JobQueue,
  JobOptions,
  NewJob,
  JobHandler,
  JobContext,
  JobProgress,
  ProcessOptions,
  JobWorker,
  JobCounts,
  JobState,
  DeadLetter,
  JobStatus,
} from './job-queue';
export { openJobQueue } from './open-queue';
export { MemoryJobQueue } from './memory-queue';
export { BullJobQueue } from './bullmq-queue';
export { resolveJobQueueOptions, backoffDelay, failureReason } from './options';
export type { JobQueueOptions, ResolvedJobQueueOptions } from './options';
export { waitForDrain, outstanding } from './wait-for-drain';
export type { DrainOptions } from './wait-for-drain';
export { INGEST_QUEUE, INGEST_DOCUMENT, ingestDocumentHandler } from './ingest-document';
export type { IngestDocumentData, IngestDocumentResult } from './ingest-document';
export { enqueueInputs } from './enqueue-feed';
export type { EnqueueOptions, EnqueueResult } from './enqueue-feed';
export { ATTACHMENT_QUEUE, READ_ATTACHMENT, readAttachmentHandler } from './read-attachment';
export type { ReadAttachmentData } from './read-attachment';
export { startIngestWorker, startAttachmentWorker } from './ingest-worker';
export type { IngestWorkerOptions } from './ingest-worker';
