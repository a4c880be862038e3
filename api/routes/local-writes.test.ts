import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from '../error-handler';
import { LOCAL_SECRET_HEADER, registerLocalWriteRoutes } from './local-writes';

async function app() {
  const a = Fastify();
  installErrorHandler(a);
  registerLocalWriteRoutes(a, {
    secret: 'per-start-secret',
    tasks: {
      echo: async (body, emit) => {
        emit({ done: 1 });
        return { got: body };
      },
      fail: async () => {
        throw new Error('the feed folder is gone');
      },
    },
  });
  return a;
}

describe('POST /v1/local/:task (the CLI\'s writes handed to the service)', () => {
  it('streams progress then the result as NDJSON for the right secret over loopback', async () => {
    const res = await (await app()).inject({ method: 'POST', url: '/v1/local/echo', headers: { [LOCAL_SECRET_HEADER]: 'per-start-secret' }, payload: { paths: ['a'] } });
    expect(res.statusCode).toBe(200);
    expect(res.body.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { done: 1, event: 'progress' },
      { event: 'result', result: { got: { paths: ['a'] } } },
    ]);
  });

  it('ends a failed task with an error event carrying its message', async () => {
    const res = await (await app()).inject({ method: 'POST', url: '/v1/local/fail', headers: { [LOCAL_SECRET_HEADER]: 'per-start-secret' }, payload: {} });
    expect(JSON.parse(res.body.trim())).toMatchObject({ event: 'error', message: 'the feed folder is gone' });
  });

  it('refuses a wrong or missing secret (401) and any request not from loopback (403)', async () => {
    const a = await app();
    expect((await a.inject({ method: 'POST', url: '/v1/local/echo', headers: { [LOCAL_SECRET_HEADER]: 'guess' }, payload: {} })).statusCode).toBe(401);
    expect((await a.inject({ method: 'POST', url: '/v1/local/echo', payload: {} })).statusCode).toBe(401);
    const remote = await a.inject({ method: 'POST', url: '/v1/local/echo', remoteAddress: '10.1.2.3', headers: { [LOCAL_SECRET_HEADER]: 'per-start-secret' }, payload: {} });
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toMatchObject({ error: { code: 'LOCAL_ONLY' } });
  });

  it('is not registered at all without local writes (a server-mode API)', async () => {
    const a = Fastify();
    registerLocalWriteRoutes(a, undefined);
    expect((await a.inject({ method: 'POST', url: '/v1/local/ingest', payload: {} })).statusCode).toBe(404);
  });
});
