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
import {
  backoffDelay,
  checkJobId,
  failureReason,
  resolveJobQueueOptions,
  type JobQueueOptions,
} from './options';

interface MemoryJob<D> {
  id: string;
  name: string;
  data: D;
  attempts: number;
  backoffMs: number;
  state: JobState;
  attemptsMade: number;
  progress: JobProgress;
  reason?: string;
  failedAt?: string;
}

interface MemoryWorker<D, R> {
  handler: JobHandler<D, R>;
  concurrency: number;
  running: Set<Promise<void>>;
  closed: boolean;
}

/**
 * The in-process backend: the same semantics as BullMQ (retries with exponential backoff, dead
 * letters, InvalidRecordError dead at once, progress, counts) in this process's memory. Jobs do not
 * survive the process: use BullMQ (REDIS_URL) where a crash must lose nothing.
 */
export class MemoryJobQueue<D = unknown, R = unknown> implements JobQueue<D, R> {
  readonly backend = 'memory' as const;
  private readonly options;
  private readonly jobs = new Map<string, MemoryJob<D>>();
  private readonly waiting: string[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly workers: Array<MemoryWorker<D, R>> = [];
  private completedCount = 0;
  private completedIds: string[] = [];
  private nextId = 1;

  constructor(
    readonly name: string,
    options: JobQueueOptions = {},
  ) {
    this.options = resolveJobQueueOptions(options);
  }

  async add(name: string, data: D, opts: JobOptions = {}): Promise<string> {
    checkJobId(opts.jobId);
    if (opts.jobId && this.jobs.has(opts.jobId)) return opts.jobId;
    const id = opts.jobId ?? String(this.nextId++);
    this.jobs.set(id, {
      id,
      name,
      data,
      attempts: opts.attempts ?? this.options.attempts,
      backoffMs: opts.backoffMs ?? this.options.backoffMs,
      state: 'waiting',
      attemptsMade: 0,
      progress: 0,
    });
    this.waiting.push(id);
    this.pump();
    return id;
  }

  async addBulk(jobs: Array<NewJob<D>>): Promise<string[]> {
    const ids: string[] = [];
    for (const job of jobs) ids.push(await this.add(job.name, job.data, job.opts));
    return ids;
  }

  process(handler: JobHandler<D, R>, options: ProcessOptions = {}): JobWorker {
    const worker: MemoryWorker<D, R> = {
      handler,
      concurrency: concurrencyOf(options),
      running: new Set(),
      closed: false,
    };
    this.workers.push(worker);
    queueMicrotask(() => this.pump());
    return {
      close: async () => {
        worker.closed = true;
        await Promise.all(worker.running);
        this.workers.splice(this.workers.indexOf(worker), 1);
      },
    };
  }

  async counts(): Promise<JobCounts> {
    const counts: JobCounts = { waiting: 0, active: 0, completed: this.completedCount, failed: 0, dead: 0 };
    for (const job of this.jobs.values()) if (job.state !== 'completed') counts[job.state]++;
    return counts;
  }

  async deadLetters(limit = 20): Promise<DeadLetter[]> {
    return [...this.jobs.values()]
      .filter((j) => j.state === 'dead')
      .reverse()
      .slice(0, limit)
      .map((j) => ({
        id: j.id,
        name: j.name,
        data: j.data,
        reason: j.reason ?? '',
        attemptsMade: j.attemptsMade,
        failedAt: j.failedAt ?? '',
      }));
  }

  async status(id: string): Promise<JobStatus | null> {
    const job = this.jobs.get(id);
    if (!job) return null;
    return {
      id,
      name: job.name,
      state: job.state,
      progress: job.progress,
      attemptsMade: job.attemptsMade,
      ...(job.reason ? { reason: job.reason } : {}),
    };
  }

  async retryDead(): Promise<number> {
    const dead = [...this.jobs.values()].filter((j) => j.state === 'dead');
    for (const job of dead) {
      Object.assign(job, { state: 'waiting', attemptsMade: 0, reason: undefined, failedAt: undefined });
      this.waiting.push(job.id);
    }
    this.pump();
    return dead.length;
  }

  async obliterate(): Promise<void> {
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    this.jobs.clear();
    this.waiting.length = 0;
    this.completedIds = [];
    this.completedCount = 0;
  }

  async close(): Promise<void> {
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    await Promise.all(
      this.workers.map((w) => {
        w.closed = true;
        return Promise.all(w.running);
      }),
    );
    this.workers.length = 0;
  }

  /** Hands waiting jobs to workers with free slots, first in first out. */
  private pump(): void {
    for (const worker of this.workers) {
      while (!worker.closed && worker.running.size < worker.concurrency && this.waiting.length > 0) {
        const job = this.jobs.get(this.waiting.shift()!);
        if (!job || job.state !== 'waiting') continue;
        const run = this.run(worker, job).finally(() => {
          worker.running.delete(run);
          this.pump();
        });
        worker.running.add(run);
      }
    }
  }

  private async run(worker: MemoryWorker<D, R>, job: MemoryJob<D>): Promise<void> {
    job.state = 'active';
    job.reason = undefined;
    const ctx = {
      id: job.id,
      name: job.name,
      attempt: job.attemptsMade + 1,
      progress: async (value: JobProgress) => {
        job.progress = value;
      },
    };
    try {
      await worker.handler(job.data, ctx);
      job.attemptsMade++;
      this.complete(job);
    } catch (err) {
      job.attemptsMade++;
      job.reason = failureReason(err);
      if (err instanceof InvalidRecordError || job.attemptsMade >= job.attempts) {
        job.state = 'dead';
        job.failedAt = new Date().toISOString();
        return;
      }
      job.state = 'failed';
      const timer = setTimeout(
        () => {
          this.retryTimers.delete(timer);
          if (job.state !== 'failed') return;
          job.state = 'waiting';
          this.waiting.push(job.id);
          this.pump();
        },
        backoffDelay(job.attemptsMade, job.backoffMs),
      );
      this.retryTimers.add(timer);
    }
  }

  private complete(job: MemoryJob<D>): void {
    job.state = 'completed';
    this.completedCount++;
    this.completedIds.push(job.id);
    // Keep the newest completed jobs for status look-ups; forget the rest (their count stays).
    while (this.completedIds.length > this.options.keepCompleted)
      this.jobs.delete(this.completedIds.shift()!);
  }
}

export function concurrencyOf(options: ProcessOptions): number {
  const c = options.concurrency ?? 1;
  if (!Number.isInteger(c) || c < 1 || c > 64) {
    throw new RangeError(`worker concurrency must be an integer from 1 to 64, got ${c}`);
  }
  return c;
}
