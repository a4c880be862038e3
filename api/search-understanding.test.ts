import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openLibrary, type Db } from '../library/store';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

describe('GET /v1/search understands how citizens ask (sample city, starter synonyms)', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    const search = new SearchService(db);
    await search.sync();
    app = await buildApp(composeServices({ db, search }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = async (query: Record<string, string>) => {
    const res = await app.inject({ method: 'GET', url: '/v1/search', query });
    return { status: res.statusCode, body: res.json() };
  };
  const ids = (body: { results: Array<{ id: string }> }) => body.results.map((r) => r.id);

  it('adds official words for colloquial ones and says which', async () => {
    const { body } = await get({ q: '退休金' });
    expect(body.expansions).toEqual(expect.arrayContaining(['养老金']));
    expect(ids(body).slice(0, 2)).toEqual(['sample-004', 'sample-005']); // current before expired
    expect(ids((await get({ q: '孩子上学' })).body)[0]).toBe('sample-013');
  });

  it('ranks a long colloquial question by its key terms', async () => {
    const { body } = await get({ q: '我想问一下我家孩子明年上小学需要准备什么材料啊' });
    expect(ids(body)[0]).toBe('sample-013');
  });

  it('finds 社保卡 from full pinyin and initials', async () => {
    for (const q of ['shebaoka', 'she bao ka', 'sbk']) {
      const { body } = await get({ q });
      expect(ids(body)[0]).toBe('sample-003');
      expect(body.expansions).toContain('社保卡');
    }
  });

  it('offers "您是不是要找" corrections, and searches with one when the query finds nothing', async () => {
    // Most of the question is right as typed, so the correction is offered (社保咔 alone is searched as 社保卡).
    const offered = (await get({ q: '社保咔怎么申领办理' })).body;
    expect(offered.correction).toEqual({ query: '社保卡怎么申领办理', applied: false });
    expect(ids(offered)[0]).toBe('sample-003');
    const applied = (await get({ q: '躁音' })).body;
    expect(applied.correction).toEqual({ query: '噪音', applied: true });
    expect(ids(applied)[0]).toBe('sample-008');
    expect((await get({ q: '养老金调整' })).body.correction).toBeUndefined();
  });

  it('finds a programme name the dictionary lacks (三码)', async () => {
    expect(ids((await get({ q: '三码' })).body)[0]).toBe('sample-007');
  });

  it('helps when nothing matches: suggestions, the platform-wide count, hot topics', async () => {
    const none = (await get({ q: 'qqqxz' })).body;
    expect(none.total).toBe(0);
    expect(none.noResults.hotTopics.length).toBeGreaterThan(0);
    expect(none.noResults.broaderScope).toBeUndefined();
    const scoped = (await get({ q: '住房公积金提取', site: '9902000001', scope: 'site' })).body;
    expect(scoped.total).toBe(0);
    expect(scoped.noResults.broaderScope).toEqual({ scope: 'platform', total: expect.any(Number) });
    expect(scoped.noResults.broaderScope.total).toBeGreaterThan(0);
    expect((await get({ q: '社会保障卡' })).body.noResults).toBeUndefined();
  });

  it('answers any query with a result or a 4xx, never a 500', async () => {
    const queries = ['s', 'sb', "' OR 1=1; DROP TABLE documents; --", '<script>alert(1)</script>', '😀🎉', '控制\t字符\n',
      '社'.repeat(10_000), 'shebaoka'.repeat(1000), '%', '\\', '*', '()', '〔〕'];
    for (const q of queries) {
      const res = await get({ q });
      expect(res.status, q.slice(0, 20)).toBe(200);
    }
    for (const q of ['   ', '\u3000', '\t\n']) expect((await get({ q })).body.error.code).toBe('EMPTY_QUERY');
    // Other control characters are refused at the edge (api/input-guard.ts), before the query is read.
    expect((await get({ q: '\u0000\u0007控制' })).body.error.code).toBe('CONTROL_CHARACTER');
  });
});
