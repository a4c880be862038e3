import { readFile, stat } from 'node:fs/promises';
import { InvalidRecordError } from '../../library/errors';
import { closeOcr } from '../attachments/ocr';
import { attachmentToFeedItem, type FeedItem } from '../feeds';
import { inputLimitsFromEnv, limitVariable, type InputLimits } from '../limits';
import type { Ingestor } from '../pipeline';
import { ingestDocumentHandler, type IngestDocumentResult } from './ingest-document';
import type { JobHandler } from './job-queue';

export { ATTACHMENT_QUEUE } from './queue-name';
/** One attachment file: read (converted, OCR'd page by page) on a worker, then stored like any item. */
export const READ_ATTACHMENT = 'read-attachment';

/** A file to read: workers must see the same path as the process that enqueued it (shared storage). */
export interface ReadAttachmentData {
  path: string;
  /** Path inside the ingested folder (or the file name): the document's external id derives from it. */
  relativePath: string;
  defaultSite: string;
}

/**
 * The "read-attachment" job: the file through the attachment reader (LibreOffice, OCR) within the
 * per-file time limit, reporting `{ stage: 'ocr', page, pages }` after each OCR'd page, then through
 * the Ingestor as an "ingest-document" job would. What can never be read (missing, oversized,
 * unreadable, too slow) is dead-lettered with the reason, never retried.
 */
export function readAttachmentHandler(
  ingestor: Ingestor,
  limits: InputLimits = inputLimitsFromEnv(),
): JobHandler<ReadAttachmentData, IngestDocumentResult> {
  const store = ingestDocumentHandler(ingestor);
  return async (data, ctx) => {
    await ctx.progress({ stage: 'read' });
    const item = await withinTimeLimit(readItem(data, limits, (p) => void ctx.progress({ stage: 'ocr', ...p }).catch(() => undefined)), data, limits);
    await ctx.progress({ stage: 'store' });
    return store(item, ctx);
  };
}

async function readItem(data: ReadAttachmentData, limits: InputLimits, onProgress: (p: { page: number; pages: number }) => void): Promise<FeedItem> {
  const size = await stat(data.path).then(
    (s) => s.size,
    () => {
      throw new InvalidRecordError(`${data.path}: no such file on this worker (workers read the paths \`zhiwen enqueue\` was given: share the folder)`, { source: data.path });
    },
  );
  if (size > limits.maxAttachmentBytes) {
    throw new InvalidRecordError(`${data.path}: ${size} bytes, over the ${limits.maxAttachmentBytes}-byte limit (${limitVariable('maxAttachmentBytes')})`, { source: data.path });
  }
  const bytes = await readFile(data.path);
  return attachmentToFeedItem(bytes, data.path, { relativePath: data.relativePath, defaultSite: data.defaultSite, limits, onProgress });
}

/** Past the per-file limit the job fails for good; OCR is stopped (the next job starts a fresh engine). */
async function withinTimeLimit<T>(work: Promise<T>, data: ReadAttachmentData, limits: InputLimits): Promise<T> {
  const seconds = limits.attachmentTimeoutSeconds;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void closeOcr().catch(() => undefined);
      reject(new InvalidRecordError(`${data.path}: reading took longer than ${seconds} s (${limitVariable('attachmentTimeoutSeconds')})`, { source: data.path }));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
