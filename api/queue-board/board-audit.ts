import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, recordAudit } from '../../library/accounts';
import type { Db } from '../../library/store';
import { originOf } from '../auth/request-context';

/**
 * The audit action of a board write, from bull-board's API path under the board
 * (`api/queues/<queue>/<job>/retry` → queue.retry on job <queue>/<job>; `api/queues/<queue>/retry/failed`
 * → queue.retry_all on queue <queue>).
 */
export function boardWriteOf(url: string): { action: string; targetKind: string; targetId: string } | null {
  const m = /\/api\/queues\/([^/?]+)(?:\/([^/?]+))?(?:\/([^/?]+))?/.exec(url);
  if (!m) return null;
  const [, queue, second, third] = m.map((x) => (x === undefined ? x : decodeURIComponent(x)));
  // A verb alone after the queue is a queue-wide action; an id then a verb is a job's.
  const queueVerbs = new Set(['retry', 'clean', 'pause', 'resume', 'empty', 'obliterate', 'promote', 'add', 'concurrency', 'rate-limit']);
  if (second && queueVerbs.has(second)) return { action: `queue.${second.replace('-', '_')}${third ? `_${third}` : ''}`, targetKind: 'queue', targetId: queue };
  if (second && third) return { action: `queue.job_${third.replace('-', '_')}`, targetKind: 'job', targetId: `${queue}/${second}` };
  if (second) return { action: 'queue.job_update', targetKind: 'job', targetId: `${queue}/${second}` };
  return { action: `queue.${queue.replace('-', '_')}_all`, targetKind: 'queue', targetId: '*' }; // api/queues/pause|resume: every queue
}

/** Every board write that succeeded (retry, remove, clean…) leaves an audit entry, as the API's own writes do. */
export function auditBoardWrites(scope: FastifyInstance, db: Db): void {
  scope.addHook('onResponse', async (request: FastifyRequest, reply) => {
    if (request.method === 'GET' || reply.statusCode >= 300 || !request.principal) return;
    const write = boardWriteOf(request.url);
    if (!write) return;
    try {
      await recordAudit(db, actorOf(request.principal, originOf(request)), { ...write, siteId: null, before: null, after: null });
    } catch (err) {
      request.log.error({ err, action: write.action }, 'audit entry not recorded');
    }
  });
}
