import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../cli/config';
import { upsertSite } from '../library/documents';
import { createSiteKey } from '../library/site-keys';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { buildApp, type AppOptions } from './app';
import { parseTrustedProxies } from './client-address';
import { composeServices } from './compose';

const PROXY = '10.0.0.2'; // the reverse proxy in front of the API
const REDIS_URL = 'redis://127.0.0.1:6379';

describe('rate limits per client (behind trusted proxies) and per site key', () => {
  let db: Db;
  let siteKey: string;
  const apps: FastifyInstance[] = [];
  const prefix = `test-${randomUUID()}:`;
  const build = async (options: AppOptions) => {
    const app = await buildApp(composeServices({ db, search: new SearchService(db) }), options);
    apps.push(app);
    return app;
  };
  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'rl-city', name: '限流市', level: 'city' });
    siteKey = (await createSiteKey(db, { kind: 'cli', id: null, name: 'test' }, { siteCode: 'rl-city', origins: ['https://rl.example.gov.cn'] })).key.key;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db?.close();
  });

  /** GET /v1/sites (public, cheap) from a socket peer, with an X-Forwarded-For chain. */
  const hit = (app: FastifyInstance, peer: string, forwardedFor?: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: '/v1/sites', remoteAddress: peer, headers: { ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}), ...headers } });

  it('gives each citizen behind a trusted proxy a budget of their own, read from the right-most untrusted hop', async () => {
    const app = await build({ rateLimitPerMinute: 3, trustedProxies: parseTrustedProxies(`${PROXY},192.168.0.0/16`) });
    for (let i = 0; i < 3; i++) expect((await hit(app, PROXY, '198.51.100.7')).statusCode).toBe(200);
    const refused = await hit(app, PROXY, '198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('client') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another citizen through the same proxy is not refused with them.
    expect((await hit(app, PROXY, '198.51.100.8')).statusCode).toBe(200);
    // The citizen forging a hop in front of their own: the proxy appends the real address, which still counts.
    expect((await hit(app, PROXY, '1.2.3.4, 198.51.100.7')).statusCode).toBe(429);
    // Two trusted hops (an inner proxy at 192.168.1.5): the client is the address before them.
    expect((await hit(app, PROXY, '198.51.100.7, 192.168.1.5')).statusCode).toBe(429);
    // A widget on a host page can read why (refused before the site-key check, so it must say so itself).
    const fromPage = await hit(app, PROXY, '198.51.100.7', { origin: 'https://rl.example.gov.cn' });
    expect(fromPage.statusCode).toBe(429);
    expect(fromPage.headers['access-control-allow-origin']).toBe('https://rl.example.gov.cn');
  });

  it('does not let an untrusted peer buy a new budget with a forged X-Forwarded-For', async () => {
    const app = await build({ rateLimitPerMinute: 3, trustedProxies: parseTrustedProxies(PROXY) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await hit(app, '203.0.113.5', `198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    // With no trusted proxies at all, the header is ignored the same way.
    const bare = await build({ rateLimitPerMinute: 2 });
    const bareStatuses: number[] = [];
    for (let i = 0; i < 3; i++) bareStatuses.push((await hit(bare, PROXY, `198.51.100.${i}`)).statusCode);
    expect(bareStatuses).toEqual([200, 200, 429]);
  });

  it('counts one IPv6 /64 as one client', async () => {
    const app = await build({ rateLimitPerMinute: 2 });
    expect((await hit(app, '2001:db8:1:2::a')).statusCode).toBe(200);
    expect((await hit(app, '2001:db8:1:2:ffff::1')).statusCode).toBe(200);
    expect((await hit(app, '2001:db8:1:2:1234:5678:9abc:def0')).statusCode).toBe(429);
    expect((await hit(app, '2001:db8:1:3::a')).statusCode).toBe(200);
  });

  it('holds a site key to its own budget, whichever clients send it', async () => {
    const app = await build({ rateLimitPerMinute: 100, rateLimitPerKeyPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await hit(app, `198.51.100.${20 + i}`, undefined, { 'x-zhiwen-key': siteKey })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await hit(app, '198.51.100.30', undefined, { 'x-zhiwen-key': siteKey });
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('site key') });
    // Without the key the same clients are within their own budgets.
    expect((await hit(app, '198.51.100.30')).statusCode).toBe(200);
  });

  it('shares one budget between two replicas through Redis', async () => {
    const options: AppOptions = { rateLimitPerMinute: 4, redisUrl: REDIS_URL, rateLimitRedisPrefix: prefix, trustedProxies: [`${PROXY}/32`] };
    const [a, b] = [await build(options), await build(options)];
    const statuses: number[] = [];
    for (const app of [a, b, a, b, a, b]) statuses.push((await hit(app, PROXY, '198.51.100.40')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // A replica with its own prefix (another deployment) has its own count.
    const other = await build({ ...options, rateLimitRedisPrefix: `${prefix}other:` });
    expect((await hit(other, PROXY, '198.51.100.40')).statusCode).toBe(200);
  });

  it('holds over a real socket with a loopback proxy, and fails the start when Redis is unreachable', async () => {
    const app = await build({ rateLimitPerMinute: 2, trustedProxies: parseTrustedProxies('loopback') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/sites`;
    const get = (xff: string) => fetch(url, { headers: { 'x-forwarded-for': xff } }).then((r) => r.status);
    expect([await get('198.51.100.50'), await get('198.51.100.50'), await get('198.51.100.50'), await get('198.51.100.51')]).toEqual([200, 200, 429, 200]);
    await expect(buildApp(composeServices({ db, search: new SearchService(db) }), { redisUrl: 'redis://127.0.0.1:1' })).rejects.toThrow(/cannot reach Redis/);
  });

  it('refuses a trusted-proxy list it cannot read, naming the entry', () => {
    expect(parseTrustedProxies(' 10.0.0.0/8 , fd00::/8,loopback ')).toEqual(['10.0.0.0/8', 'fd00::/8', '127.0.0.0/8', '::1/128']);
    expect(parseTrustedProxies(undefined)).toEqual([]);
    for (const bad of ['10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1', '10.0.0.0/x']) {
      expect(() => parseTrustedProxies(bad)).toThrow(new RegExp(`"${bad.replace(/[./]/g, '\\$&')}" is not an IP address`));
    }
    expect(() => parseTrustedProxies('0.0.0.0/0')).toThrow(/trusts every address/);
    // cli/config.ts reads the settings through it: a bad entry stops the start.
    expect(readConfig({ ZHIWEN_TRUSTED_PROXIES: '10.0.0.2,fd00::/8' }).trustedProxies).toEqual(['10.0.0.2/32', 'fd00::/8']);
    expect(() => readConfig({ ZHIWEN_TRUSTED_PROXIES: '10.0.0.2,proxy' })).toThrow(/ZHIWEN_TRUSTED_PROXIES: "proxy"/);
    expect(() => readConfig({ ZHIWEN_RATE_LIMIT_PER_KEY_PER_MINUTE: '-1' })).toThrow(/ZHIWEN_RATE_LIMIT_PER_KEY_PER_MINUTE/);
    expect(() => readConfig({ ZHIWEN_RAW_ADDRESS_HOURS: '0' })).toThrow(/ZHIWEN_RAW_ADDRESS_HOURS/);
  });
});
