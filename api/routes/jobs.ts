import type { FastifyInstance } from 'fastify';
import { NotFoundError, zhiwenError } from '../../library/errors';
import type { AdminGuard } from '../admin-guard';
import { JOB, JOB_QUEUES } from '../schemas/admin';
import { responds } from '../schemas/common';

/** What the route needs of a job queue (ingest/jobs' JobQueue has it; the API never imports ingest). */
export interface JobQueueStatusSource {
  readonly name: string;
  readonly backend: string;
  counts(): Promise<{ waiting: number; active: number; completed: number; failed: number; dead: number }>;
  deadLetters(
    limit?: number,
  ): Promise<Array<{ id: string; name: string; reason: string; attemptsMade: number; failedAt: string }>>;
  status(
    id: string,
  ): Promise<{
    id: string;
    name: string;
    state: string;
    progress: unknown;
    attemptsMade: number;
    reason?: string;
  } | null>;
}

export interface JobRoutesOptions {
  /** Longest wait for the queue's backend (Redis) before answering 503, in ms; default 3000. */
  timeoutMs?: number;
}

async function withTimeout<T>(work: Promise<T>, ms: number, queue: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(zhiwenError('JOBS_UNAVAILABLE', queue, ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /v1/admin/jobs (counts and dead letters per queue) and GET /v1/admin/jobs/:queue/:id, behind the admin token. */
export function registerJobRoutes(
  app: FastifyInstance,
  queues: JobQueueStatusSource[],
  guard: AdminGuard,
  options: JobRoutesOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 3000;
  const byName = new Map(queues.map((q) => [q.name, q]));

  app.get<{ Querystring: { dead: number } }>(
    '/v1/admin/jobs',
    {
      preHandler: guard,
      schema: {
        summary:
          'Job queues: counts (waiting, active, completed, failed = waiting for a retry, dead) and recent dead letters',
        tags: ['admin'],
        querystring: {
          type: 'object',
          properties: { dead: { type: 'integer', minimum: 0, maximum: 200, default: 20 } },
        },
        response: responds(JOB_QUEUES),
      },
    },
    async (request) => ({
      queues: await Promise.all(
        queues.map(async (q) => {
          const [counts, dead] = await withTimeout(
            Promise.all([q.counts(), request.query.dead > 0 ? q.deadLetters(request.query.dead) : []]),
            timeoutMs,
            q.name,
          );
          return {
            name: q.name,
            backend: q.backend,
            counts,
            // The record itself may hold personal data: only where and why it died.
            deadLetters: dead.map((d) => ({
              id: d.id,
              name: d.name,
              reason: d.reason,
              attemptsMade: d.attemptsMade,
              failedAt: d.failedAt,
            })),
          };
        }),
      ),
    }),
  );

  app.get<{ Params: { queue: string; id: string } }>(
    '/v1/admin/jobs/:queue/:id',
    {
      preHandler: guard,
      schema: { summary: 'One job: state, progress, attempts, reason', tags: ['admin'], response: responds(JOB) },
    },
    async (request) => {
      const queue = byName.get(request.params.queue);
      if (!queue)
        throw new NotFoundError(
          `no job queue named "${request.params.queue}" (known: ${[...byName.keys()].join(', ') || 'none'})`,
        );
      const status = await withTimeout(queue.status(request.params.id), timeoutMs, queue.name);
      if (!status)
        throw new NotFoundError(
          `queue ${queue.name} knows no job "${request.params.id}" (completed jobs are kept only for a while)`,
        );
      return status;
    },
  );
}
