/**
 * The composition root gives FAQ matching the search's synonym table: a citizen's 社保卡丢了 reaches the
 * published entry that says 社保卡掉了 (issue 14), through /v1/ask as the widget asks it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices, type AppServices } from './compose';

const TOKEN = 'test-admin-token';
const as = (user: string) => ({ 'x-zhiwen-admin-token': TOKEN, 'x-zhiwen-user': user });

describe('FAQ matching through the synonym table', () => {
  let db: Db;
  let app: FastifyInstance;
  let services: AppServices;
  beforeAll(async () => {
    db = await openLibrary();
    const search = new SearchService(db);
    await search.sync();
    services = composeServices({ db, search });
    app = await buildApp(services, { adminToken: TOKEN, rateLimitPerMinute: 0 });
    const created = await app.inject({ method: 'POST', url: '/v1/faqs', headers: as('alice'), payload: {
      question: '社保卡补换怎么办理', alternatives: ['社保卡掉了怎么办'], answerHtml: '<p>携带身份证到社保经办窗口挂失并补卡，当场可领临时卡。</p>',
    } });
    expect(created.statusCode).toBe(201);
    const url = `/v1/faqs/${created.json().entry.id}`;
    expect((await app.inject({ method: 'POST', url: `${url}/submit`, headers: as('alice') })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `${url}/approve`, headers: as('bob') })).json().status).toBe('published');
    await services.faqs.sync();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('answers 社保卡丢了 from the entry whose phrasing says 掉了', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '社保卡丢了' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'faq' });
    expect(res.json().text).toContain('挂失并补卡');
  });
});
