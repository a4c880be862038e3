// Site keys through the front door (issue 15): keys made by site admins, CORS answering only a key's
// origins, the console refusing every cross-origin request, a key's scope capping the search, rotation
// and revocation, and citizen tokens carried into the answer and feedback logs.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, grantRole, signIn, type Actor } from '../../library/accounts';
import { upsertDocument, upsertSite } from '../../library/documents';
import { signCitizenToken } from '../../library/site-keys';
import { openLibrary, type Db } from '../../library/store';
import { prepareDocument } from '../../ingest/pipeline';
import { SearchService } from '../../retrieval/search';
import { buildApp } from '../app';
import { ROUTE_RULES } from '../auth';
import { bearer } from '../auth/test-fixture';
import { composeServices } from '../compose';
import { CONSOLE_PREFIXES, classifyPath } from '.';

const ALLOWED = 'https://www.city-a.gov.cn';
const EVIL = 'https://evil.example';
const root: Actor = { kind: 'cli', id: null, name: 'root@test' };

interface Made { key: { id: number; key: string; expiresAt: string | null }; signingSecret: string }

describe('site keys and cross-origin requests', () => {
  let db: Db;
  let app: FastifyInstance;
  let cityAdmin: Record<string, string>;
  let otherAdmin: Record<string, string>;
  let keyA: Made;
  let keyB: Made;
  const call = (o: InjectOptions) => app.inject(o);
  const search = (headers: Record<string, string>, query: Record<string, string> = {}) =>
    call({ url: '/v1/search', query: { q: '居住证', ...query }, headers });
  const titles = (res: { json(): unknown }) => (res.json() as { results: Array<{ title: string }> }).results.map((r) => r.title);

  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'prov', name: '省政府', level: 'province', regionCode: '330000' });
    await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', parentCode: 'prov', regionCode: '330100' });
    await upsertSite(db, { code: 'county-a1', name: '甲市一县', level: 'county', parentCode: 'city-a', regionCode: '330102' });
    await upsertSite(db, { code: 'city-b', name: '乙市', level: 'city', parentCode: 'prov', regionCode: '330200' });
    for (const [id, site, title] of [['a', 'city-a', '甲市居住证办理指南'], ['a1', 'county-a1', '甲市一县居住证办理须知'], ['b', 'city-b', '乙市居住证办理指南']]) {
      await upsertDocument(db, prepareDocument({ externalId: `doc-${id}`, siteCode: site, infoType: '通知公告', title, body: `${title}：携带身份证到派出所申请居住证。` }));
    }
    const searchService = new SearchService(db);
    await searchService.sync();
    app = await buildApp(composeServices({ db, search: searchService }), { rateLimitPerMinute: 0 });
    const { rows } = await db.query<{ id: number; code: string }>('SELECT id, code FROM sites');
    const siteId = Object.fromEntries(rows.map((r) => [r.code, r.id]));
    const person = async (name: string, site: string) => {
      const account = await createAccount(db, root, { username: name, password: 'correct horse battery' });
      await grantRole(db, root, account.id, { role: 'site_admin', siteId: siteId[site] });
      return bearer((await signIn(db, name, 'correct horse battery')).token);
    };
    cityAdmin = await person('admin-a', 'city-a');
    otherAdmin = await person('admin-b', 'city-b');
    const made = await call({ method: 'POST', url: '/v1/admin/sites/city-a/keys', headers: cityAdmin, payload: { origins: [ALLOWED] } });
    expect(made.statusCode).toBe(201);
    keyA = made.json<Made>();
    keyB = (await call({ method: 'POST', url: '/v1/admin/sites/city-b/keys', headers: otherAdmin, payload: { origins: ['https://www.city-b.gov.cn'], scope: 'region' } })).json<Made>();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  describe('keys are managed by their site admins and audited without their secrets', () => {
    it('lets city-a admins list city-a keys, never showing the signing secret again', async () => {
      const list = await call({ url: '/v1/admin/sites/city-a/keys', headers: cityAdmin });
      expect(list.statusCode).toBe(200);
      expect(list.json().keys).toEqual([expect.objectContaining({ id: keyA.key.id, key: keyA.key.key, scope: 'site', origins: [ALLOWED], environment: 'production' })]);
      expect(list.body).not.toContain(keyA.signingSecret);
      const audit = await db.query<{ action: string; actor_name: string; after: string }>("SELECT action, actor_name, after::text FROM audit_log WHERE target_kind = 'site_key' AND target_id = $1", [String(keyA.key.id)]);
      expect(audit.rows).toEqual([expect.objectContaining({ action: 'site_key.create', actor_name: 'admin-a' })]);
      expect(audit.rows[0].after).not.toContain(keyA.signingSecret);
    });

    it("refuses another site's admin, and a key id under the wrong site", async () => {
      expect((await call({ url: '/v1/admin/sites/city-a/keys', headers: otherAdmin })).statusCode).toBe(403);
      expect((await call({ method: 'POST', url: '/v1/admin/sites/city-a/keys', headers: otherAdmin, payload: { origins: [EVIL] } })).statusCode).toBe(403);
      const misplaced = await call({ method: 'POST', url: `/v1/admin/sites/city-b/keys/${keyA.key.id}/revoke`, headers: otherAdmin });
      expect(misplaced.statusCode).toBe(404);
      expect((await search({ 'x-zhiwen-key': keyA.key.key })).statusCode).toBe(200); // still alive
    });

    it('answers a bad origin with the fix, storing nothing', async () => {
      const res = await call({ method: 'POST', url: '/v1/admin/sites/city-a/keys', headers: cityAdmin, payload: { origins: ['https://www.city-a.gov.cn/search.html'] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_SITE_KEY_INPUT', message: expect.stringContaining('e.g. https://www.city-a.gov.cn') });
      expect((await call({ url: '/v1/admin/sites/city-a/keys', headers: cityAdmin })).json().keys).toHaveLength(1);
    });
  });

  describe('CORS answers only a key\'s origins', () => {
    it('allows an origin in the key\'s list, answering that origin only', async () => {
      const res = await search({ origin: ALLOWED, 'x-zhiwen-key': keyA.key.key });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers.vary).toMatch(/Origin/);
      expect(titles(res)).toEqual(['甲市居住证办理指南']);
      const byQuery = await search({ origin: ALLOWED }, { key: keyA.key.key });
      expect(byQuery.statusCode).toBe(200);
      expect(titles(byQuery)).toEqual(['甲市居住证办理指南']);
    });

    it('refuses an origin outside the key\'s list with ORIGIN_NOT_ALLOWED and no data', async () => {
      const res = await search({ origin: EVIL, 'x-zhiwen-key': keyA.key.key });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: expect.objectContaining({ code: 'ORIGIN_NOT_ALLOWED', message: expect.stringContaining(`origin ${EVIL} is not among the allowed origins of site key ${keyA.key.id}`) }) });
      // Readable by that page only so that the widget can say why; it holds no results.
      expect(res.headers['access-control-allow-origin']).toBe(EVIL);
      const ask = await call({ method: 'POST', url: '/v1/ask', headers: { origin: EVIL, 'x-zhiwen-key': keyA.key.key }, payload: { question: '居住证怎么办' } });
      expect(ask.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
      expect((await db.query('SELECT 1 FROM answer_log')).rows).toHaveLength(0);
    });

    it('refuses a cross-origin request without a key, and keeps serving curl, servers and the API\'s own pages', async () => {
      const keyless = await search({ origin: ALLOWED });
      expect(keyless.statusCode).toBe(403);
      expect(keyless.json().error).toMatchObject({ code: 'SITE_KEY_REQUIRED', message: expect.stringContaining('site-key="zk_…"') });
      const curl = await search({});
      expect(curl.statusCode).toBe(200);
      expect(curl.headers['access-control-allow-origin']).toBeUndefined();
      expect(titles(curl)).toHaveLength(3);
      const sameOrigin = await search({ origin: 'http://zhiwen.internal:8080', host: 'zhiwen.internal:8080' });
      expect(sameOrigin.statusCode).toBe(200);
      expect(sameOrigin.headers['access-control-allow-origin']).toBeUndefined();
      // The widget script itself loads on any page: it holds no data.
      expect((await call({ url: '/widget/zhiwen.js', headers: { origin: EVIL } })).headers['access-control-allow-origin']).toBe(EVIL);
    });

    it('refuses an unknown key whatever the origin', async () => {
      for (const headers of [{ 'x-zhiwen-key': 'zk_nosuchkeynosuchkeynosuch' }, { origin: ALLOWED, 'x-zhiwen-key': 'not-a-key' }] as Array<Record<string, string>>) {
        const res = await search(headers);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('SITE_KEY_INVALID');
      }
    });

    it('passes a public preflight (the request itself is checked) and names the widget\'s headers', async () => {
      const res = await call({ method: 'OPTIONS', url: '/v1/ask', headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-zhiwen-key' } });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(String(res.headers['access-control-allow-headers'])).toMatch(/x-zhiwen-key.*x-zhiwen-citizen/);
    });
  });

  describe('the console takes no cross-origin requests at all', () => {
    it('refuses every credentialed route from another origin, even a key\'s own origin with a valid session', async () => {
      const consoleRoutes = Object.entries(ROUTE_RULES).filter(([k, r]) => r.access !== 'public' || k.includes('/v1/auth/'));
      expect(consoleRoutes.length).toBeGreaterThan(40);
      const wrong: string[] = [];
      for (const [key] of consoleRoutes) {
        const [method, pattern] = key.split(' ');
        const url = pattern.replace(/:code/g, 'city-a').replace(/:\w+/g, '1');
        for (const origin of [EVIL, ALLOWED]) {
          const res = await call({ method: method as 'GET', url, headers: { ...cityAdmin, origin, 'x-zhiwen-key': keyA.key.key }, payload: method === 'GET' ? undefined : {} });
          if (res.statusCode !== 403 || res.json().error?.code !== 'CROSS_ORIGIN_FORBIDDEN' || res.headers['access-control-allow-origin']) wrong.push(`${key} from ${origin}: ${res.statusCode} ${res.body.slice(0, 80)}`);
        }
        const preflight = await call({ method: 'OPTIONS', url, headers: { origin: ALLOWED, 'access-control-request-method': method } });
        if (preflight.statusCode !== 403 || preflight.headers['access-control-allow-origin']) wrong.push(`preflight ${key}: ${preflight.statusCode}`);
      }
      expect(wrong).toEqual([]);
      // Same origin (the console on the API's own address) works.
      expect((await call({ url: '/v1/admin/sites/city-a/keys', headers: { ...cityAdmin, origin: 'http://localhost:80', host: 'localhost:80' } })).statusCode).toBe(200);
    });

    it('classifies paths as the route table does, so a preflight (which knows only the path) agrees', () => {
      const mismatched = Object.entries(ROUTE_RULES)
        .filter(([k, r]) => (r.access !== 'public' || k.includes('/v1/auth/')) !== (classifyPath(k.split(' ')[1]) === 'console'))
        .map(([k]) => k);
      expect(mismatched).toEqual([]);
      expect(CONSOLE_PREFIXES).toContain('/v1/admin/');
    });
  });

  describe('a key scopes the request', () => {
    it('searches its own site by default and refuses more than its scope allows', async () => {
      const headers = { origin: ALLOWED, 'x-zhiwen-key': keyA.key.key };
      const other = await search(headers, { site: 'city-b' });
      expect(other.statusCode).toBe(403);
      expect(other.json().error).toMatchObject({ code: 'SITE_KEY_SCOPE', message: expect.stringContaining('searches its own site at most') });
      expect((await search(headers, { scope: 'region' })).json().error.code).toBe('SITE_KEY_SCOPE');
      expect((await search(headers, { scope: 'platform' })).json().error.code).toBe('SITE_KEY_SCOPE');
      expect(titles(await search(headers, { site: 'city-a', scope: 'site' }))).toEqual(['甲市居住证办理指南']);
      const suggest = await call({ url: '/v1/suggest', query: { q: '居', site: 'city-b' }, headers });
      expect(suggest.json().error.code).toBe('SITE_KEY_SCOPE');
    });

    it('a region key searches its region by default, never the platform', async () => {
      const headers = { origin: 'https://www.city-b.gov.cn', 'x-zhiwen-key': keyB.key.key };
      expect(titles(await search(headers))).toEqual(['乙市居住证办理指南']);
      expect((await search(headers, { scope: 'platform' })).json().error.code).toBe('SITE_KEY_SCOPE');
    });
  });

  describe('rotation and revocation', () => {
    it('keeps the old key working until its overlap ends, the new one at once, and refuses a revoked one', async () => {
      const made = (await call({ method: 'POST', url: '/v1/admin/sites/city-a/keys', headers: cityAdmin, payload: { origins: [ALLOWED], environment: 'staging' } })).json<Made>();
      const rotated = await call({ method: 'POST', url: `/v1/admin/sites/city-a/keys/${made.key.id}/rotate`, headers: cityAdmin, payload: {} });
      expect(rotated.statusCode).toBe(201);
      const { key: fresh, previous } = rotated.json<Made & { previous: { expiresAt: string; replacedBy: number } }>();
      expect(previous.replacedBy).toBe(fresh.id);
      expect(Date.parse(previous.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000); // the default week
      for (const k of [made.key.key, fresh.key]) expect((await search({ origin: ALLOWED, 'x-zhiwen-key': k })).statusCode).toBe(200);

      await db.query("UPDATE site_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [made.key.id]); // the week has passed
      const expired = await search({ origin: ALLOWED, 'x-zhiwen-key': made.key.key });
      expect(expired.statusCode).toBe(403);
      expect(expired.json().error.code).toBe('SITE_KEY_INVALID');

      const revoked = await call({ method: 'POST', url: `/v1/admin/sites/city-a/keys/${fresh.id}/revoke`, headers: cityAdmin });
      expect(revoked.json()).toMatchObject({ id: fresh.id, revoked: true });
      expect((await search({ origin: ALLOWED, 'x-zhiwen-key': fresh.key })).json().error.code).toBe('SITE_KEY_INVALID');
      // One rotate entry names both keys (its after.replacedBy is the new one).
      const actions = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_kind = 'site_key' AND target_id IN ($1, $2) ORDER BY id", [String(made.key.id), String(fresh.id)]);
      expect(actions.rows.map((r) => r.action)).toEqual(['site_key.create', 'site_key.rotate', 'site_key.revoke']);
    });
  });

  describe('citizen tokens', () => {
    const exp = () => Math.floor(Date.now() / 1000) + 600;
    const ask = (citizen: string, key = keyA.key.key) =>
      call({ method: 'POST', url: '/v1/ask', headers: { origin: ALLOWED, 'x-zhiwen-key': key, 'x-zhiwen-citizen': citizen }, payload: { question: '居住证怎么办理' } });

    it('carries the signed-in citizen into the answer log, the editors\' queue and feedback', async () => {
      const token = signCitizenToken(keyA.signingSecret, { site: 'city-a', sub: 'wx-user-7', exp: exp() });
      const res = await ask(token);
      expect(res.statusCode).toBe(200);
      const { answerId } = res.json<{ answerId: string }>();
      expect((await db.query('SELECT citizen_subject, site_code FROM answer_log WHERE answer_id = $1', [answerId])).rows).toEqual([{ citizen_subject: 'wx-user-7', site_code: 'city-a' }]);
      const feedback = await call({ method: 'POST', url: '/v1/feedback', headers: { origin: ALLOWED, 'x-zhiwen-key': keyA.key.key, 'x-zhiwen-citizen': token }, payload: { answerId, helpful: false, comment: '没找到' } });
      expect(feedback.statusCode).toBe(201);
      expect((await db.query('SELECT citizen_subject FROM answer_feedback WHERE answer_id = $1', [answerId])).rows).toEqual([{ citizen_subject: 'wx-user-7' }]);
      expect((await db.query("SELECT citizen_subject FROM unanswered_questions WHERE answer_id = $1 AND reason = 'disliked'", [answerId])).rows).toEqual([{ citizen_subject: 'wx-user-7' }]);
    });

    it('refuses a wrong signature, an expired token, and a token of another site, logging nothing', async () => {
      const before = (await db.query('SELECT count(*)::int AS n FROM answer_log')).rows[0];
      const cases = {
        'wrong signature': signCitizenToken('zks_guessed', { site: 'city-a', sub: 'x', exp: exp() }),
        expired: signCitizenToken(keyA.signingSecret, { site: 'city-a', sub: 'x', exp: Math.floor(Date.now() / 1000) - 3600 }),
        'another site': signCitizenToken(keyB.signingSecret, { site: 'city-b', sub: 'x', exp: exp() }),
        "another site's secret": signCitizenToken(keyB.signingSecret, { site: 'city-a', sub: 'x', exp: exp() }),
        'lives over an hour': signCitizenToken(keyA.signingSecret, { site: 'city-a', sub: 'x', exp: exp() + 7200 }),
      };
      for (const [why, token] of Object.entries(cases)) {
        const res = await ask(token);
        expect(res.statusCode, why).toBe(401);
        expect(res.json().error.code, why).toBe('CITIZEN_TOKEN_INVALID');
      }
      const keyless = await call({ method: 'POST', url: '/v1/ask', headers: { 'x-zhiwen-citizen': 'a.b.c' }, payload: { question: '居住证' } });
      expect(keyless.json().error).toMatchObject({ code: 'CITIZEN_TOKEN_INVALID', message: expect.stringContaining('send it with the site key') });
      expect((await db.query('SELECT count(*)::int AS n FROM answer_log')).rows[0]).toEqual(before);
    });
  });
});
