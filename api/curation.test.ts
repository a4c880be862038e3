import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openLibrary, type Db } from '../library/store';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { Curation, QueryLogWriter } from '../retrieval/curation';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

const TOKEN = 'test-admin-token';

describe('editor curation (/v1/admin) and suggestions (/v1/suggest)', () => {
  let db: Db;
  let app: FastifyInstance;
  let curation: Curation;
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    curation = await Curation.open(db, { queryLog: { flushIntervalMs: 60_000 } });
    const search = new SearchService(db, { curation, understanding: { rebuildIntervalMs: 0 } });
    await search.sync();
    app = await buildApp(composeServices({ db, search, curation }), { adminToken: TOKEN });
  });
  afterAll(async () => {
    await app?.close();
    await curation?.close();
    await db?.close();
  });

  const admin = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await app.inject({ method, url, payload, headers: { 'x-zhiwen-admin-token': TOKEN } });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  const get = async (url: string, query: Record<string, string>) => (await app.inject({ method: 'GET', url, query })).json();
  const ids = (body: { results: Array<{ id: string }> }) => body.results.map((r) => r.id);

  it('refuses admin requests without the token, and says how to turn admin on when it is off', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/admin/synonyms' })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'GET', url: '/v1/admin/synonyms', headers: { 'x-zhiwen-admin-token': 'nope' } });
    expect(wrong.json().error.code).toBe('ADMIN_TOKEN_INVALID');
    const off = await buildApp(composeServices({ db, search: new SearchService(db), curation }), { adminToken: '' });
    const res = await off.inject({ method: 'GET', url: '/v1/admin/pins' });
    expect(res.statusCode).toBe(401); // no credential: sign in, or (deprecated) set ZHIWEN_ADMIN_TOKEN
    expect(res.json().error.message).toContain('ZHIWEN_ADMIN_TOKEN');
    await off.close();
  });

  it('seeds the starter synonyms once and lists them', async () => {
    const { body } = await admin('GET', '/v1/admin/synonyms?limit=1000');
    expect(body.synonyms.length).toBeGreaterThanOrEqual(80);
    expect(body.synonyms.find((s: { term: string }) => s.term === '社保')).toMatchObject({ expansions: ['社会保险', '社会保障'], source: 'starter' });
    const again = await Curation.open(db, { queryLog: false });
    expect((await admin('GET', '/v1/admin/synonyms?limit=1000')).body.synonyms.length).toBe(body.synonyms.length);
    again.stop();
  });

  it('applies a synonym as soon as it is written, here and (after its poll) on another replica', async () => {
    const replica = await Curation.open(db, { queryLog: false });
    expect((await get('/v1/search', { q: '驻留凭条' })).total).toBe(0);
    const created = await admin('POST', '/v1/admin/synonyms', { term: '驻留凭条', expansions: ['住房公积金'] });
    expect(created.status).toBe(201);
    const after = await get('/v1/search', { q: '驻留凭条' });
    expect(ids(after)[0]).toBe('sample-009');
    expect(after.expansions).toEqual(['住房公积金']);
    expect(await replica.refresh()).toBe(true); // what its 3-second poll does
    expect(replica.synonyms().some((r) => r.term === '驻留凭条')).toBe(true);
    replica.stop();
    expect((await admin('PUT', `/v1/admin/synonyms/${created.body.id}`, { term: '驻留凭条', expansions: ['社会保障卡'] })).status).toBe(200);
    expect(ids(await get('/v1/search', { q: '驻留凭条' }))[0]).toBe('sample-003');
    expect((await admin('DELETE', `/v1/admin/synonyms/${created.body.id}`)).status).toBe(204);
    expect((await get('/v1/search', { q: '驻留凭条' })).total).toBe(0);
  });

  it('rejects bad curation input with a 4xx that says what to fix', async () => {
    const cases: Array<[string, string, object | undefined, number, string]> = [
      ['POST', '/v1/admin/synonyms', { term: '社保' }, 400, 'BAD_REQUEST'],
      ['POST', '/v1/admin/synonyms', { term: '噪声', expansions: ['噪声'] }, 400, 'BAD_CURATION_INPUT'],
      ['POST', '/v1/admin/synonyms', { term: '社保', expansions: ['社会保险'] }, 409, 'SYNONYM_EXISTS'],
      ['POST', '/v1/admin/synonyms', { term: 'x', expansions: ['y'], extra: 1 }, 400, 'BAD_REQUEST'],
      ['PUT', '/v1/admin/synonyms/999999', { term: 'a', expansions: ['b'] }, 404, 'NOT_FOUND'],
      ['DELETE', '/v1/admin/synonyms/abc', undefined, 400, 'BAD_REQUEST'],
      ['POST', '/v1/admin/hot-words', { word: '社保', site: 'no-such-site' }, 404, 'UNKNOWN_SITE'],
      ['POST', '/v1/admin/hot-words', { word: '社保', expiresAt: 'tomorrow' }, 400, 'BAD_CURATION_INPUT'],
      ['POST', '/v1/admin/pins', { query: '社保', externalIds: [] }, 400, 'BAD_REQUEST'],
      ['POST', '/v1/admin/pins', { query: '  ', externalIds: ['sample-001'] }, 400, 'BAD_CURATION_INPUT'],
    ];
    for (const [method, url, payload, status, code] of cases) {
      const res = await admin(method as 'POST', url, payload);
      expect([res.status, res.body.error.code], `${method} ${url} ${JSON.stringify(payload)}`).toEqual([status, code]);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
  });

  it('pins best bets first for a query, per site or platform', async () => {
    const platform = await admin('POST', '/v1/admin/pins', { query: '社保', externalIds: ['sample-012', 'sample-003', 'no-such-doc'] });
    expect(platform.status).toBe(201);
    await admin('POST', '/v1/admin/pins', { site: '9901000001', query: '社 保', externalIds: ['sample-006'] });
    const body = await get('/v1/search', { q: '社保' });
    expect(body.results.slice(0, 2).map((r: { id: string; matchedBy?: string }) => [r.id, r.matchedBy])).toEqual([['sample-012', 'pinned'], ['sample-003', 'pinned']]);
    const site = await get('/v1/search', { q: '社保', site: '9901000001', scope: 'platform' });
    expect(ids(site).slice(0, 3)).toEqual(['sample-006', 'sample-012', 'sample-003']);
    expect((await admin('GET', '/v1/admin/pins')).body.pins).toHaveLength(2);
  });

  it('suggests hot words first, by site, from characters and pinyin; hot searches for an empty box', async () => {
    await admin('POST', '/v1/admin/hot-words', { word: '社保卡办理', site: '9901000012', weight: 10 });
    await admin('POST', '/v1/admin/hot-words', { word: '生育补贴' });
    await admin('POST', '/v1/admin/hot-words', { word: '过期热词', expiresAt: '2000-01-01T00:00:00Z' });
    const empty = await get('/v1/suggest', { q: '', site: '9901000012' });
    expect(empty.hot.slice(0, 2)).toEqual(['社保卡办理', '生育补贴']);
    expect(empty.hot).not.toContain('过期热词');
    expect((await get('/v1/suggest', { q: '' })).hot[0]).toBe('生育补贴');
    for (const q of ['社保', 'shebao', 'sbk']) {
      expect((await get('/v1/suggest', { q, site: '9901000012' })).suggestions[0]).toMatchObject({ text: '社保卡办理', kind: 'hot' });
    }
    expect((await get('/v1/suggest', { q: '社保', site: '9901000001' })).suggestions.map((s: { text: string }) => s.text)).not.toContain('社保卡办理');
    const bad = await app.inject({ method: 'GET', url: '/v1/suggest', query: { q: 'x', limit: '99' } });
    expect(bad.statusCode).toBe(400);
  });

  it('logs searches in the background; what one client searched often is not suggested to others', async () => {
    for (let i = 0; i < 3; i++) await get('/v1/search', { q: '居住证 办理', site: '9901000001', scope: 'platform' });
    await get('/v1/search', { q: 'qqqxz', site: '9901000001', scope: 'platform' });
    const report = await admin('GET', '/v1/admin/query-log?days=1&site=9901000001');
    expect(report.body.queries[0]).toMatchObject({ query: '居住证 办理', site: '9901000001', searches: 3, zeroResultSearches: 0 });
    const zero = await admin('GET', '/v1/admin/query-log?days=1&site=9901000001&zeroResults=true');
    expect(zero.body.queries.map((q: { query: string }) => q.query)).toEqual(['qqqxz']);
    await curation.refreshPopular(); // its 5-minute timer
    // One client (inject's 127.0.0.1) three times: no candidate. Distinct clients, days and approval: suggestion-review.test.ts.
    const got = await get('/v1/suggest', { q: '居住', site: '9901000001' });
    expect(got.suggestions.map((s: { text: string }) => s.text)).not.toContain('居住证 办理');
    expect((await admin('GET', '/v1/admin/suggestion-candidates?site=9901000001')).body.candidates).toEqual([]);
  });

  it('never lets a failing query-log write reach the search: the batch is dropped and counted', async () => {
    const writer = new QueryLogWriter(db, { batchSize: 2 });
    // NaN is no integer: PostgreSQL rejects each batch holding it.
    for (let i = 0; i < 5; i++) writer.record({ query: 'q', normalized: 'q', site: null, resultCount: i === 4 ? 1 : Number.NaN, correctedTo: null, tookMs: 1 });
    await writer.flush();
    expect(writer.stats).toEqual({ written: 1, failed: 4, dropped: 0 });
  });
});
