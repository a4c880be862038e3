// Hostile input at the edge (issue 15): every case here answered 500 (or slipped through) before
// api/input-guard.ts; each must now be a 400 that names the field, and nothing reaches the services.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '../ingest/jobs';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';
import { checkInput } from './input-guard';

const TOKEN = 'input-guard-token';
const admin = { 'x-zhiwen-admin-token': TOKEN, 'x-zhiwen-user': 'guard-test' };
const error = (res: { statusCode: number; json: () => { error: { code: string; message: string } } }) => ({ status: res.statusCode, ...res.json().error });

describe('the input guard: no control characters, no infinite or unsafe numbers, from any route', () => {
  let db: Db;
  let app: FastifyInstance;
  const queue = new MemoryJobQueue<{ id: string }, void>('zhiwen-ingest', { attempts: 1 });
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    const search = new SearchService(db);
    await search.sync();
    app = await buildApp(composeServices({ db, search, jobs: [queue] }), { adminToken: TOKEN, rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await queue.close();
    await db?.close();
  });

  it('refuses a NUL in a path parameter, a query parameter and a JSON body before PostgreSQL sees it', async () => {
    const path = await app.inject({ url: '/v1/policies/a%00b/interpretation' });
    expect(error(path)).toMatchObject({ status: 400, code: 'CONTROL_CHARACTER', message: expect.stringContaining('params/id contains the control character U+0000') });
    const body = await app.inject({ method: 'POST', url: '/v1/feedback', payload: { answerId: 'a\u0000b', helpful: true } });
    expect(error(body)).toMatchObject({ status: 400, code: 'CONTROL_CHARACTER', message: expect.stringContaining('body/answerId') });
    const query = await app.inject({ url: '/v1/faqs', query: { site: 'x\u0000' }, headers: admin });
    expect(error(query)).toMatchObject({ status: 400, code: 'CONTROL_CHARACTER', message: expect.stringContaining('querystring/site') });
    const nested = await app.inject({ method: 'POST', url: '/v1/faqs', payload: { question: '问', answerHtml: '答', alternatives: ['ok', 'b\u001bad'] }, headers: admin });
    expect(error(nested)).toMatchObject({ status: 400, code: 'CONTROL_CHARACTER', message: expect.stringContaining('body/alternatives/1') });
    const key = await app.inject({ method: 'POST', url: '/v1/feedback', payload: '{"answerId":"x","helpful":true,"a\\u0000":1}', headers: { 'content-type': 'application/json' } });
    expect(error(key)).toMatchObject({ status: 400, code: 'CONTROL_CHARACTER' });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM answer_feedback');
    expect(rows[0].n).toBe(0);
  });

  it('keeps tabs and line breaks, which a pasted question holds', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '社会保障卡\n怎么\t申领\r\n' } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses Infinity, 1e309 and integers past 2^53 in a query, though Ajv lets them through `maximum`', async () => {
    for (const dead of ['Infinity', '1e309', '-Infinity']) {
      const res = await app.inject({ url: `/v1/admin/jobs?dead=${dead}`, headers: admin });
      expect(error(res), dead).toMatchObject({ status: 400, code: 'BAD_NUMBER', message: expect.stringContaining('querystring/dead') });
    }
    const huge = await app.inject({ url: '/v1/faqs?offset=99999999999999999999', headers: admin });
    expect(error(huge)).toMatchObject({ status: 400, code: 'BAD_NUMBER', message: expect.stringContaining('querystring/offset') });
    expect((await app.inject({ url: '/v1/admin/jobs?dead=5', headers: admin })).statusCode).toBe(200);
  });

  it('refuses 1e309 in a JSON body (JSON.parse makes it Infinity)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/faqs/duplicates', payload: '{"question":"社保卡","excludeId":1e309}', headers: { ...admin, 'content-type': 'application/json' } });
    expect(error(res)).toMatchObject({ status: 400, code: 'BAD_NUMBER', message: expect.stringContaining('body/excludeId') });
  });

  it('refuses stored ids past PostgreSQL integer (they failed in the database)', async () => {
    for (const [method, url] of [['GET', '/v1/faqs/216268557261803/versions'], ['PATCH', '/v1/faqs/11704904720961'], ['POST', '/v1/faqs/50872618801/reject']] as const) {
      const res = await app.inject({ method, url, payload: method === 'GET' ? undefined : { note: 'x' }, headers: admin });
      expect(error(res), url).toMatchObject({ status: 400, code: 'BAD_REQUEST', message: expect.stringContaining('params/id must be <= 2147483647') });
    }
  });

  it('refuses a NUL in the legacy x-zhiwen-user header (decoded from %00)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/faqs', payload: { question: '问题', answerHtml: '<p>答</p>' }, headers: { ...admin, 'x-zhiwen-user': 'bob%00' } });
    expect(error(res)).toMatchObject({ status: 400, code: 'USER_REQUIRED' });
  });

  it('answers a body that is not an object where the authorization rule reads its fields', async () => {
    const res = await app.inject({ method: 'PATCH', url: '/v1/faqs/5', payload: '"AAA"', headers: { ...admin, 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
  });

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => checkInput(deep, 'body')).toThrow(/U\+0000/u);
    expect(() => checkInput({ n: 2 ** 53 + 2 }, 'body')).toThrow(/body\/n must be a finite number/u);
    expect(() => checkInput({ ok: [1.5, -3, 'text\twith\nlines', null, true] }, 'body')).not.toThrow();
  });
});

describe('curation writes on a process without curation', () => {
  it('answer 503 and never start the write, whose failure ended the process as an unhandled rejection', async () => {
    const db = await openLibrary();
    const app = await buildApp(composeServices({ db, search: new SearchService(db) }), { adminToken: TOKEN, rateLimitPerMinute: 0 });
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      // The write itself would fail too (the expansion equals the term): it must not run at all.
      const res = await app.inject({ method: 'POST', url: '/v1/admin/synonyms', payload: { term: '社保', expansions: ['社保'], mode: 'oneway' }, headers: admin });
      expect(error(res)).toMatchObject({ status: 503, code: 'CURATION_UNAVAILABLE' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await app.close();
      await db.close();
    }
  });
});

