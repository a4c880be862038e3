import { Job, MetricsTime, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { InvalidRecordError } from '../../library/errors';
import type {
  DeadLetter,
  JobCounts,
  JobHandler,
  JobOptions,
  JobProgress,
  JobQueue,
  JobState,
  JobStatus,
  JobWorker,
  NewJob,
  ProcessOptions,
} from './job-queue';
import { concurrencyOf } from './memory-queue';
import {
  checkJobId,
  failureReason,
  resolveJobQueueOptions,
  type JobQueueOptions,
  type ResolvedJobQueueOptions,
} from './options';

/** BullMQ's states in our five. A delayed job here is always a failed one waiting for its backoff. */
const STATE: Record<string, JobState> = {
  waiting: 'waiting',
  wait: 'waiting',
  paused: 'waiting',
  prioritized: 'waiting',
  'waiting-children': 'waiting',
  active: 'active',
  completed: 'completed',
  delayed: 'failed',
  failed: 'dead',
};

/**
 * The Redis backend: BullMQ queues, so any number of worker processes share the load and a killed
 * worker's jobs go back to waiting once their lock expires (lockMs). Dead letters are BullMQ's failed set.
 */
export class BullJobQueue<D = unknown, R = unknown> implements JobQueue<D, R> {
  readonly backend = 'bullmq' as const;
  private readonly options: ResolvedJobQueueOptions & { redisUrl: string };
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly workers = new Set<JobWorker>();

  constructor(
    readonly name: string,
    options: JobQueueOptions & { redisUrl: string },
  ) {
    this.options = { ...resolveJobQueueOptions(options), redisUrl: options.redisUrl };
    // Commands fail after a few reconnect attempts instead of hanging a status request forever.
    this.connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: 3 });
    this.connection.on('error', () => undefined); // reported through the failing command
    this.queue = new Queue(name, {
      connection: this.connection,
      prefix: this.options.prefix,
      defaultJobOptions: {
        attempts: this.options.attempts,
        backoff: { type: 'exponential', delay: this.options.backoffMs },
        removeOnComplete: { count: this.options.keepCompleted },
        removeOnFail: false,
      },
    });
    this.queue.on('error', (err) => console.error(`job queue ${name}: ${err.message}`));
  }

  async add(name: string, data: D, opts: JobOptions = {}): Promise<string> {
    checkJobId(opts.jobId);
    const job = await this.queue.add(name, data, toBullOptions(opts));
    return job.id!;
  }

  async addBulk(jobs: Array<NewJob<D>>): Promise<string[]> {
    for (const j of jobs) checkJobId(j.opts?.jobId);
    const added = await this.queue.addBulk(
      jobs.map((j) => ({ name: j.name, data: j.data, opts: toBullOptions(j.opts ?? {}) })),
    );
    return added.map((j) => j.id!);
  }

  process(handler: JobHandler<D, R>, options: ProcessOptions = {}): JobWorker {
    // Workers block on Redis: BullMQ wants their connections to retry forever.
    const connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    const worker = new Worker<D, R>(
      this.name,
      async (job) => {
        const ctx = {
          id: job.id!,
          name: job.name,
          attempt: job.attemptsMade + 1,
          progress: (value: JobProgress) => job.updateProgress(value),
        };
        try {
          return await handler(job.data, ctx);
        } catch (err) {
          // A bad record never gets better: straight to the dead letters, no retry.
          if (err instanceof InvalidRecordError) throw new UnrecoverableError(failureReason(err));
          const wrapped = new Error(failureReason(err));
          if (err instanceof Error) wrapped.stack = err.stack;
          throw wrapped;
        }
      },
      {
        connection,
        prefix: this.options.prefix,
        concurrency: concurrencyOf(options),
        lockDuration: this.options.lockMs,
        stalledInterval: Math.max(500, Math.round(this.options.lockMs / 2)),
        maxStalledCount: this.options.maxStalls,
        metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      },
    );
    worker.on('error', (err) => console.error(`job worker ${this.name}: ${err.message}`));
    const handle: JobWorker = {
      close: async () => {
        this.workers.delete(handle);
        await worker.close();
        await connection.quit().catch(() => undefined);
      },
    };
    this.workers.add(handle);
    return handle;
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts(
      'waiting',
      'paused',
      'prioritized',
      'waiting-children',
      'active',
      'delayed',
      'failed',
      'completed',
    );
    // Completed jobs are trimmed to keepCompleted; the workers' metrics keep the full count.
    const metrics = await this.queue.getMetrics('completed', 0, 0);
    return {
      waiting: c.waiting + c.paused + c.prioritized + c['waiting-children'],
      active: c.active,
      completed: Math.max(metrics.meta.count, c.completed),
      failed: c.delayed,
      dead: c.failed,
    };
  }

  async deadLetters(limit = 20): Promise<DeadLetter[]> {
    const jobs = await this.queue.getFailed(0, Math.max(0, limit - 1));
    return jobs.map((j) => ({
      id: j.id!,
      name: j.name,
      data: j.data,
      reason: j.failedReason ?? '',
      attemptsMade: j.attemptsMade,
      failedAt: new Date(j.finishedOn ?? j.timestamp).toISOString(),
    }));
  }

  async status(id: string): Promise<JobStatus | null> {
    const job = await Job.fromId(this.queue, id);
    if (!job) return null;
    const state = STATE[await job.getState()];
    if (!state) return null;
    const progress = job.progress as JobProgress;
    const reason =
      (state === 'dead' || state === 'failed') && job.failedReason ? { reason: job.failedReason } : {};
    return { id, name: job.name, state, progress, attemptsMade: job.attemptsMade, ...reason };
  }

  async retryDead(): Promise<number> {
    const dead = await this.queue.getFailedCount();
    await this.queue.retryJobs({ state: 'failed', count: 1000 });
    return dead;
  }

  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close()));
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}

function toBullOptions(opts: JobOptions) {
  return {
    ...(opts.jobId ? { jobId: opts.jobId } : {}),
    ...(opts.attempts ? { attempts: opts.attempts } : {}),
    ...(opts.backoffMs !== undefined ? { backoff: { type: 'exponential', delay: opts.backoffMs } } : {}),
  };
}
