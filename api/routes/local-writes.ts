import { createHash, timingSafeEqual } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ZhiwenError, zhiwenError } from '../../library/errors';
import { bodyOf, ERROR_RESPONSES } from '../schemas/common';

export const LOCAL_SECRET_HEADER = 'x-zhiwen-local-secret';

/** One write the CLI hands to the running service: `emit` streams progress back, the result ends the stream. */
export type LocalWriteTask = (body: unknown, emit: (event: Record<string, unknown>) => void, signal: AbortSignal) => Promise<unknown>;

/**
 * The CLI's write commands (`zhiwen ingest`, `zhiwen withdraw`) run inside `zhiwen serve` when it holds
 * the embedded library (PGlite is single-process). cli/serve builds the tasks; the API never imports ingest.
 */
export interface LocalWrites {
  /** Per-start random secret, written beside the library's lock in a file only its owner can read. */
  secret: string;
  tasks: Record<string, LocalWriteTask>;
}

/** Progress events go out at least this often, so a long batch never looks like a dead connection. */
const HEARTBEAT_MS = 10_000;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * POST /v1/local/:task: loopback only, authenticated by the service's per-start secret. The reply is
 * NDJSON: `{"event":"progress",…}` lines, then one `{"event":"result","result":…}` or
 * `{"event":"error","code","message"}`. A client that disconnects aborts the task at its next item.
 */
export function registerLocalWriteRoutes(app: FastifyInstance, writes: LocalWrites | undefined): void {
  if (!writes) return;
  const expected = digest(writes.secret);
  const guard = async (request: FastifyRequest): Promise<void> => {
    // The socket's own address, never a forwarded header: this route must not be reachable through a proxy.
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      throw zhiwenError('LOCAL_ONLY');
    }
    const sent = request.headers[LOCAL_SECRET_HEADER];
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), expected)) {
      throw zhiwenError('LOCAL_SECRET_INVALID', LOCAL_SECRET_HEADER);
    }
  };
  app.post<{ Params: { task: string } }>('/v1/local/:task', { schema: { hide: true, response: { 200: bodyOf({ 'application/x-ndjson': 'progress events, then one result or error event' }), ...ERROR_RESPONSES } }, onRequest: guard }, async (request, reply) => {
    const task = writes.tasks[request.params.task];
    if (!task) throw new ZhiwenError('NOT_FOUND', `no local task "${request.params.task}": one of ${Object.keys(writes.tasks).join(', ')}`);
    const out = new PassThrough();
    const write = (event: Record<string, unknown>) => {
      if (!out.writableEnded) out.write(`${JSON.stringify(event)}\n`);
    };
    const aborted = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) aborted.abort();
    });
    const heartbeat = setInterval(() => write({ event: 'heartbeat' }), HEARTBEAT_MS);
    void Promise.resolve()
      .then(() => task(request.body, (e) => write({ ...e, event: 'progress' }), aborted.signal))
      .then(
        (result) => write({ event: 'result', result }),
        (err: Error) => {
          if (!(err instanceof ZhiwenError)) request.log.error({ err, task: request.params.task }, 'local write failed');
          write({ event: 'error', code: err instanceof ZhiwenError ? err.code : 'INTERNAL', message: err.message });
        },
      )
      .finally(() => {
        clearInterval(heartbeat);
        out.end();
      });
    return reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out);
  });
}
