import { ZhiwenError } from '../../library/errors';

/** Settings of a job queue, whatever its backend. Defaults are merged and checked in one place. */
export interface JobQueueOptions {
  /** Redis URL (REDIS_URL). Set: BullMQ, shared by every process. Unset: in-process, in memory. */
  redisUrl?: string;
  /** Redis key prefix (BullMQ `prefix`); default "zhiwen". Tests use a unique one per test. */
  prefix?: string;
  /** Default attempts per job, retries included; default 5, range 1–100. */
  attempts?: number;
  /** Default base delay of the exponential backoff in ms; default 1000, range 0–3,600,000. */
  backoffMs?: number;
  /**
   * How long an active job is locked to its worker, in ms; default 30,000, range 1,000–600,000.
   * A worker that dies (SIGKILL, power loss) stops renewing its locks: after this long another worker
   * takes the job over. Shorter means faster recovery but more Redis traffic. BullMQ only.
   */
  lockMs?: number;
  /**
   * Times a job may lose its worker before it is dead-lettered ("stalled"); default 2, range 0–10.
   * Guards against a record that kills every worker that takes it. BullMQ only.
   */
  maxStalls?: number;
  /** Completed jobs kept for status look-ups (the count of completed jobs is kept apart); default 1000. */
  keepCompleted?: number;
}

export type ResolvedJobQueueOptions = Required<Omit<JobQueueOptions, 'redisUrl'>> & { redisUrl?: string };

const DEFAULTS = {
  prefix: 'zhiwen',
  attempts: 5,
  backoffMs: 1000,
  lockMs: 30_000,
  maxStalls: 2,
  keepCompleted: 1000,
};

function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ZhiwenError(
      'BAD_JOB_OPTION',
      `job queue option ${name} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

export function resolveJobQueueOptions(options: JobQueueOptions = {}): ResolvedJobQueueOptions {
  const o = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  if (!/^[A-Za-z0-9_.-]+$/.test(o.prefix)) {
    throw new ZhiwenError(
      'BAD_JOB_OPTION',
      `job queue prefix "${o.prefix}" may use letters, digits, '_', '.' and '-' only`,
    );
  }
  return {
    redisUrl: options.redisUrl || undefined,
    prefix: o.prefix,
    attempts: checkRange('attempts', o.attempts, 1, 100),
    backoffMs: checkRange('backoffMs', o.backoffMs, 0, 3_600_000),
    lockMs: checkRange('lockMs', o.lockMs, 1000, 600_000),
    maxStalls: checkRange('maxStalls', o.maxStalls, 0, 10),
    keepCompleted: checkRange('keepCompleted', o.keepCompleted, 0, 1_000_000),
  };
}

/** Delay before retry `attemptsMade` (1 after the first failure): base · 2^(n-1), as BullMQ's 'exponential'. */
export function backoffDelay(attemptsMade: number, baseMs: number): number {
  return Math.round(baseMs * 2 ** Math.max(0, attemptsMade - 1));
}

/** The reason a dead letter carries: "CODE: message" for coded errors, the message otherwise. */
export function failureReason(err: unknown): string {
  if (err instanceof ZhiwenError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return err.message || err.name;
  return `non-error thrown: ${String(err)}`;
}

export function checkJobId(id: string | undefined): void {
  if (id !== undefined && !/^[A-Za-z0-9_-]+$/.test(id)) {
    throw new ZhiwenError('BAD_JOB_ID', `job id "${id}" may use letters, digits, '-' and '_' only`);
  }
  if (id !== undefined && /^\d+$/.test(id)) {
    throw new ZhiwenError(
      'BAD_JOB_ID',
      `job id "${id}" must not be all digits (it would clash with generated ids)`,
    );
  }
}
