// Accounts through the HTTP API: login/logout/me, who is acting, site scopes, the audit log, /docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryWriter, prepareDocument } from '../../ingest/pipeline';
import { bearer, openAuthFixture, PASSWORD, type AuthFixture, type Caller } from './test-fixture';

describe('accounts and roles in the API (api/auth)', () => {
  let f: AuthFixture;
  let alice: Caller; // editor of city-a (and so of its counties)
  let bob: Caller; // reviewer of city-a
  let carol: Caller; // editor and reviewer of city-a
  let dave: Caller; // editor of city-b
  let auditor: Caller;
  let cityBAuditor: Caller;
  beforeAll(async () => {
    f = await openAuthFixture();
    const a = f.siteId['city-a'];
    alice = await f.person('alice', [{ role: 'editor', siteId: a }]);
    bob = await f.person('bob', [{ role: 'reviewer', siteId: a }]);
    carol = await f.person('carol', [{ role: 'editor', siteId: a }, { role: 'reviewer', siteId: a }]);
    dave = await f.person('dave', [{ role: 'editor', siteId: f.siteId['city-b'] }]);
    auditor = await f.person('audrey', [{ role: 'auditor', siteId: null }]);
    cityBAuditor = await f.person('bea', [{ role: 'auditor', siteId: f.siteId['city-b'] }]);
  });
  afterAll(async () => {
    await f?.close();
  });

  const call = (who: Caller | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, extra: Record<string, string> = {}) =>
    f.app.inject({ method, url, payload, headers: { ...(who?.headers ?? {}), 'user-agent': 'auth-test', ...extra } });
  const entry = (siteCode: string) => ({ question: `如何办理${siteCode}居住证`, answerHtml: '<p>携带身份证到派出所办理。</p>', scope: 'site', siteCode });

  it('signs in, says who the session is, and ends it at logout', async () => {
    const login = await f.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'Alice', password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const { token, expiresAt, account } = login.json();
    expect(token).toMatch(/^zs_/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    expect(account).toMatchObject({ username: 'alice', grants: [{ role: 'editor', siteId: f.siteId['city-a'] }] });
    const me = await f.app.inject({ url: '/v1/auth/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ kind: 'account', name: 'alice', credential: 'session' });
    expect((await f.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: bearer(token) })).json()).toEqual({ ended: true });
    const after = await f.app.inject({ url: '/v1/auth/me', headers: bearer(token) });
    expect([after.statusCode, after.json().error.code]).toEqual([401, 'CREDENTIAL_INVALID']);
  });

  it('answers 401 with a code for a wrong password, no credential, and a malformed one', async () => {
    const wrong = await f.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'alice', password: 'not the password' } });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'LOGIN_FAILED']);
    const none = await f.app.inject({ url: '/v1/faqs' });
    expect([none.statusCode, none.json().error.code]).toEqual([401, 'CREDENTIAL_REQUIRED']);
    expect(none.json().error.message).toContain('POST /v1/auth/login');
    for (const authorization of ['Bearer zs_forged', 'Bearer nothing-known', 'Basic YWxpY2U6eA==']) {
      const res = await f.app.inject({ url: '/v1/faqs', headers: { authorization } });
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'CREDENTIAL_INVALID']);
    }
  });

  it('makes self-approval impossible whatever headers are sent: the acting name is the principal', async () => {
    const drafted = await call(alice, 'POST', '/v1/faqs', entry('city-a'), { 'x-zhiwen-user': 'mallory' });
    expect(drafted.statusCode).toBe(201);
    const id = drafted.json().entry.id as number;
    expect((await call(alice, 'POST', `/v1/faqs/${id}/submit`, {})).statusCode).toBe(200);
    const forged: Array<Record<string, string>> = [{}, { 'x-zhiwen-user': 'bob' }, { 'x-zhiwen-user': 'bob', 'x-zhiwen-admin-token': 'guess' }];
    for (const extra of forged) {
      const own = await call(alice, 'POST', `/v1/faqs/${id}/approve`, {}, extra);
      expect([own.statusCode, own.json().error.code]).toEqual([403, 'ACTION_FORBIDDEN']);
    }
    // One who may both write and review still cannot approve what they wrote, naming another or not.
    const carols = (await call(carol, 'POST', '/v1/faqs', entry('county-a1'))).json().entry.id as number;
    await call(carol, 'POST', `/v1/faqs/${carols}/submit`, {});
    const self = await call(carol, 'POST', `/v1/faqs/${carols}/approve`, {}, { 'x-zhiwen-user': 'bob' });
    expect([self.statusCode, self.json().error.code]).toEqual([403, 'SELF_REVIEW']);
    const approved = await call(bob, 'POST', `/v1/faqs/${id}/approve`, {}, { 'x-zhiwen-user': 'alice' });
    expect([approved.statusCode, approved.json().status]).toEqual([200, 'published']);
    const versions = (await call(bob, 'GET', `/v1/faqs/${id}/versions`)).json().versions as Array<{ actor: string }>;
    expect(versions.map((v) => v.actor)).toEqual(expect.arrayContaining(['alice', 'bob']));
    expect(versions.map((v) => v.actor)).not.toContain('mallory');
  });

  it("keeps a city's editor inside that city and its counties", async () => {
    const alices = (await call(alice, 'POST', '/v1/faqs', entry('county-a1'))).json().entry.id as number;
    const patch = await call(dave, 'PATCH', `/v1/faqs/${alices}`, { answerHtml: '<p>改掉</p>' });
    expect([patch.statusCode, patch.json().error.code]).toEqual([403, 'ACTION_FORBIDDEN']);
    expect(patch.json().error.message).toContain('county-a1');
    expect((await call(dave, 'POST', '/v1/faqs', entry('city-a'))).statusCode).toBe(403);
    expect((await call(dave, 'POST', '/v1/admin/hot-words', { site: 'city-a', word: '社保' })).statusCode).toBe(403);
    expect((await call(dave, 'POST', '/v1/admin/hot-words', { site: 'city-b', word: '社保' })).statusCode).toBe(201);
    // Moving an entry out of one's scope is refused too.
    const move = await call(alice, 'PATCH', `/v1/faqs/${alices}`, { siteCode: 'city-b' });
    expect(move.statusCode).toBe(403);
    expect((await call(alice, 'PATCH', `/v1/faqs/${alices}`, { answerHtml: '<p>更新后的答复。</p>' })).statusCode).toBe(200);
    // Listing shows each editor their own cities' entries only, as they could open them one by one.
    const daves = (await call(dave, 'POST', '/v1/faqs', entry('city-b'))).json().entry.id as number;
    const listed = async (who: typeof alice) => ((await call(who, 'GET', '/v1/faqs?limit=200')).json().entries as Array<{ id: number }>).map((e) => e.id);
    expect(await listed(alice)).toContain(alices);
    expect(await listed(alice)).not.toContain(daves);
    expect(await listed(dave)).toContain(daves);
    expect(await listed(dave)).not.toContain(alices);
    expect((await call(dave, 'GET', `/v1/faqs/${alices}`)).statusCode).toBe(403);
  });

  it("lets a city's site admin decide on that city's quarantined documents only, under their own name", async () => {
    const body = '机密★1年\n各区人民政府：\n为做好防汛抗旱工作，现将有关事项通知如下。\n一、加强值守，落实防汛责任。';
    await new LibraryWriter(f.db).store([prepareDocument({ externalId: 'held-1', siteCode: 'city-a', title: '关于防汛抗旱工作的通知', body, infoType: '政策文件' })]);
    const siteAdminA = await f.person('sa-a', [{ role: 'site_admin', siteId: f.siteId['city-a'] }]);
    const siteAdminB = await f.person('sa-b', [{ role: 'site_admin', siteId: f.siteId['city-b'] }]);
    expect((await call(siteAdminB, 'POST', '/v1/admin/quarantine/held-1/release', { by: 'sa-a' })).statusCode).toBe(403);
    expect((await call(alice, 'POST', '/v1/admin/quarantine/held-1/release', {})).statusCode).toBe(403); // editors do not
    const released = await call(siteAdminA, 'POST', '/v1/admin/quarantine/held-1/release', { by: 'somebody-else' });
    expect(released.statusCode).toBe(200);
    expect(JSON.stringify(released.json())).toContain('sa-a');
    expect(JSON.stringify(released.json())).not.toContain('somebody-else');
  });

  it('records every write in the audit log, readable by auditors only, scoped, and exportable as CSV', async () => {
    const hot = await call(alice, 'POST', '/v1/admin/hot-words', { site: 'city-a', word: '医保' }, { 'user-agent': 'editor-browser/1.0' });
    expect(hot.statusCode).toBe(201);
    const res = await call(auditor, 'GET', '/v1/admin/audit?action=hot_word.create&actor=alice');
    expect(res.statusCode).toBe(200);
    const [e] = res.json().entries;
    expect(e).toMatchObject({
      action: 'hot_word.create', targetKind: 'hot_word', targetId: String(hot.json().id), siteId: f.siteId['city-a'],
      after: { word: '医保' }, actor: { kind: 'account', name: 'alice', role: 'editor', userAgent: 'editor-browser/1.0' },
    });
    expect((await call(alice, 'PUT', `/v1/admin/hot-words/${hot.json().id}`, { site: 'city-a', word: '医疗保险' })).statusCode).toBe(200);
    const [update] = (await call(auditor, 'GET', '/v1/admin/audit?action=hot_word.update')).json().entries;
    expect(update).toMatchObject({ targetId: String(hot.json().id), before: { word: '医保' }, after: { word: '医疗保险' }, actor: { name: 'alice' } });
    const approvals = (await call(auditor, 'GET', '/v1/admin/audit?action=faq.approve')).json().entries;
    expect(approvals.map((a: { actor: { name: string } }) => a.actor.name)).toEqual(['bob']);
    expect((await call(alice, 'GET', '/v1/admin/audit')).statusCode).toBe(403);
    const scoped = (await call(cityBAuditor, 'GET', '/v1/admin/audit?limit=1000')).json().entries as Array<{ siteId: number | null }>;
    expect(scoped.length).toBeGreaterThan(0); // dave's city-b hot word
    expect(new Set(scoped.map((s) => s.siteId))).toEqual(new Set([f.siteId['city-b']]));
    const csv = await call(auditor, 'GET', '/v1/admin/audit?format=csv&action=hot_word.create');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toMatch(/^id,at,actor_kind,actor_name/);
    expect(csv.body).toContain('医保');
  });

  it('shows the bearer and the deprecated header schemes in /docs', async () => {
    const doc = (await f.app.inject({ url: '/docs/json' })).json();
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' }, legacyAdminToken: { type: 'apiKey', in: 'header', name: 'x-zhiwen-admin-token' },
    });
    expect(doc.security).toEqual([{ bearer: [] }, { legacyAdminToken: [] }]);
    expect(doc.paths['/v1/search'].get.security).toEqual([]);
    expect(doc.paths['/v1/faqs'].get.security).toBeUndefined(); // the document's default: a credential
  });
});
