import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openLibrary, type Db } from '../library/store';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

describe('GET /v1/search on the sample city', () => {
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

  const get = async (query: Record<string, string | number>) => {
    const res = await app.inject({ method: 'GET', url: '/v1/search', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    return { status: res.statusCode, body: res.json() };
  };

  it('reports the index size and memory on /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, index: { documents: 14, mib: expect.any(Number) } });
  });

  it('returns ranked documents with title, url, site, highlighted snippet, score and total', async () => {
    const { status, body } = await get({ q: '社会保障卡 申领', limit: 3 });
    expect(status).toBe(200);
    expect(body.results[0]).toMatchObject({
      id: 'sample-003',
      title: '社会保障卡申领办事指南',
      url: 'https://rsj.example-city.gov.cn/bsfw/sbk.html',
      site: { code: '9901000012' },
    });
    expect(body.results[0].snippet).toContain('<em>');
    expect(body.total).toBeGreaterThanOrEqual(1);
    const scores = body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds a 文号 in any bracket variant first', async () => {
    for (const q of ['示政发〔2024〕5号', '示政发[2024]5号', '示政发(2024)5号', '示政发（2024）5 号']) {
      const { body } = await get({ q });
      expect(body.results[0]).toMatchObject({ id: 'sample-001', matchedBy: 'docNumber' });
    }
  });

  it('treats Traditional and full-width queries like Simplified ones', async () => {
    const simplified = (await get({ q: '住房公积金提取' })).body.results.map((r: { id: string }) => r.id);
    const traditional = (await get({ q: '住房公積金提取' })).body.results.map((r: { id: string }) => r.id);
    expect(traditional).toEqual(simplified);
    expect(simplified[0]).toBe('sample-009');
  });

  it('scopes to a site, to a region (a city includes its districts), or the platform', async () => {
    const site = await get({ q: '东湖区', site: '9901020001', scope: 'site' });
    expect(site.body.results.every((r: { site: { code: string } }) => r.site.code === '9901020001')).toBe(true);
    const region = await get({ q: '补贴', site: '9901000001', scope: 'region' });
    const codes = new Set(region.body.results.map((r: { site: { code: string } }) => r.site.code));
    expect(codes.has('9902000001')).toBe(false); // 样板市 is another city
    const platform = await get({ q: '补贴' });
    expect(platform.body.results.some((r: { site: { code: string } }) => r.site.code === '9902000001')).toBe(true);
  });

  it('filters by info type and returns facet counts', async () => {
    const { body } = await get({ q: '养老金', infoType: '政策文件' });
    expect(body.results.every((r: { infoType: string }) => r.infoType === '政策文件')).toBe(true);
    expect(body.facets.infoType).toEqual([{ value: '政策文件', count: body.total }]);
  });

  it('demotes and labels expired documents, and can hide them', async () => {
    const { body } = await get({ q: '调整退休人员基本养老金的通知' });
    const ids = body.results.map((r: { id: string }) => r.id);
    expect(ids.indexOf('sample-004')).toBeLessThan(ids.indexOf('sample-005'));
    expect(body.results.find((r: { id: string }) => r.id === 'sample-005').current).toBe(false);
    const current = await get({ q: '调整退休人员基本养老金的通知', validity: 'current' });
    expect(current.body.results.map((r: { id: string }) => r.id)).not.toContain('sample-005');
  });

  it('answers bad input with a 4xx that says what to fix, never a 500', async () => {
    expect((await get({ q: '' })).body.error.code).toBe('EMPTY_QUERY');
    expect((await get({ q: 'x', limit: 500 })).status).toBe(400);
    expect((await get({ q: 'x', site: 'nope', scope: 'site' })).status).toBe(404);
    const missing = await app.inject({ method: 'GET', url: '/v1/search' });
    expect(missing.statusCode).toBe(400);
    for (const q of ["' OR 1=1; DROP TABLE documents; --", '<script>alert(1)</script>', '😀🎉', '控制\t字符\n', 'a', '社'.repeat(10_000)]) {
      const res = await get({ q });
      expect(res.status).toBe(200);
    }
    // Control characters other than tabs and line breaks are refused at the edge (api/input-guard.ts).
    expect((await get({ q: '\u0000\u0007控制' })).body.error.code).toBe('CONTROL_CHARACTER');
    const html = await get({ q: '<b>社会保障卡</b>' });
    expect(JSON.stringify(html.body.results)).not.toContain('<b>');
  });
});
