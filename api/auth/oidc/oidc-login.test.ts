// OIDC sign-in against a real OpenID provider (oidc-provider on a real listener, port 0): the browser's
// round trip is driven over HTTP (redirects followed by hand, cookies kept, the provider's login and
// consent forms submitted), ending in a Zhiwen session that calls /v1/auth/me.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, grantRole, listAudit } from '../../../library/accounts';
import { upsertSite } from '../../../library/documents';
import { openLibrary, type Db } from '../../../library/store';
import { SearchService } from '../../../retrieval/search';
import { buildApp } from '../../app';
import { composeServices } from '../../compose';
import type { OidcSettings } from './oidc-settings';

/** Zhiwen is reached through inject(); the provider sends the browser back to this origin. */
const ZHIWEN = 'http://localhost';
const REDIRECT = `${ZHIWEN}/v1/auth/oidc/callback`;
const CLIENT = { client_id: 'zhiwen', client_secret: 'zhiwen-test-client-secret' };

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
function keep(jar: Jar, setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}
const asList = (h: string | string[] | undefined) => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

describe('OIDC sign-in through a local provider (api/auth/oidc)', () => {
  let server: http.Server;
  let issuer: string;
  let db: Db;
  let app: FastifyInstance;
  let jitApp: FastifyInstance;

  beforeAll(async () => {
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
    const people: Record<string, { name: string; preferred_username: string }> = {
      'gov-0001': { name: '王科长', preferred_username: 'wang.kz' },
      'gov-0002': { name: '陌生人', preferred_username: 'stranger' },
      'gov-0003': { name: '新同事', preferred_username: 'new.colleague' },
    };
    const provider = new Provider(issuer, {
      clients: [{ ...CLIENT, redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
      pkce: { required: () => true },
      findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...(people[sub] ?? {}) }) }),
      claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
      conformIdTokenClaims: false, // the profile claims in the ID token itself
      cookies: { keys: ['oidc-test-cookie-key'] },
      features: { devInteractions: { enabled: true } },
    });
    server.on('request', provider.callback());

    db = await openLibrary();
    await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', regionCode: '330100' });
    const siteId = (await db.query<{ id: number }>("SELECT id FROM sites WHERE code = 'city-a'")).rows[0].id;
    const root = { kind: 'cli' as const, id: null, name: 'root@test' };
    const wang = await createAccount(db, root, { username: 'wang', oidcSubject: 'gov-0001' });
    await grantRole(db, root, wang.id, { role: 'editor', siteId });
    const settings = (createUnknownAccounts: boolean): OidcSettings => ({ issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, redirectUrl: REDIRECT, createUnknownAccounts });
    app = await buildApp(composeServices({ db, search: new SearchService(db), oidc: settings(false) }), { rateLimitPerMinute: 0 });
    jitApp = await buildApp(composeServices({ db, search: new SearchService(db), oidc: settings(true) }), { rateLimitPerMinute: 0 });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await jitApp?.close();
    await db?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /**
   * A browser signing in as `login` at the provider: starts at Zhiwen, follows the provider's
   * redirects, fills its login and consent forms, and stops at the redirect back to Zhiwen.
   */
  async function throughProvider(target: FastifyInstance, login: string, returnTo?: string): Promise<{ callback: URL; cookie: string }> {
    const zhiwen: Jar = new Map();
    const provider: Jar = new Map();
    const start = await target.inject({ url: `/v1/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}` });
    expect(start.statusCode).toBe(302);
    keep(zhiwen, asList(start.headers['set-cookie']));
    let url = new URL(String(start.headers.location));
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (let hops = 0; url.origin !== ZHIWEN; hops++) {
      if (hops > 15) throw new Error(`too many hops, at ${url.href}`);
      let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(provider) } });
      keep(provider, res.headers.getSetCookie());
      if (res.status !== 200) {
        url = new URL(res.headers.get('location')!, url);
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`no form at ${url.href}: ${html.slice(0, 200)}`);
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt });
      res = await fetch(new URL(action, url), { method: 'POST', redirect: 'manual', body, headers: { cookie: cookieHeader(provider) } });
      keep(provider, res.headers.getSetCookie());
      url = new URL(res.headers.get('location')!, url);
    }
    return { callback: url, cookie: cookieHeader(zhiwen) };
  }
  const callback = (target: FastifyInstance, url: URL, cookie: string) => target.inject({ url: url.pathname + url.search, headers: { cookie, 'user-agent': 'oidc-test' } });

  it('signs a linked subject in and issues a Zhiwen session that calls /v1/auth/me', async () => {
    const { callback: back, cookie } = await throughProvider(app, 'gov-0001');
    expect(back.searchParams.get('code')).toBeTruthy();
    const res = await callback(app, back, cookie);
    expect(res.statusCode).toBe(200);
    const { token, account } = res.json();
    expect(token).toMatch(/^zs_/);
    expect(account).toMatchObject({ username: 'wang', oidcSubject: 'gov-0001' });
    const me = await app.inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ kind: 'account', name: 'wang', credential: 'session', grants: [{ role: 'editor' }] });
    const opened = (await listAudit(db, { action: 'session.open', actorName: 'wang' }))[0];
    expect(opened).toMatchObject({ after: { method: 'oidc' }, actor: { userAgent: 'oidc-test' } });
    // The same callback again (a replayed state) is refused.
    expect((await callback(app, back, cookie)).json().error.code).toBe('OIDC_LOGIN_INVALID');
  }, 60_000);

  it('sends the browser to returnTo with the token in the fragment, and refuses a returnTo off this server', async () => {
    const { callback: back, cookie } = await throughProvider(app, 'gov-0001', '/console/');
    const res = await callback(app, back, cookie);
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/console\/#token=zs_[^&]+&expiresAt=/);
    const token = new URLSearchParams(location.split('#')[1]).get('token')!;
    expect((await app.inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).json().name).toBe('wang');
    for (const returnTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      expect((await app.inject({ url: `/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}` })).statusCode).toBe(400);
    }
  }, 60_000);

  it('refuses a wrong state, a callback in another browser, and a wrong nonce', async () => {
    const first = await throughProvider(app, 'gov-0001');
    const forged = new URL(first.callback);
    forged.searchParams.set('state', 'not-the-state');
    const wrongState = await callback(app, forged, first.cookie);
    expect([wrongState.statusCode, wrongState.json().error.code]).toEqual([401, 'OIDC_LOGIN_INVALID']);
    const otherBrowser = await callback(app, first.callback, 'zhiwen_oidc=someone-elses-browser');
    expect([otherBrowser.statusCode, otherBrowser.json().error.code]).toEqual([401, 'OIDC_LOGIN_INVALID']);

    const second = await throughProvider(app, 'gov-0001');
    await db.query("UPDATE oidc_logins SET nonce = 'a-different-nonce'"); // what Zhiwen expects no longer matches the ID token
    const wrongNonce = await callback(app, second.callback, second.cookie);
    expect([wrongNonce.statusCode, wrongNonce.json().error.code]).toEqual([401, 'OIDC_LOGIN_INVALID']);
    expect(wrongNonce.json().error.message).toMatch(/nonce/);
  }, 60_000);

  it('refuses an unlinked subject, or creates an account with no roles where just-in-time creation is on', async () => {
    const { callback: back, cookie } = await throughProvider(app, 'gov-0002');
    const refused = await callback(app, back, cookie);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'OIDC_ACCOUNT_UNKNOWN']);
    expect(refused.json().error.message).toContain('gov-0002');
    expect((await db.query("SELECT 1 FROM accounts WHERE oidc_subject = 'gov-0002'")).rows).toHaveLength(0);

    const jit = await throughProvider(jitApp, 'gov-0003');
    const created = await callback(jitApp, jit.callback, jit.cookie);
    expect(created.statusCode).toBe(200);
    expect(created.json().account).toMatchObject({ username: 'new.colleague', displayName: '新同事', oidcSubject: 'gov-0003', grants: [] });
    const me = await jitApp.inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${created.json().token}` } });
    expect(me.json()).toMatchObject({ name: 'new.colleague', grants: [] });
    expect((await jitApp.inject({ url: '/v1/faqs', headers: { authorization: `Bearer ${created.json().token}` } })).statusCode).toBe(403);
    expect((await listAudit(db, { action: 'account.create', actorName: 'oidc just-in-time' }))[0]).toMatchObject({ after: { username: 'new.colleague', oidcSubject: 'gov-0003' } });
  }, 60_000);
});
