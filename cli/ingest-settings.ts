import type { JobQueueOptions } from '../ingest/jobs';

/** Ingest settings read from the environment once (beside cli/config.ts, which the API shares). */
export interface IngestSettings {
  queue: JobQueueOptions;
  /** ZHIWEN_EMBED_MODEL: hub id or local folder; unset or "none" = lexical only. */
  embedModel?: string;
  /** ZHIWEN_EMBED_BATCH: texts per forward pass. */
  embedBatchSize?: number;
  /**
   * ZHIWEN_CRAWL_ALLOW_HOSTS: internal hosts `zhiwen crawl` may fetch, comma-separated host names, IP
   * addresses and CIDR ranges ("intranet.example.gov.cn,10.0.0.0/8"); unset = every loopback, private,
   * link-local and metadata address is refused.
   */
  crawlAllowHosts?: string[];
}

function optionalInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return n;
}

export function readIngestSettings(env: NodeJS.ProcessEnv = process.env): IngestSettings {
  return {
    queue: {
      redisUrl: env.REDIS_URL || undefined,
      prefix: env.ZHIWEN_QUEUE_PREFIX || undefined,
      lockMs: optionalInt(env, 'ZHIWEN_JOB_LOCK_MS'),
      attempts: optionalInt(env, 'ZHIWEN_JOB_ATTEMPTS'),
    },
    embedModel: env.ZHIWEN_EMBED_MODEL || undefined,
    embedBatchSize: optionalInt(env, 'ZHIWEN_EMBED_BATCH'),
    crawlAllowHosts: env.ZHIWEN_CRAWL_ALLOW_HOSTS ? env.ZHIWEN_CRAWL_ALLOW_HOSTS.split(',') : undefined,
  };
}
