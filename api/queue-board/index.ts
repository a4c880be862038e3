import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { zhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import { BOARD_QUEUE_SESSION } from '../schemas/admin';
import { responds } from '../schemas/common';
import { auditBoardWrites } from './board-audit';
import { BOARD_PATH, boardCookie, boardGuard } from './board-auth';

/**
 * The BullMQ queues the board shows. Only names and where they live: the API never imports ingest
 * (cli/serve passes ingest's queue name and its Redis settings).
 */
export interface QueueBoardOptions {
  /** Redis of the job queues (REDIS_URL); unset: the board answers 503 QUEUE_BOARD_UNAVAILABLE. */
  redisUrl?: string;
  /** BullMQ key prefix, as the workers use it (default 'zhiwen', ingest/jobs/options.ts). */
  prefix?: string;
  /** Queue names, e.g. ['zhiwen-ingest']. */
  queues: readonly string[];
}

/** A board cookie lasts as long as a login session can (12 h); the session's own expiry still applies per request. */
const COOKIE_MAX_AGE_S = 12 * 3600;

/**
 * bull-board at /console/queues/ (waiting, active, delayed, failed = our dead letters with their
 * reasons; retry, remove) for platform admins, and POST /v1/admin/queue-board/session, which hands
 * the console's session to the board as a path-scoped HttpOnly cookie (an iframe sends no header).
 * Its writes are audited (board-audit.ts). Rejected: writing our own queue UI (bull-board is maintained by BullMQ's users and knows its states).
 */
export async function registerQueueBoard(app: FastifyInstance, db: Db, options: QueueBoardOptions | undefined, legacyAdminToken?: string): Promise<void> {
  const redisUrl = options?.redisUrl;
  app.post('/v1/admin/queue-board/session', {
    schema: { summary: 'Open the queue board (bull-board) for this session: sets its cookie, says where it is', tags: ['admin'], response: responds(BOARD_QUEUE_SESSION) },
  }, async (request, reply) => {
    if (!redisUrl) throw zhiwenError('QUEUE_BOARD_UNAVAILABLE');
    if (!request.credentialSecret) throw zhiwenError('QUEUE_BOARD_NEEDS_SESSION');
    reply.header('set-cookie', boardCookie(request.credentialSecret, COOKIE_MAX_AGE_S, request.protocol === 'https'));
    return { url: `${BOARD_PATH}/`, queues: [...(options?.queues ?? [])] };
  });

  const guard = boardGuard(db, legacyAdminToken);
  if (!redisUrl) {
    // Absent, and saying why: a clear 503 rather than the console's 404.
    app.get(`${BOARD_PATH}/*`, { schema: { hide: true }, onRequest: guard }, async () => { throw zhiwenError('QUEUE_BOARD_UNAVAILABLE'); });
    app.get(BOARD_PATH, { schema: { hide: true }, onRequest: guard }, async () => { throw zhiwenError('QUEUE_BOARD_UNAVAILABLE'); });
    return;
  }
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  connection.on('error', () => undefined); // reported through the failing request
  const queues = options!.queues.map((name) => new Queue(name, { connection, prefix: options!.prefix ?? 'zhiwen' }));
  const server = new FastifyAdapter();
  server.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { allowRetries: true, description: '导入队列：失败（failed）即死信，可重试或删除' })),
    // @bull-board/fastify 9.10.1 types against its own copy of @bull-board/api; the contract is the same.
    serverAdapter: server as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: '智问 · 队列', locale: { lng: 'zh-CN' }, hideDocsLink: true } },
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', guard);
    auditBoardWrites(scope, db);
    await scope.register(server.registerPlugin(), { prefix: BOARD_PATH });
  });
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
    await connection.quit().catch(() => undefined);
  });
}
