// Popular-query suggestions (issue 15): a scam line searched many times from one address became a
// suggestion for everybody. Now a query needs distinct clients on distinct days, an editor's approval,
// and no blocked content; the query log keeps raw addresses only for its window.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { createAccount, grantRole, listAudit, signIn } from '../library/accounts';
import { openLibrary, type Db } from '../library/store';
import { Curation } from '../retrieval/curation';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

const SITE = '9901000001';

describe('popular-query suggestions need distinct clients, days and an editor', () => {
  let db: Db;
  let app: FastifyInstance;
  let curation: Curation;
  let editor: Record<string, string>;
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    curation = await Curation.open(db, { queryLog: { flushIntervalMs: 60_000 }, rawAddressHours: 24 });
    const search = new SearchService(db, { curation, understanding: { rebuildIntervalMs: 0 } });
    await search.sync();
    app = await buildApp(composeServices({ db, search, curation }), { rateLimitPerMinute: 0 });
    const root = { kind: 'cli' as const, id: null, name: 'root@test' };
    const account = await createAccount(db, root, { username: 'editor-li', password: 'correct horse battery' });
    await grantRole(db, root, account.id, { role: 'editor', siteId: null });
    editor = { authorization: `Bearer ${(await signIn(db, 'editor-li', 'correct horse battery')).token}` };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await curation?.close();
    await db?.close();
  });

  const admin = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const res = await app.inject({ method, url, payload, headers: editor });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  const searchFrom = async (client: string, q: string) => {
    const res = await app.inject({ method: 'GET', url: '/v1/search', query: { q, site: SITE, scope: 'platform' }, remoteAddress: client });
    expect(res.json().total).toBeGreaterThan(0); // only queries that found something become candidates
  };
  /** Five different clients, one of them also on the day before: what the thresholds ask for. */
  const popularWith = async (q: string, firstClient: number) => {
    for (let c = 0; c < 5; c++) await searchFrom(`198.51.${firstClient}.${c + 1}`, q);
    await searchFrom(`198.51.${firstClient}.1`, q);
    await curation.flushLog();
    await db.query("UPDATE query_log SET created_at = now() - interval '1 day' WHERE id = (SELECT max(id) FROM query_log WHERE query = $1)", [q]);
  };
  const suggested = async (q: string) =>
    (await app.inject({ method: 'GET', url: '/v1/suggest', query: { q, site: SITE } })).json<{ suggestions: Array<{ text: string; kind: string }>; hot: string[] }>();
  const pending = async () => (await admin('GET', `/v1/admin/suggestion-candidates?site=${SITE}`)).body.candidates as Array<{ id: number; query: string; clients: number; days: number }>;

  it('never suggests a line searched many times from one client, even over several days', async () => {
    for (let i = 0; i < 30; i++) await searchFrom('203.0.113.66', '居住证 办理');
    await curation.flushLog();
    await db.query("UPDATE query_log SET created_at = now() - interval '2 days' WHERE id IN (SELECT id FROM query_log WHERE query = '居住证 办理' LIMIT 10)");
    await curation.refreshPopular();
    expect(await pending()).toEqual([]);
    const got = await suggested('居住');
    expect(got.suggestions.filter((s) => s.kind === 'query')).toEqual([]);
    expect(got.hot).not.toContain('居住证 办理');
  });

  it('makes a query of many clients a candidate, shown only after an editor approves it (audited)', async () => {
    await popularWith('居住证 办理', 10);
    await curation.refreshPopular();
    const [candidate] = await pending();
    expect(candidate).toMatchObject({ query: '居住证 办理', clients: 6, days: 3 }); // the heavy client of the test above counts once
    expect((await suggested('居住')).suggestions.map((s) => s.text)).not.toContain('居住证 办理');

    const approved = await admin('POST', `/v1/admin/suggestion-candidates/${candidate.id}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', reviewedBy: 'editor-li' } });
    expect((await suggested('居住')).suggestions[0]).toMatchObject({ text: '居住证 办理', kind: 'query' });
    expect((await suggested('')).hot).toContain('居住证 办理');
    const [entry] = await listAudit(db, { action: 'suggestion.approve' });
    expect(entry).toMatchObject({ targetId: String(candidate.id), actor: { name: 'editor-li', role: 'editor' }, before: { status: 'pending' }, after: { status: 'approved' } });

    expect((await admin('POST', '/v1/admin/suggestion-candidates/999999/reject')).status).toBe(404);
  });

  it('never makes a candidate of a phone number, URL or contact line, however many clients search it', async () => {
    const lines = ['居住证 办理 13812345678', '居住证 办理 www.banzheng-kuai.cn', '居住证 办理 加微信', '居住证 办理 0571-87654321'];
    for (const [i, line] of lines.entries()) await popularWith(line, 20 + i);
    await curation.refreshPopular();
    expect((await pending()).map((c) => c.query)).toEqual([]);
  });

  it('rejects pending candidates holding an editor\'s blocked word and hides approved ones at once', async () => {
    await popularWith('居住证 加急', 30);
    await curation.refreshPopular();
    expect((await pending()).map((c) => c.query)).toEqual(['居住证 加急']);
    const blocked = await admin('POST', '/v1/admin/suggestion-blocklist', { word: '加急', note: 'scam' });
    expect(blocked).toMatchObject({ status: 201, body: { word: '加急' } });
    expect((await admin('POST', '/v1/admin/suggestion-blocklist', { word: '加急' })).body.error.code).toBe('BLOCKED_WORD_EXISTS');
    expect(await pending()).toEqual([]);
    const rejected = (await admin('GET', `/v1/admin/suggestion-candidates?status=rejected&site=${SITE}`)).body.candidates;
    expect(rejected.map((c: { query: string }) => c.query)).toEqual(['居住证 加急']);
    await curation.refreshPopular();
    expect(await pending()).toEqual([]); // a refresh does not bring it back

    // An approved suggestion is hidden as soon as a word it holds is blocked, and back when unblocked.
    const word = await admin('POST', '/v1/admin/suggestion-blocklist', { word: '办理' });
    expect((await suggested('居住')).suggestions.map((s) => s.text)).not.toContain('居住证 办理');
    expect((await admin('DELETE', `/v1/admin/suggestion-blocklist/${word.body.id}`)).status).toBe(204);
    expect((await suggested('居住')).suggestions.map((s) => s.text)).toContain('居住证 办理');
    expect((await admin('GET', '/v1/admin/suggestion-blocklist')).body.words.map((w: { word: string }) => w.word)).toEqual(['加急']);
    expect((await listAudit(db, { action: 'suggestion_block.create' })).length).toBe(2);
  });

  it('keeps a hash of every client but its raw address only within the window', async () => {
    await searchFrom('192.0.2.99', '公积金');
    await curation.flushLog();
    await db.query("UPDATE query_log SET created_at = now() - interval '25 hours' WHERE query = '居住证 办理' AND client_address = '203.0.113.66'");
    const before = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM query_log WHERE client_address IS NOT NULL AND created_at < now() - interval '24 hours'");
    expect(before.rows[0].n).toBeGreaterThan(10);
    expect(await curation.purgeRawAddresses()).toBe(before.rows[0].n);
    const { rows } = await db.query<{ old: number; hashed: number; recent: number }>(
      `SELECT count(*) FILTER (WHERE created_at < now() - interval '24 hours' AND client_address IS NOT NULL)::int AS old,
              count(*) FILTER (WHERE client_hash IS NULL)::int AS hashed,
              count(*) FILTER (WHERE client_address = '192.0.2.99')::int AS recent FROM query_log`,
    );
    expect(rows[0]).toEqual({ old: 0, hashed: 0, recent: 1 });
    expect(await curation.purgeRawAddresses()).toBe(0);
  });
});
