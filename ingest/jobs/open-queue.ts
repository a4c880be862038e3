import { BullJobQueue } from './bullmq-queue';
import type { JobQueue } from './job-queue';
import { MemoryJobQueue } from './memory-queue';
import type { JobQueueOptions } from './options';

/** A queue on BullMQ when `redisUrl` is set (REDIS_URL), otherwise in this process's memory. */
export function openJobQueue<D = unknown, R = unknown>(
  name: string,
  options: JobQueueOptions = {},
): JobQueue<D, R> {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
    throw new RangeError(`job queue name "${name}" may use letters, digits, '_', '.' and '-' only`);
  }
  return options.redisUrl
    ? new BullJobQueue<D, R>(name, { ...options, redisUrl: options.redisUrl })
    : new MemoryJobQueue<D, R>(name, options);
}
