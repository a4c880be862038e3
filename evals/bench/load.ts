/**
 * HTTP load driver: `concurrency` clients each send GET requests back to back over the given paths
 * (round robin) until `durationMs` has passed or `maxRequests` were sent. Loopback hosts only, so a
 * mistyped base URL cannot load someone else's server.
 */
import { performance } from 'node:perf_hooks';
import { summarize } from '../metrics/percentiles';
import type { LatencySummary } from '../metrics/percentiles';

export interface LoadOptions {
  /** e.g. http://127.0.0.1:3000 — host must be loopback. */
  baseUrl: string;
  /** Request paths with query strings, e.g. "/v1/search?q=…"; sent round robin. */
  paths: string[];
  /** Concurrent clients, 1–MAX_CONCURRENCY. */
  concurrency: number;
  /** Stop sending after this long, 1 ms – MAX_DURATION_MS. */
  durationMs: number;
  /** Stop after this many requests in total (optional). */
  maxRequests?: number;
  /** Per-request timeout; a timed-out request counts as an error. Default 30 s. */
  timeoutMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Count per HTTP status ("error" for network failures and timeouts). */
  statuses: Record<string, number>;
  /** Latency of every request, ms. */
  latency: LatencySummary;
  /** Completed requests per second over the run's wall time. */
  throughput: number;
  wallMs: number;
}

export const MAX_CONCURRENCY = 256;
export const MAX_DURATION_MS = 10 * 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function validate(o: LoadOptions): URL {
  const url = new URL(o.baseUrl);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`runLoad only drives loopback servers; ${o.baseUrl} is not 127.0.0.1/localhost/::1`);
  if (o.paths.length === 0) throw new Error('runLoad needs at least one path');
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1 || o.concurrency > MAX_CONCURRENCY) {
    throw new RangeError(`concurrency must be an integer in 1..${MAX_CONCURRENCY}, got ${o.concurrency}`);
  }
  if (!(o.durationMs >= 1 && o.durationMs <= MAX_DURATION_MS)) throw new RangeError(`durationMs must be in 1..${MAX_DURATION_MS}, got ${o.durationMs}`);
  return url;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const base = validate(o);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limit = o.maxRequests ?? Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + o.durationMs;

  const client = async (): Promise<void> => {
    while (performance.now() < deadline && sent < limit) {
      const path = o.paths[sent % o.paths.length];
      sent++;
      const t0 = performance.now();
      let key: string;
      try {
        const res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(timeoutMs) });
        await res.arrayBuffer(); // the body is part of the latency
        key = String(res.status);
        if (!res.ok) errors++;
      } catch {
        key = 'error';
        errors++;
      }
      latencies.push(performance.now() - t0);
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  const wallMs = performance.now() - start;
  return { requests: latencies.length, errors, statuses, latency: summarize(latencies), throughput: latencies.length / (wallMs / 1000), wallMs };
}
