import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../job-queue';
import { openJobQueue } from '../open-queue';
import type { JobQueueOptions } from '../options';

/** Redis for tests (CI starts one); REDIS_TEST_URL overrides. */
export const TEST_REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

export interface BackendCase {
  name: string;
  /** A fresh queue with a unique name and prefix; dispose() removes it through the queue's API. */
  open<D, R>(
    options?: Omit<JobQueueOptions, 'redisUrl' | 'prefix'>,
  ): { queue: JobQueue<D, R>; prefix: string; dispose(): Promise<void> };
}

/** The backends every job contract test runs against. */
export function backendCases(): BackendCase[] {
  const make = (name: string, redisUrl?: string): BackendCase => ({
    name,
    open<D, R>(options: Omit<JobQueueOptions, 'redisUrl' | 'prefix'> = {}) {
      const prefix = `test-${randomUUID()}`;
      const queue = openJobQueue<D, R>('contract', { ...options, redisUrl, prefix });
      return {
        queue,
        prefix,
        async dispose() {
          await queue.close();
          // A fresh handle: close() above also closed the one that could obliterate.
          const cleaner = openJobQueue('contract', { redisUrl, prefix });
          await cleaner.obliterate();
          await cleaner.close();
        },
      };
    },
  });
  return [make('in-process'), make('bullmq', TEST_REDIS_URL)];
}
