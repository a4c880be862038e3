import path from 'node:path';
import { parseTrustedProxies } from '../api/client-address';
import type { OidcSettings } from '../api/auth';
import type { LibraryLocation } from '../library/store';
import { readOidcSettings } from './oidc-settings';

/** Settings read from the environment once, at start: the only place the service's settings are read. */
export interface ZhiwenConfig {
  library: LibraryLocation;
  port: number;
  host: string;
  redisUrl?: string;
  /** Requests per minute per client IP; 0 turns the limit off (benchmarks on loopback). */
  rateLimitPerMinute: number;
  /** ZHIWEN_RATE_LIMIT_PER_KEY_PER_MINUTE: requests per minute per site key, all its visitors together (default 6000; 0 = off). */
  rateLimitPerKeyPerMinute: number;
  /**
   * ZHIWEN_TRUSTED_PROXIES: comma-separated IPs/CIDRs (or `loopback`) of the reverse proxies in front;
   * only their X-Forwarded-For hops are believed. Unset = none (the socket's peer is the client).
   */
  trustedProxies: string[];
  /** ZHIWEN_RAW_ADDRESS_HOURS: hours the query log keeps a raw client address before the retention job removes it (default 24). */
  rawAddressHours: number;
  /**
   * ZHIWEN_ADMIN_TOKEN (deprecated): a shared secret sent in x-zhiwen-admin-token, acting as the platform admin "admin-token";
   * accounts (`zhiwen users`) and `Authorization: Bearer` replace it. Unset = that header is refused (403). Read here only.
   */
  adminToken?: string;
  /** ZHIWEN_PUBLIC_URL: the API's public URL for absolute document links; unset = each request's origin. */
  publicUrl?: string;
  /** ZHIWEN_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URL, _CREATE_ACCOUNTS: sign-in through the unified identity (cli/oidc-settings.ts); unset = password sign-in only. */
  oidc?: OidcSettings;
  /** Request logging; LOG_LEVEL=silent turns it off. */
  logger: boolean;
  /** Which engine ranks /v1/search and /v1/ask (ZHIWEN_SEARCH_BACKEND; docs/opensearch.md). */
  searchBackend: SearchBackendConfig;
  /**
   * ZHIWEN_INDEX_SNAPSHOT: a folder for the embedded index's snapshot (retrieval/search/snapshot), written
   * after a full load; a restart loads it and catches up from the change feed. Unset: every start rebuilds from the feed.
   */
  indexSnapshotDir?: string;
}

/**
 * ZHIWEN_SEARCH_BACKEND=embedded (default: this process's in-memory index) or opensearch: ranking on an
 * OpenSearch node or cluster at OPENSEARCH_URL, reading the alias ZHIWEN_OPENSEARCH_ALIAS (default
 * zhiwen-documents), kept current from the library's change feed by jobs (retrieval/opensearch).
 */
export type SearchBackendConfig = { kind: 'embedded' } | { kind: 'opensearch'; url: string; alias: string };

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
    rateLimitPerKeyPerMinute: nonNegativeInteger(env.ZHIWEN_RATE_LIMIT_PER_KEY_PER_MINUTE, 6000, 'ZHIWEN_RATE_LIMIT_PER_KEY_PER_MINUTE'),
    trustedProxies: parseTrustedProxies(env.ZHIWEN_TRUSTED_PROXIES),
    rawAddressHours: positiveHours(env.ZHIWEN_RAW_ADDRESS_HOURS, 24, 'ZHIWEN_RAW_ADDRESS_HOURS'),
    adminToken: env.ZHIWEN_ADMIN_TOKEN || undefined,
    publicUrl: env.ZHIWEN_PUBLIC_URL || undefined,
    oidc: readOidcSettings(env),
    logger: env.LOG_LEVEL !== 'silent',
    searchBackend: readSearchBackend(env),
    indexSnapshotDir: env.ZHIWEN_INDEX_SNAPSHOT ? path.resolve(env.ZHIWEN_INDEX_SNAPSHOT) : undefined,
  };
}

function readSearchBackend(env: NodeJS.ProcessEnv): SearchBackendConfig {
  const kind = env.ZHIWEN_SEARCH_BACKEND || 'embedded';
  if (kind === 'embedded') return { kind };
  if (kind !== 'opensearch') throw new Error(`ZHIWEN_SEARCH_BACKEND must be "embedded" or "opensearch", got "${kind}"`);
  const url = env.OPENSEARCH_URL;
  if (!url || !/^https?:\/\//.test(url)) {
    throw new Error(`ZHIWEN_SEARCH_BACKEND=opensearch needs OPENSEARCH_URL (http(s)://host:9200), got "${url ?? ''}"`);
  }
  const alias = env.ZHIWEN_OPENSEARCH_ALIAS || 'zhiwen-documents';
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(alias)) throw new Error(`ZHIWEN_OPENSEARCH_ALIAS must be a lower-case index name, got "${alias}"`);
  return { kind, url, alias };
}

function positiveHours(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 366) throw new Error(`${name} must be a number of hours above 0 and at most a year (8784), got "${value}"`);
  return n;
}

function nonNegativeInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}
