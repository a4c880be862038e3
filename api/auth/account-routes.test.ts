// Account administration over HTTP (issue 15): site admins manage people and machines only within
// their sites, editors not at all; resets, locks, sessions and tokens; every write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, LOCKOUT } from '../../library/accounts';
import { bearer, openAuthFixture, PASSWORD, type AuthFixture, type Caller } from './test-fixture';

describe('account administration over HTTP (api/auth/account-routes, service-token-routes)', () => {
  let f: AuthFixture;
  let root: Caller; // platform admin
  let adminA: Caller; // site admin of city-a
  let editorA: Caller; // editor of city-a
  const call = (who: Caller | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    f.app.inject({ method, url, payload, headers: { ...(who?.headers ?? {}), 'user-agent': 'accounts-test' } });
  const login = (username: string, password: string) => f.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
  const codeOf = (res: { statusCode: number; json(): { error?: { code: string } } }) => [res.statusCode, res.json().error?.code];

  beforeAll(async () => {
    f = await openAuthFixture();
    root = await f.person('root', [{ role: 'platform_admin', siteId: null }]);
    adminA = await f.person('admin-a', [{ role: 'site_admin', siteId: f.siteId['city-a'] }]);
    editorA = await f.person('editor-a', [{ role: 'editor', siteId: f.siteId['city-a'] }]);
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  it("lets a site admin create and grant within the site's scope only", async () => {
    const created = await call(adminA, 'POST', '/v1/admin/accounts', {
      username: 'wang', displayName: '王编辑', password: 'first password 1', grants: [{ role: 'editor', site: 'city-a' }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'wang', mustChangePassword: true, grants: [{ role: 'editor', siteId: f.siteId['city-a'] }] });
    const wang = created.json().id as number;
    // The county below the city is in scope; another city, or the platform, is not.
    expect((await call(adminA, 'POST', `/v1/admin/accounts/${wang}/grants`, { role: 'reviewer', site: 'county-a1' })).statusCode).toBe(200);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${wang}/grants`, { role: 'editor', site: 'city-b' }))).toEqual([403, 'ACTION_FORBIDDEN']);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${wang}/grants`, { role: 'platform_admin' }))).toEqual([403, 'ACTION_FORBIDDEN']);
    expect(codeOf(await call(adminA, 'POST', '/v1/admin/accounts', { username: 'li', password: 'first password 1', grants: [{ role: 'editor', site: 'city-b' }] })))
      .toEqual([403, 'ACTION_FORBIDDEN']);
    expect(codeOf(await call(adminA, 'POST', '/v1/admin/accounts', { username: 'li', password: 'first password 1' }))).toEqual([403, 'ACTION_FORBIDDEN']); // no role: the platform's
    expect((await call(root, 'GET', `/v1/admin/accounts/${wang}`)).json().grants).toHaveLength(2);
    // Someone with no role yet is the platform's: a site admin cannot adopt them (and then reset their password).
    const loose = (await call(root, 'POST', '/v1/admin/accounts', { username: 'loose', oidcSubject: 'gov-loose' })).json().id as number;
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${loose}/grants`, { role: 'editor', site: 'city-a' }))).toEqual([403, 'ACTION_FORBIDDEN']);
    expect((await call(root, 'POST', `/v1/admin/accounts/${loose}/grants`, { role: 'editor', site: 'city-a' })).statusCode).toBe(200);

    // Someone who also holds a role elsewhere is beyond a city's admin, though they may be given a role in the city.
    const both = (await call(root, 'POST', '/v1/admin/accounts', { username: 'zhao', password: 'first password 1', grants: [{ role: 'editor', site: 'city-b' }] })).json().id as number;
    expect((await call(adminA, 'POST', `/v1/admin/accounts/${both}/grants`, { role: 'editor', site: 'city-a' })).statusCode).toBe(200);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${both}/password-reset`, {}))).toEqual([403, 'ACTION_FORBIDDEN']);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${both}/disable`, {}))).toEqual([403, 'ACTION_FORBIDDEN']);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${both}/grants/revoke`, { role: 'editor', site: 'city-b' }))).toEqual([403, 'ACTION_FORBIDDEN']);
    expect((await call(adminA, 'POST', `/v1/admin/accounts/${both}/grants/revoke`, { role: 'editor', site: 'city-a' })).json().grants).toHaveLength(1);

    const listed = (await call(adminA, 'GET', '/v1/admin/accounts')).json().accounts as Array<{ username: string; manageable: boolean }>;
    const names = listed.map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['admin-a', 'editor-a', 'wang']));
    expect(names).not.toContain('root');
    expect(names).not.toContain('zhao'); // city-b's only, now
    expect(listed.find((a) => a.username === 'wang')?.manageable).toBe(true);
    expect((await call(root, 'GET', '/v1/admin/accounts')).json().accounts.map((a: { username: string }) => a.username)).toContain('zhao');
    expect(codeOf(await call(adminA, 'POST', '/v1/admin/accounts', { username: 'x y', password: 'first password 1', grants: [{ role: 'editor', site: 'city-a' }] })))
      .toEqual([400, 'BAD_ACCOUNT_INPUT']);
    expect(codeOf(await call(root, 'POST', '/v1/admin/accounts', { username: 'nosite', password: 'first password 1', grants: [{ role: 'editor', site: 'no-such-site' }] })))
      .toEqual([404, 'UNKNOWN_SITE']);
  });

  it('keeps editors (and anonymous callers) out of every account and token route', async () => {
    const wang = (await call(root, 'GET', '/v1/admin/accounts')).json().accounts.find((a: { username: string }) => a.username === 'wang').id as number;
    const attempts: Array<['GET' | 'POST' | 'PATCH', string, object?]> = [
      ['GET', '/v1/admin/accounts'], ['POST', '/v1/admin/accounts', { username: 'mine', password: 'first password 1', grants: [{ role: 'editor', site: 'city-a' }] }],
      ['GET', `/v1/admin/accounts/${wang}`], ['PATCH', `/v1/admin/accounts/${wang}`, { displayName: '改名' }],
      ['POST', `/v1/admin/accounts/${wang}/grants`, { role: 'reviewer', site: 'city-a' }], ['POST', `/v1/admin/accounts/${wang}/password-reset`, {}],
      ['POST', `/v1/admin/accounts/${wang}/unlock`, {}], ['GET', `/v1/admin/accounts/${wang}/sessions`],
      ['GET', '/v1/admin/service-tokens'], ['POST', '/v1/admin/service-tokens', { name: 'bot', role: 'editor', site: 'city-a' }],
    ];
    for (const [method, url, payload] of attempts) {
      expect([url, ...codeOf(await call(editorA, method, url, payload))]).toEqual([url, 403, 'ACTION_FORBIDDEN']);
      expect([url, (await call(null, method, url, payload)).statusCode]).toEqual([url, 401]);
    }
    expect((await call(root, 'GET', `/v1/admin/accounts/${wang}`)).json().displayName).toBe('王编辑');
  });

  it('makes the old password fail after an admin reset, and the one-time password work only to choose a new one', async () => {
    const id = (await call(adminA, 'POST', '/v1/admin/accounts', { username: 'sun', password: 'chosen by admin 1', grants: [{ role: 'editor', site: 'city-a' }] })).json().id as number;
    expect(codeOf(await login('sun', 'chosen by admin 1'))).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const changed = await f.app.inject({ method: 'POST', url: '/v1/auth/password', payload: { username: 'sun', currentPassword: 'chosen by admin 1', newPassword: 'my own secret 22' } });
    expect(changed.statusCode).toBe(200);
    const session = changed.json().token as string;
    expect((await f.app.inject({ url: '/v1/auth/me', headers: bearer(session) })).json().name).toBe('sun');

    const reset = await call(adminA, 'POST', `/v1/admin/accounts/${id}/password-reset`, {});
    expect(reset.statusCode).toBe(200);
    const oneTime = reset.json().oneTimePassword as string;
    expect(oneTime).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(reset.json().account.mustChangePassword).toBe(true);
    expect((await f.app.inject({ url: '/v1/auth/me', headers: bearer(session) })).statusCode).toBe(401); // sessions ended
    expect(codeOf(await login('sun', 'my own secret 22'))).toEqual([401, 'LOGIN_FAILED']);
    expect(codeOf(await login('sun', oneTime))).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const weak = await f.app.inject({ method: 'POST', url: '/v1/auth/password', payload: { username: 'sun', currentPassword: oneTime, newPassword: oneTime } });
    expect(codeOf(weak)).toEqual([400, 'BAD_ACCOUNT_INPUT']);
    expect((await f.app.inject({ method: 'POST', url: '/v1/auth/password', payload: { username: 'sun', currentPassword: oneTime, newPassword: 'another own secret 3' } })).statusCode).toBe(200);
    expect(codeOf(await login('sun', oneTime))).toEqual([401, 'LOGIN_FAILED']);
    expect((await login('sun', 'another own secret 3')).statusCode).toBe(200);

    // A reset to a password the admin gives is forced to change as well.
    expect((await call(adminA, 'POST', `/v1/admin/accounts/${id}/password-reset`, { password: 'temporary pass 9' })).json().oneTimePassword).toBeUndefined();
    expect(codeOf(await login('sun', 'another own secret 3'))).toEqual([401, 'LOGIN_FAILED']);
    expect(codeOf(await login('sun', 'temporary pass 9'))).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
  });

  it('refuses a locked account even with the right password until an admin unlocks it; disabling ends its sessions', async () => {
    const zhou = await f.person('zhou', [{ role: 'editor', siteId: f.siteId['city-a'] }]);
    const id = (await call(root, 'GET', '/v1/admin/accounts')).json().accounts.find((a: { username: string }) => a.username === 'zhou').id as number;
    for (let i = 0; i < LOCKOUT.failures; i++) expect(codeOf(await login('zhou', 'wrong password!'))).toEqual([401, 'LOGIN_FAILED']);
    expect(codeOf(await login('zhou', PASSWORD))).toEqual([401, 'ACCOUNT_LOCKED']);
    expect((await call(adminA, 'GET', `/v1/admin/accounts/${id}`)).json().lockedUntil).not.toBeNull();
    const unlocked = await call(adminA, 'POST', `/v1/admin/accounts/${id}/unlock`, {});
    expect([unlocked.statusCode, unlocked.json().lockedUntil]).toEqual([200, null]);
    expect((await login('zhou', PASSWORD)).statusCode).toBe(200);

    expect((await call(adminA, 'POST', `/v1/admin/accounts/${id}/disable`, {})).json().disabled).toBe(true);
    expect((await call(zhou, 'GET', '/v1/auth/me')).statusCode).toBe(401);
    expect(codeOf(await login('zhou', PASSWORD))).toEqual([401, 'LOGIN_FAILED']);
    expect((await call(adminA, 'POST', `/v1/admin/accounts/${id}/enable`, {})).json().disabled).toBe(false);
    expect((await login('zhou', PASSWORD)).statusCode).toBe(200);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${id}/unlock`, { junk: 1 }))).toEqual([400, 'BAD_REQUEST']);
  });

  it("lists and revokes a person's sessions, and refreshes a session to a new token", async () => {
    const qian = await f.person('qian', [{ role: 'editor', siteId: f.siteId['county-a1'] }]);
    const id = (await call(root, 'GET', '/v1/admin/accounts')).json().accounts.find((a: { username: string }) => a.username === 'qian').id as number;
    const second = (await login('qian', PASSWORD)).json().token as string;
    const sessions = (await call(adminA, 'GET', `/v1/admin/accounts/${id}/sessions`)).json().sessions as Array<{ id: number; active: boolean; method: string }>;
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.active && s.method === 'password')).toBe(true);
    expect(JSON.stringify(sessions)).not.toContain(second);
    // Ending the newest session leaves the other working.
    expect((await call(adminA, 'POST', `/v1/admin/accounts/${id}/sessions/revoke`, { sessionId: sessions[0].id })).json()).toEqual({ revoked: 1 });
    expect((await f.app.inject({ url: '/v1/auth/me', headers: bearer(second) })).statusCode).toBe(401);
    expect((await call(qian, 'GET', '/v1/auth/me')).statusCode).toBe(200);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/accounts/${id}/sessions/revoke`, { sessionId: 99_999 }))).toEqual([404, 'NOT_FOUND']);

    const refreshed = await call(qian, 'POST', '/v1/auth/refresh');
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json().token as string;
    expect(next).not.toBe(qian.headers.authorization.slice(7));
    expect((await call(qian, 'GET', '/v1/auth/me')).statusCode).toBe(401); // the old secret stops working
    expect((await f.app.inject({ url: '/v1/auth/me', headers: bearer(next) })).json().name).toBe('qian');
    const svc = await f.service('refresher', 'monitor', null);
    expect(codeOf(await call(svc, 'POST', '/v1/auth/refresh'))).toEqual([400, 'BAD_REQUEST']); // tokens do not refresh

    expect((await call(adminA, 'POST', `/v1/admin/accounts/${id}/sessions/revoke`, {})).json()).toEqual({ revoked: 1 });
    expect((await f.app.inject({ url: '/v1/auth/me', headers: bearer(next) })).statusCode).toBe(401);
  });

  it("issues service tokens shown once, within the site admin's scope, and revokes them", async () => {
    const issued = await call(adminA, 'POST', '/v1/admin/service-tokens', { name: 'city-a feed', role: 'ingest', site: 'county-a1', expiresInDays: 30 });
    expect(issued.statusCode).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    const { token, secret } = issued.json() as { token: { id: number; siteId: number }; secret: string };
    expect(secret).toMatch(/^zt_/);
    expect(token.siteId).toBe(f.siteId['county-a1']);
    expect((await f.app.inject({ url: '/v1/auth/me', headers: bearer(secret) })).json()).toMatchObject({ kind: 'service', name: 'token:city-a feed' });
    const listed = await call(adminA, 'GET', '/v1/admin/service-tokens');
    expect(listed.json().tokens.map((t: { id: number }) => t.id)).toContain(token.id);
    expect(listed.body).not.toContain(secret);
    expect(codeOf(await call(adminA, 'POST', '/v1/admin/service-tokens', { name: 'b feed', role: 'ingest', site: 'city-b' }))).toEqual([403, 'ACTION_FORBIDDEN']);
    expect(codeOf(await call(adminA, 'POST', '/v1/admin/service-tokens', { name: 'all', role: 'monitor' }))).toEqual([403, 'ACTION_FORBIDDEN']);
    const platformToken = (await call(root, 'POST', '/v1/admin/service-tokens', { name: 'monitoring', role: 'monitor' })).json().token.id as number;
    expect((await call(adminA, 'GET', '/v1/admin/service-tokens')).json().tokens.map((t: { id: number }) => t.id)).not.toContain(platformToken);
    expect(codeOf(await call(adminA, 'POST', `/v1/admin/service-tokens/${platformToken}/revoke`, {}))).toEqual([403, 'ACTION_FORBIDDEN']);
    const revoked = await call(adminA, 'POST', `/v1/admin/service-tokens/${token.id}/revoke`, {});
    expect([revoked.statusCode, revoked.json().token.revoked]).toEqual([200, true]);
    expect((await f.app.inject({ url: '/v1/auth/me', headers: bearer(secret) })).statusCode).toBe(401);
  });

  it('records every account and token write in the audit log with before and after, never a secret', async () => {
    const entries = await listAudit(f.db, { limit: 1000 });
    const byAction = (action: string) => entries.filter((e) => e.action === action && e.actor.name !== 'root@test');
    for (const action of [
      'account.create', 'account.grant', 'account.revoke', 'account.password_reset', 'account.password_change', 'account.unlock',
      'account.disable', 'account.enable', 'account.sessions_revoke', 'session.refresh', 'service_token.issue', 'service_token.revoke',
    ]) {
      expect([action, byAction(action).length > 0]).toEqual([action, true]);
      for (const e of byAction(action)) expect([action, e.after !== null, typeof e.actor.userAgent, typeof e.actor.address]).toEqual([action, true, 'string', 'string']);
    }
    for (const action of ['account.grant', 'account.revoke', 'account.password_reset', 'account.unlock', 'account.disable', 'service_token.revoke']) {
      for (const e of byAction(action)) expect([action, e.before !== null]).toEqual([action, true]);
    }
    const grant = byAction('account.grant').find((e) => (e.after as { role: string }).role === 'reviewer');
    expect(grant).toMatchObject({ actor: { name: 'admin-a', role: 'site_admin' }, siteId: f.siteId['county-a1'], before: { grants: [{ role: 'editor' }] } });
    expect((grant!.after as { grants: unknown[] }).grants).toHaveLength(2);
    expect(byAction('account.disable')[0]).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
    const refused = entries.filter((e) => e.actor.name === 'editor-a' && e.action.startsWith('account.'));
    expect(refused).toEqual([]); // a refused write changes nothing and records nothing
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/zt_[A-Za-z0-9_-]{20}/);
    expect(text).not.toMatch(/"oneTimePassword"|temporary pass 9|my own secret 22/);
  });

  it('answers 404 for an unknown account and 400 for a malformed id, never 500', async () => {
    expect(codeOf(await call(root, 'GET', '/v1/admin/accounts/424242'))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await call(root, 'POST', '/v1/admin/accounts/424242/unlock', {}))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await call(root, 'POST', '/v1/admin/accounts/424242/unlock'))).toEqual([404, 'NOT_FOUND']); // no body at all is fine too
    for (const id of ['abc', '0', '1e309', '99999999999999999999']) expect((await call(root, 'GET', `/v1/admin/accounts/${id}`)).statusCode).toBe(400);
    expect((await call(root, 'PATCH', '/v1/admin/accounts/1', { displayName: 'a\u0000b' })).statusCode).toBe(400);
  });
});
