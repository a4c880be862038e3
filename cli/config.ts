import path from 'node:path';
import type { LibraryLocation } from '../library/store';

/** Settings read from the environment once, at start. */
export interface ZhiwenConfig {
  library: LibraryLocation;
  port: number;
  host: string;
  redisUrl?: string;
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
  };
}
