/**
 * Speed of the baselines at scale, in-process, one query at a time: the reference BM25 and PGlite's
 * ts_rank_cd over synthetic chunks. ts_rank_cd at 1M chunks (p50 ~7.6 s in BASELINES.md) runs only
 * when asked for, as it takes hours with the query count used here.
 */
import { performance } from 'node:perf_hooks';
import type { EvalDoc } from '../data/types';
import { summarize } from '../metrics/percentiles';
import type { LatencySummary } from '../metrics/percentiles';
import type { SystemFactory } from '../systems/types';
import { synthChunks } from './synth';
import type { SentencePool } from './synth';

export interface BaselineBenchResult {
  system: string;
  chunks: number;
  queries: number;
  indexMs: number;
  /** Growth of this process's RSS while indexing (the index plus the chunks), bytes. */
  rssGrowthBytes: number;
  latency: LatencySummary;
}

/** Above this many chunks a PostgreSQL baseline needs `allowLargePg` (ts_rank_cd scores every row). */
export const PG_DEFAULT_MAX_CHUNKS = 100_000;

export interface BaselineBenchOptions {
  pool: SentencePool;
  sizes: number[];
  systems: SystemFactory[];
  queries: string[];
  /** Queries sent to the PostgreSQL systems (each costs ~1.2 s at 100k chunks). */
  pgQueries: number;
  allowLargePg: boolean;
  log?: (line: string) => void;
}

const isPg = (f: SystemFactory): boolean => f.name.startsWith('pg-');

export async function benchBaselines(o: BaselineBenchOptions): Promise<BaselineBenchResult[]> {
  const results: BaselineBenchResult[] = [];
  for (const size of o.sizes) {
    const chunks: EvalDoc[] = [...synthChunks(o.pool, size)];
    for (const factory of o.systems) {
      if (isPg(factory) && size > PG_DEFAULT_MAX_CHUNKS && !o.allowLargePg) {
        o.log?.(`bench ${factory.name} @ ${size}: skipped (pass --pg-1m to run ts_rank_cd above ${PG_DEFAULT_MAX_CHUNKS} chunks)`);
        continue;
      }
      const queries = isPg(factory) ? o.queries.slice(0, o.pgQueries) : o.queries;
      const system = await factory.create();
      try {
        const rss0 = process.memoryUsage().rss;
        const t0 = performance.now();
        await system.index(chunks);
        const indexMs = performance.now() - t0;
        const rssGrowthBytes = process.memoryUsage().rss - rss0;
        const times: number[] = [];
        for (const q of queries) {
          const s = performance.now();
          await system.search(q, 10);
          times.push(performance.now() - s);
        }
        const r = { system: factory.name, chunks: size, queries: queries.length, indexMs, rssGrowthBytes, latency: summarize(times) };
        o.log?.(`bench ${r.system} @ ${size}: index ${(indexMs / 1000).toFixed(1)} s, p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms`);
        results.push(r);
      } finally {
        await system.close?.();
      }
    }
  }
  return results;
}
