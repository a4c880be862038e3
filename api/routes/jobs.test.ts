import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRecordError } from '../../library/errors';
import { MemoryJobQueue, waitForDrain } from '../../ingest/jobs';
import { adminGuard } from '../admin-guard';
import { installErrorHandler } from '../error-handler';
import { registerJobRoutes } from './jobs';

describe('GET /v1/admin/jobs', () => {
  let app: FastifyInstance;
  const queue = new MemoryJobQueue<{ id: string }, void>('zhiwen-ingest', { attempts: 1 });
  beforeAll(async () => {
    await queue.addBulk([
      { name: 'ingest-document', data: { id: 'ok' } },
      { name: 'ingest-document', data: { id: 'bad' } },
    ]);
    queue.process(async ({ id }) => {
      if (id === 'bad') throw new InvalidRecordError('feed.jsonl line 2: title is missing');
    });
    await waitForDrain(queue, { intervalMs: 5 });
    app = Fastify();
    installErrorHandler(app);
    registerJobRoutes(app, [queue], adminGuard('secret-token'));
  });
  afterAll(async () => {
    await app?.close();
    await queue.close();
  });

  it('answers counts and dead letters with reasons to the admin token', async () => {
    const res = await app.inject({
      url: '/v1/admin/jobs',
      headers: { 'x-zhiwen-admin-token': 'secret-token' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      queues: [
        {
          name: 'zhiwen-ingest',
          backend: 'memory',
          counts: { waiting: 0, active: 0, completed: 1, failed: 0, dead: 1 },
          deadLetters: [
            {
              id: '2',
              name: 'ingest-document',
              reason: 'INVALID_RECORD: feed.jsonl line 2: title is missing',
              attemptsMade: 1,
              failedAt: expect.any(String),
            },
          ],
        },
      ],
    });
    const one = await app.inject({
      url: '/v1/admin/jobs/zhiwen-ingest/2',
      headers: { 'x-zhiwen-admin-token': 'secret-token' },
    });
    expect(one.json()).toMatchObject({ id: '2', state: 'dead', attemptsMade: 1 });
    const missing = await app.inject({
      url: '/v1/admin/jobs/zhiwen-ingest/nope',
      headers: { 'x-zhiwen-admin-token': 'secret-token' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses without the token, with a wrong one, and when no token is configured', async () => {
    const none = await app.inject({ url: '/v1/admin/jobs' });
    expect([none.statusCode, none.json().error.code]).toEqual([401, 'ADMIN_TOKEN_REQUIRED']);
    const wrong = await app.inject({ url: '/v1/admin/jobs', headers: { 'x-zhiwen-admin-token': 'guess' } });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'ADMIN_TOKEN_INVALID']);
    const off = Fastify();
    installErrorHandler(off);
    registerJobRoutes(off, [queue], adminGuard(''));
    const disabled = await off.inject({ url: '/v1/admin/jobs', headers: { 'x-zhiwen-admin-token': 'x' } });
    expect([disabled.statusCode, disabled.json().error.code]).toEqual([403, 'ADMIN_DISABLED']);
    await off.close();
  });
});
