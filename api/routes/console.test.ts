// What the console needs from the API, through the front door: its page and script, /admin's
// redirect, /v1/auth/me's sites and actions, the entry filters and the import preview.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBundle } from '../../console/build';
import { createAccount, signIn } from '../../library/accounts';
import { createEntry, listEntries } from '../../library/consultation';
import { upsertSite } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { SearchService } from '../../retrieval/search';
import { buildApp } from '../app';
import { composeServices } from '../compose';

const TOKEN = 'console-route-test-token';
const admin = { 'x-zhiwen-admin-token': TOKEN, 'x-zhiwen-user': 'tester' };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the console\'s routes', () => {
  let db: Db;
  let app: FastifyInstance;
  let cityId: number;
  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', regionCode: '330100' });
    cityId = (await db.query<{ id: number }>("SELECT id FROM sites WHERE code = 'city-a'")).rows[0].id;
    const search = new SearchService(db);
    await search.sync();
    const { file } = await ensureConsoleBundle();
    app = await buildApp(composeServices({ db, search }), { adminToken: TOKEN, rateLimitPerMinute: 0, consoleFile: file });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('serves the page, its script gzipped with an ETag (304 on revalidation), and sends /admin to /console', async () => {
    const page = await app.inject({ url: '/console' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const src = /<script src="([^"]+)" defer>/.exec(page.body)?.[1];
    expect(src).toMatch(/^\/console\/console\.js\?v=/);
    const script = await app.inject({ url: src!, headers: { 'accept-encoding': 'gzip' } });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(script.headers['cache-control']).toContain('immutable');
    const again = await app.inject({ url: src!, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(script.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const plain = await app.inject({ url: '/console/console.js' });
    expect(plain.body.startsWith('/* zhiwen-console ')).toBe(true);
    expect(plain.headers['cache-control']).toBe('no-cache');
    const moved = await app.inject({ url: '/admin' });
    expect([moved.statusCode, moved.headers.location]).toEqual([302, '/console']);
  });

  it('answers 500 CONSOLE_BUILD_FAILED, saying what to do, where no bundle was built', async () => {
    const bare = await buildApp(composeServices({ db, search: new SearchService(db) }), { rateLimitPerMinute: 0 });
    const res = await bare.inject({ url: '/console' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'CONSOLE_BUILD_FAILED', message: expect.stringContaining('zhiwen serve') } });
    await bare.close();
  });

  it('tells the console each grant\'s site and the actions it allows (GET /v1/auth/me)', async () => {
    await createAccount(db, { kind: 'cli', id: null, name: 'test' }, { username: 'editor-a', password: 'a long enough password', grants: [{ role: 'editor', siteId: cityId }] });
    const { token } = await signIn(db, 'editor-a', 'a long enough password');
    const me = await app.inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ kind: 'account', name: 'editor-a', grants: [{ role: 'editor', siteId: cityId, siteCode: 'city-a', siteName: '甲市', actions: ['editorial.read', 'editorial.write'] }] });
  });

  it('filters entries by site, author and expiry (soonest first), and refuses a bad filter', async () => {
    await createEntry(db, { question: '甲市问答一', answerHtml: '<p>一</p>', scope: 'site', siteCode: 'city-a', expiresOn: day(20) }, 'alice');
    await createEntry(db, { question: '全平台问答二', answerHtml: '<p>二</p>', expiresOn: day(5) }, 'bob');
    await createEntry(db, { question: '全平台问答三', answerHtml: '<p>三</p>', expiresOn: day(400) }, 'alice');
    await createEntry(db, { question: '已过期问答四', answerHtml: '<p>四</p>', expiresOn: day(-3) }, 'carol');
    const questions = async (query: Record<string, string>) => {
      const res = await app.inject({ url: '/v1/faqs', query, headers: admin });
      expect(res.statusCode).toBe(200);
      return res.json<{ entries: Array<{ question: string }> }>().entries.map((e) => e.question);
    };
    expect(await questions({ siteCode: 'city-a' })).toEqual(['甲市问答一']);
    expect(await questions({ author: 'alice' })).toEqual(['甲市问答一', '全平台问答三']);
    expect(await questions({ expiringWithinDays: '30' })).toEqual(['已过期问答四', '全平台问答二', '甲市问答一']);
    expect(await questions({ expiringWithinDays: '30', author: 'bob' })).toEqual(['全平台问答二']);
    const bad = await app.inject({ url: '/v1/faqs', query: { expiringWithinDays: '-1' }, headers: admin });
    expect(bad.statusCode).toBe(400);
  });

  it('previews an import row by row and writes nothing; a body that is not CSV or XLSX is refused', async () => {
    await createEntry(db, { question: '已有的问题六', answerHtml: '<p>六</p>' }, 'alice');
    const before = (await listEntries(db, { limit: 200 })).total;
    const csv = '\ufeff标准问,答案\n已有的问题六,重复\n新的问题五,<p>五</p>\n新的问题五,<p>同一文件里重复</p>\n,<p>没有问题</p>\n';
    const res = await app.inject({ method: 'POST', url: '/v1/faqs/import/preview', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(200);
    const preview = res.json<{ create: number; skip: number; rows: Array<{ row: number; question: string | null; action: string; reason: string | null }> }>();
    expect(preview.rows.map((r) => [r.question, r.action])).toEqual([['已有的问题六', 'skip'], ['新的问题五', 'create'], ['新的问题五', 'skip'], [null, 'skip']]);
    expect(preview.rows[0].reason).toMatch(/same question as entry \d+/);
    expect(preview.rows[2].reason).toBe('same question as an earlier row');
    expect([preview.create, preview.skip]).toEqual([1, 3]);
    expect((await listEntries(db, { limit: 200 })).total).toBe(before);
    // The import itself does what the preview said.
    const done = await app.inject({ method: 'POST', url: '/v1/faqs/import', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(done.json()).toMatchObject({ created: 1 });
    const json = await app.inject({ method: 'POST', url: '/v1/faqs/import/preview', headers: admin, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('IMPORT_FORMAT');
  });
});
