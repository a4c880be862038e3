import type { JobCounts, JobQueue } from './job-queue';

export interface DrainOptions {
  /** How often counts are read, in ms; default 250. */
  intervalMs?: number;
  /** Called with every reading (progress display). */
  onCounts?: (counts: JobCounts) => void;
  /** Stops waiting (the jobs go on). */
  signal?: AbortSignal;
}

/** Outstanding work: jobs waiting, running, or failed and waiting for their retry. */
export const outstanding = (c: JobCounts): number => c.waiting + c.active + c.failed;

/**
 * Resolves with the final counts once nothing is waiting, active or due for a retry. Works the same
 * for both backends, whether the workers run in this process or in others.
 */
export async function waitForDrain(
  queue: Pick<JobQueue, 'counts'>,
  options: DrainOptions = {},
): Promise<JobCounts> {
  const interval = options.intervalMs ?? 250;
  for (;;) {
    const counts = await queue.counts();
    options.onCounts?.(counts);
    if (outstanding(counts) === 0 || options.signal?.aborted) return counts;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
