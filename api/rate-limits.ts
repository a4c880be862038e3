import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { zhiwenError } from '../library/errors';
import { allowOrigin, classifyPath } from './site-keys/cross-origin';
import { clientNetwork } from '../library/rules/client-network';

/** The API's request budgets; cli/config.ts reads them once. */
export interface RateLimitOptions {
  /**
   * Requests per minute per client: its address as `request.ip` gives it (the right-most untrusted
   * hop, api/client-address.ts), an IPv6 /64 counting as one client. Default 600 (a busy widget page,
   * well under abuse); 0 = off (benchmarks on loopback).
   */
  perClientPerMinute?: number;
  /**
   * Requests per minute per site key (X-Zhiwen-Key header or `key` query): everything one embedding
   * site's visitors send together. Default 6000; 0 = off.
   */
  perKeyPerMinute?: number;
  /** REDIS_URL: the budgets live in Redis, shared by every API replica; unset = this process's memory. */
  redisUrl?: string;
  /** Prefix of the budgets' Redis keys (tests isolate themselves with their own). Default `zhiwen:rate-limit:`. */
  redisPrefix?: string;
}

const WINDOW_MS = 60_000;
export const SITE_KEY_HEADER = 'x-zhiwen-key';

/**
 * The site key budget's bucket: the resolved key's id once the site-key hook has set `request.siteKey`
 * (api/auth), else a digest of the raw value sent, so a budget holds whichever hook runs first. No key: null.
 */
export function siteKeyBucket(request: FastifyRequest): string | null {
  const resolved = (request as { siteKey?: { id?: unknown } }).siteKey;
  if (resolved && (typeof resolved.id === 'number' || typeof resolved.id === 'string')) return `key:id:${resolved.id}`;
  const header = request.headers[SITE_KEY_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.key;
  const raw = typeof header === 'string' && header ? header : typeof query === 'string' && query ? query : null;
  return raw === null ? null : `key:raw:${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}`;
}

const clientBucket = (request: FastifyRequest) => `client:${clientNetwork(request.ip)}`;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** Counts one request against a bucket; throws RATE_LIMITED over budget, else sets the X-RateLimit-* headers. */
async function spend(limit: Limiter, buckets: WeakMap<FastifyRequest, string>, request: FastifyRequest, reply: FastifyReply, bucket: string, who: string) {
  buckets.set(request, bucket);
  const result = await limit(request);
  if (result.isAllowed) return;
  if (result.isExceeded) {
    reply.header('retry-after', result.ttlInSeconds);
    // Refused before the site-key hook: let a widget on another origin read why (the body holds no data).
    const origin = request.headers.origin;
    if (typeof origin === 'string' && origin && classifyPath(request.url.split('?')[0]) === 'public') allowOrigin(reply, origin);
    throw zhiwenError('RATE_LIMITED', who, `${result.ttlInSeconds} s`);
  }
  reply.header('x-ratelimit-limit', result.max).header('x-ratelimit-remaining', result.remaining).header('x-ratelimit-reset', result.ttlInSeconds);
}

/**
 * Installs both budgets; call before any hook that reads the database, so a flood is refused first.
 * Per client in an onRequest hook (it runs before the later hooks: site keys, credentials); per site key
 * in preParsing, after every onRequest hook, so the site-key hook has resolved `request.siteKey`.
 * Over budget: 429 RATE_LIMITED with Retry-After. If Redis fails mid-request the request is served
 * (search stays up) rather than refused; an unreachable Redis at start fails the start.
 */
export async function installRateLimits(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  const perClient = options.perClientPerMinute ?? 600;
  const perKey = options.perKeyPerMinute ?? 6000;
  if (perClient <= 0 && perKey <= 0) return;
  let redis: Redis | undefined;
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    // While Redis is away requests are served unlimited (skipOnError); say so once per distinct failure.
    let lastError = '';
    redis.on('error', (err: Error) => {
      if (err.message !== lastError) app.log.warn({ err }, 'rate limits: Redis unavailable, requests are not being limited');
      lastError = err.message;
    });
    redis.on('ready', () => (lastError = ''));
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new Error(`rate limits: cannot reach Redis at REDIS_URL (${(err as Error).message}); start Redis or unset REDIS_URL`);
    }
    const connection = redis;
    app.addHook('onClose', async () => {
      await connection.quit().catch(() => connection.disconnect());
    });
  }
  // Which budget a call counts against: the plugin asks the key generator, the hooks below say it.
  const buckets = new WeakMap<FastifyRequest, string>();
  await app.register(rateLimit, {
    global: false,
    timeWindow: WINDOW_MS,
    cache: 20_000,
    skipOnError: true,
    keyGenerator: (request) => buckets.get(request) ?? clientBucket(request),
    max: (_request, bucket) => (bucket.startsWith('key:') ? perKey : perClient),
    ...(redis ? { redis, nameSpace: options.redisPrefix ?? 'zhiwen:rate-limit:' } : {}),
  });
  // No options: the plugin's own store and prefix (with options it would make a child store per call).
  const limit = app.createRateLimit();
  if (perClient > 0) app.addHook('onRequest', async (request, reply) => spend(limit, buckets, request, reply, clientBucket(request), 'client'));
  if (perKey > 0) {
    app.addHook('preParsing', async (request, reply) => {
      const bucket = siteKeyBucket(request);
      if (bucket !== null) await spend(limit, buckets, request, reply, bucket, 'site key');
    });
  }
}
