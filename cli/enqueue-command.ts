import type { FeedKind } from '../ingest/feeds';
import {
  INGEST_QUEUE,
  enqueueInputs,
  openJobQueue,
  startIngestWorker,
  waitForDrain,
  type IngestDocumentData,
  type IngestDocumentResult,
  type JobCounts,
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
  let worker: JobWorker | null = null;
  try {
    if (runtime) {
      worker = startIngestWorker(runtime.ingestor, queue, { concurrency: options.concurrency });
    } else {
      console.error(
        `jobs go to Redis queue "${INGEST_QUEUE}": start \`zhiwen worker\` processes to work on them`,
      );
    }
    const baseline = await queue.counts();
    const display = jobProgressDisplay('ingest', options.progress && options.wait, baseline);
    let total = 0;
    const result = await enqueueInputs(queue, inputs, {
      kind: options.kind,
      site: options.site,
      publishQa: options.publishQa,
      onBatch: (n) => {
        total = n;
        void queue.counts().then(
          (c) => display.update(c, total),
          () => undefined,
        );
      },
    });
    console.error(`enqueued ${result.enqueued} items; ${result.skipped.length} files passed over`);
    for (const r of result.rejected) console.error(`  cannot read ${r.source}: ${r.error}`);
    if (!options.wait) return await queue.counts();
    const final = await waitForDrain(queue, { intervalMs: 250, onCounts: (c) => display.update(c, total) });
    display.stop();
    await printRunSummary(queue, final, baseline);
    return final;
  } finally {
    await worker?.close();
    await queue.close();
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
