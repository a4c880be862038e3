import path from 'node:path';
import type { LibraryLocation } from '../library/store';

/** Settings read from the environment once, at start. */
export interface ZhiwenConfig {
  library: LibraryLocation;
  port: number;
  host: string;
  redisUrl?: string;
  /** Requests per minute per client IP; 0 turns the limit off (benchmarks on loopback). */
  rateLimitPerMinute: number;
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
  };
}

function nonNegativeInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}
