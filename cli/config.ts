import path from 'node:path';
import type { LibraryLocation } from '../library/store';

/** Settings read from the environment once, at start: the only place the service's settings are read. */
export interface ZhiwenConfig {
  library: LibraryLocation;
  port: number;
  host: string;
  redisUrl?: string;
  /** Requests per minute per client IP; 0 turns the limit off (benchmarks on loopback). */
  rateLimitPerMinute: number;
  /**
   * ZHIWEN_ADMIN_TOKEN (deprecated): a shared secret sent in x-zhiwen-admin-token, acting as the platform admin "admin-token";
   * accounts (`zhiwen users`) and `Authorization: Bearer` replace it. Unset = that header is refused (403). Read here only.
   */
  adminToken?: string;
  /** ZHIWEN_PUBLIC_URL: the API's public URL for absolute document links; unset = each request's origin. */
  publicUrl?: string;
  /** Request logging; LOG_LEVEL=silent turns it off. */
  logger: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ZhiwenConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  return {
    library: env.DATABASE_URL
      ? { databaseUrl: env.DATABASE_URL }
      : { dataDir: path.resolve(env.ZHIWEN_DATA_DIR ?? 'data/library') },
    port,
    // '::' listens on IPv6 and, dual-stack, on IPv4 too.
    host: env.HOST ?? '::',
    redisUrl: env.REDIS_URL || undefined,
    rateLimitPerMinute: nonNegativeInteger(env.ZHIWEN_RATE_LIMIT_PER_MINUTE, 600, 'ZHIWEN_RATE_LIMIT_PER_MINUTE'),
    adminToken: env.ZHIWEN_ADMIN_TOKEN || undefined,
    publicUrl: env.ZHIWEN_PUBLIC_URL || undefined,
    logger: env.LOG_LEVEL !== 'silent',
  };
}

function nonNegativeInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}
