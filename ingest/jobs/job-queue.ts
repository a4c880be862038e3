/**
 * One job contract over two backends: BullMQ on Redis (any number of worker processes) and an
 * in-process queue (no Redis). Both pass the same contract test (job-queue.contract.test.ts).
 */

/** Per-job settings; omitted fields take the queue's defaults (see JobQueueOptions). */
export interface JobOptions {
  /**
   * Stable id. Adding a job whose id is still known to the queue is a no-op, so re-enqueueing a feed
   * does not double the work. Letters, digits, '-' and '_' only (BullMQ forbids ':' and integers).
   */
  jobId?: string;
  /** Attempts before the job becomes a dead letter (1 = no retry). */
  attempts?: number;
  /** Base delay of the exponential backoff in ms: retry n waits backoffMs · 2^(n-1). */
  backoffMs?: number;
}

export interface NewJob<D> {
  name: string;
  data: D;
  opts?: JobOptions;
}

/** A job's progress as its handler reports it: a fraction, a count, or a small JSON object. */
export type JobProgress = number | Record<string, unknown>;

/** What a handler knows about the job it runs. */
export interface JobContext {
  id: string;
  name: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  progress(value: JobProgress): Promise<void>;
}

/**
 * Does one job. Throw to fail the attempt (it is retried with backoff until attempts run out);
 * throw an InvalidRecordError (library/errors) for input that can never succeed: it goes straight
 * to the dead letters, without retry.
 */
export type JobHandler<D, R> = (data: D, ctx: JobContext) => Promise<R>;

export interface ProcessOptions {
  /** Jobs this worker runs at once; default 1, safe range 1–64 (I/O-bound jobs like more). */
  concurrency?: number;
}

/** A running worker; close() stops taking jobs and waits for the active ones to finish. */
export interface JobWorker {
  close(): Promise<void>;
}

/**
 * How many jobs are where. `failed` counts jobs whose last attempt failed and that wait for a retry
 * (backoff); `dead` counts jobs that failed for good (a bad record, or attempts exhausted) and are
 * kept, with their reason, as dead letters.
 */
export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  dead: number;
}

export type JobState = keyof JobCounts;

export interface DeadLetter {
  id: string;
  name: string;
  data: unknown;
  /** Why it died: "CODE: message" for coded errors, the error message otherwise. */
  reason: string;
  attemptsMade: number;
  failedAt: string;
}

export interface JobStatus {
  id: string;
  name: string;
  state: JobState;
  progress: JobProgress;
  attemptsMade: number;
  /** Set for a dead job, and for a failed one waiting for its retry. */
  reason?: string;
}

export interface JobQueue<D = unknown, R = unknown> {
  readonly name: string;
  readonly backend: 'bullmq' | 'memory';
  /** Adds a job; resolves to its id. */
  add(name: string, data: D, opts?: JobOptions): Promise<string>;
  /** Adds several jobs in one round trip; resolves to their ids, in order. */
  addBulk(jobs: Array<NewJob<D>>): Promise<string[]>;
  /** Starts a worker in this process that runs `handler` on this queue's jobs. */
  process(handler: JobHandler<D, R>, options?: ProcessOptions): JobWorker;
  counts(): Promise<JobCounts>;
  /** The most recent dead letters first, at most `limit` (default 20). */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** A job's state and progress, or null when the queue no longer knows the id. */
  status(id: string): Promise<JobStatus | null>;
  /** Moves every dead letter back to waiting with fresh attempts; resolves to how many. */
  retryDead(): Promise<number>;
  /** Deletes the queue and everything in it (tests, and resetting a failed run). */
  obliterate(): Promise<void>;
  /** Closes the queue and the workers this object started (they finish their active jobs first). */
  close(): Promise<void>;
}
