import type { FeedKind } from '../ingest/feeds';
import {
  ATTACHMENT_QUEUE,
  INGEST_QUEUE,
  enqueueInputs,
  startAttachmentWorker,
  type ReadAttachmentData,
  openJobQueue,
  startIngestWorker,
  waitForDrain,
  type IngestDocumentData,
  type IngestDocumentResult,
  type JobCounts,
  type JobQueue,
  type JobWorker,
} from '../ingest/jobs';
import type { ZhiwenConfig } from './config';
import type { IngestSettings } from './ingest-settings';
import { jobProgressDisplay } from './job-progress';
import { openIngestRuntime } from './ingest-runtime';

export interface EnqueueCommandOptions {
  site?: string;
  kind?: FeedKind;
  /** Publish Q&A pairs' entries without review (--publish-qa). */
  publishQa?: boolean;
  progress: boolean;
  wait: boolean;
  /** Also work in this process (always so without Redis). */
  work: boolean;
  concurrency: number;
  /** Attachment jobs at once when working in this process. */
  attachmentConcurrency: number;
}

/**
 * `zhiwen enqueue <inputs…>`: one ingest-document job per item of feeds, pages, attachments or folders
 * of them. With REDIS_URL the jobs go to Redis for `zhiwen worker` processes; without it they run here,
 * in-process. Waits and shows progress unless --no-wait; lists the dead letters with their reasons.
 */
export async function enqueueCommand(
  inputs: string[],
  config: ZhiwenConfig,
  settings: IngestSettings,
  options: EnqueueCommandOptions,
): Promise<JobCounts> {
  const inProcess = !settings.queue.redisUrl;
  if (inProcess && !options.wait) {
    throw new Error('--no-wait needs REDIS_URL: without Redis the jobs run in this process');
  }
  const runtime = inProcess || options.work ? await openIngestRuntime(config, settings) : null;
  const queue = openJobQueue<IngestDocumentData, IngestDocumentResult>(INGEST_QUEUE, settings.queue);
  const attachments = openJobQueue<ReadAttachmentData, IngestDocumentResult>(ATTACHMENT_QUEUE, settings.queue);
  const both = bothQueues(queue, attachments);
  const workers: JobWorker[] = [];
  try {
    if (runtime) {
      workers.push(startIngestWorker(runtime.ingestor, queue, { concurrency: options.concurrency }));
      workers.push(startAttachmentWorker(runtime.ingestor, attachments, { concurrency: options.attachmentConcurrency }));
    } else {
      console.error(
        `jobs go to Redis queues "${INGEST_QUEUE}" and "${ATTACHMENT_QUEUE}": start \`zhiwen worker\` processes to work on them`,
      );
    }
    const baseline = await both.counts();
    const display = jobProgressDisplay('ingest', options.progress && options.wait, baseline);
    let total = 0;
    const result = await enqueueInputs(queue, inputs, {
      kind: options.kind,
      site: options.site,
      publishQa: options.publishQa,
      attachments,
      onBatch: (n) => {
        total = n;
        void both.counts().then(
          (c) => display.update(c, total),
          () => undefined,
        );
      },
    });
    console.error(`enqueued ${result.enqueued} items; ${result.skipped.length} files passed over`);
    for (const r of result.rejected) console.error(`  cannot read ${r.source}: ${r.error}`);
    if (!options.wait) return await both.counts();
    const final = await waitForDrain(both, { intervalMs: 250, onCounts: (c) => display.update(c, total) });
    display.stop();
    await printRunSummary(both, final, baseline);
    return final;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
    await attachments.close();
    await runtime?.close();
  }
}

async function printRunSummary(
  queue: { deadLetters(limit?: number): Promise<Array<{ reason: string }>> },
  final: JobCounts,
  baseline: JobCounts,
): Promise<void> {
  const dead = final.dead - baseline.dead;
  console.log(`done: ${final.completed - baseline.completed} stored or unchanged, ${dead} dead letters`);
  if (dead === 0) return;
  for (const d of await queue.deadLetters(Math.min(dead, 20))) console.log(`  ${d.reason}`);
  if (dead > 20) console.log(`  … and ${dead - 20} more (see \`zhiwen jobs --dead 200\`)`);
}

/** The ingest and attachment queues counted as one run (their dead letters listed together). */
function bothQueues(a: Pick<JobQueue, 'counts' | 'deadLetters'>, b: Pick<JobQueue, 'counts' | 'deadLetters'>) {
  return {
    async counts(): Promise<JobCounts> {
      const [x, y] = await Promise.all([a.counts(), b.counts()]);
      return Object.fromEntries(Object.keys(x).map((k) => [k, x[k as keyof JobCounts] + y[k as keyof JobCounts]])) as unknown as JobCounts;
    },
    async deadLetters(limit?: number): Promise<Array<{ reason: string }>> {
      return [...(await b.deadLetters(limit)), ...(await a.deadLetters(limit))].slice(0, limit);
    },
  };
}
