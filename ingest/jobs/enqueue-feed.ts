import { createHash } from 'node:crypto';
import path from 'node:path';
import { planInputs, readPlannedFile, RunIds, type FeedItem, type FeedKind, type SkippedFile } from '../feeds';
import type { JobQueue } from './job-queue';
import { INGEST_DOCUMENT, type IngestDocumentData } from './ingest-document';
import { outstanding } from './wait-for-drain';
import { READ_ATTACHMENT, type ReadAttachmentData } from './read-attachment';
import { stat } from 'node:fs/promises';

export interface EnqueueOptions {
  /** One reader for every file (the CLI's --kind); default: by extension and first record. */
  kind?: FeedKind;
  /** Site code for records and files that name none; default the feed's file name or folder name. */
  site?: string;
  /** Publish Q&A pairs' entries without review (the operator's --publish-qa); default false: drafts. */
  publishQa?: boolean;
  /** Jobs added per round trip; default 500. */
  batchSize?: number;
  /**
   * Back-pressure: while more than this many jobs are outstanding, adding pauses, so a huge input does
   * not sit in Redis all at once. Default 20,000; Infinity turns it off.
   */
  maxOutstanding?: number;
  onBatch?: (enqueued: number) => void;
  /**
   * Attachment files (PDF, scans, .doc, OFD …) go here as "read-attachment" jobs, read on the workers
   * that serve this queue, instead of being read while enqueueing. Default: read here.
   */
  attachments?: JobQueue<ReadAttachmentData, unknown>;
}

export interface EnqueueResult {
  enqueued: number;
  /** Inputs that cannot be read at all (missing path, unsupported file named explicitly). */
  rejected: FeedItem[];
  /** Files inside folders passed over on purpose, and why. */
  skipped: SkippedFile[];
}

/**
 * One "ingest-document" job per item of the inputs (feeds, pages, attachments, folders of them), read
 * by ingest/feeds. Job ids derive from the file, line and content, so enqueueing the same input again
 * while its jobs are still known adds nothing twice.
 */
export async function enqueueInputs(
  queue: JobQueue<IngestDocumentData, unknown>,
  inputs: string[],
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const plan = await planInputs(inputs, { kind: options.kind, site: options.site });
  const batchSize = options.batchSize ?? 500;
  const maxOutstanding = options.maxOutstanding ?? 20_000;
  let batch: Array<{ name: string; data: IngestDocumentData; opts: { jobId: string } }> = [];
  let enqueued = 0;
  const flush = async () => {
    while (maxOutstanding !== Infinity && outstanding(await queue.counts()) > maxOutstanding) {
      await new Promise((r) => setTimeout(r, 200));
    }
    await queue.addBulk(batch);
    enqueued += batch.length;
    batch = [];
    options.onBatch?.(enqueued);
  };
  // An id given twice in the run (any of its files) is rejected the second time, not enqueued to overwrite.
  const reading = { ids: new RunIds() };
  for (const file of plan.files) {
    const absolute = path.resolve(file.path);
    if (options.attachments && file.format === 'file' && file.kind === 'attachments') {
      // The same file unchanged (size and time) is one job, however often it is enqueued.
      const { size, mtimeMs } = await stat(absolute);
      const data: ReadAttachmentData = { path: absolute, relativePath: file.relativePath, defaultSite: file.defaultSite };
      const jobId = `att-${createHash('sha1').update(`${JSON.stringify(data)}\n${size}\n${mtimeMs}`).digest('hex')}`;
      await options.attachments.addBulk([{ name: READ_ATTACHMENT, data, opts: { jobId } }]);
      enqueued++;
      continue;
    }
    for await (const item of readPlannedFile(file, reading)) {
      // The flag is part of the job (and its id): the same feed enqueued again with it publishes.
      const data: IngestDocumentData = item.qa && options.publishQa ? { ...item, publishQa: true } : item;
      const key = `${absolute}\n${item.lineNumber ?? ''}\n${JSON.stringify(data)}`;
      batch.push({
        name: INGEST_DOCUMENT,
        data,
        opts: { jobId: `doc-${createHash('sha1').update(key).digest('hex')}` },
      });
      if (batch.length >= batchSize) await flush();
    }
  }
  if (batch.length) await flush();
  return { enqueued, rejected: plan.rejected, skipped: plan.skipped };
}
