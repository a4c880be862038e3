/**
 * Search speed and memory at scale, through HTTP: for each size, a synthetic library (built once and
 * kept under .tmp/bench/<size>), a real `zhiwen serve` process on it, concurrent clients on
 * /v1/search and /v1/suggest, and the server's RSS.
 *   npx tsx evals/bench/scale-bench.ts --sizes 10k,100k,1m [--concurrency 4] [--seconds 20]
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLibrary } from '../../library/store';
import { loadCorpus } from '../data';
import { benchHttp } from './http';
import { benchQueries } from './queries';
import { buildScaledLibrary } from './scale-library';
import { startServer } from './server';
import { parseSize, sentencePool } from './synth';
import { readRss } from './rss';

const ENDPOINTS = { search: '/v1/search?q={q}', suggest: '/v1/suggest?q={q}' };
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ScaleBenchRow {
  size: string;
  chunks: number;
  buildSeconds: number | null;
  startSeconds: number;
  idleRssMiB: number | null;
  /**
   * Each endpoint twice: one client (latency of a request on its own: the latency targets) and
   * `concurrency` clients (throughput; latency there includes queueing behind the others).
   */
  endpoints: Array<{ endpoint: string; clients: number; p50: number; p95: number; p99: number; rps: number; errors: number; peakRssMiB: number | null }>;
}

export async function scaleBench(options: {
  dataDir: string;
  sizes: string[];
  concurrency: number;
  seconds: number;
  port?: number;
}): Promise<ScaleBenchRow[]> {
  const corpus = await loadCorpus(options.dataDir);
  const pool = sentencePool(corpus.docs);
  // Disjoint slices of the gold sets' distinct queries (1,268 on dev): a warm-up, then one slice per
  // client count, so a measured query was not seen before (at 1M a slice lasts a run; smaller sizes
  // answer faster and go round their slice again, which the display cache then serves).
  const all = benchQueries(corpus, 2000);
  const warmUp = all.slice(-200);
  const half = Math.floor((all.length - warmUp.length) / 2);
  const slices = [all.slice(0, half), all.slice(half, 2 * half)];
  const rows: ScaleBenchRow[] = [];
  for (const size of options.sizes) {
    const chunks = parseSize(size);
    const libDir = path.join(repoRoot, '.tmp', 'bench', `${size}`);
    let buildSeconds: number | null = null;
    if (!existsSync(path.join(libDir, 'PG_VERSION'))) {
      await rm(libDir, { recursive: true, force: true });
      const t = performance.now();
      const db = await openLibrary({ dataDir: libDir });
      await buildScaledLibrary(db, pool, chunks, undefined, (n) => {
        if (n % 50_000 < 1500) process.stderr.write(`  ${size}: ${n} chunks written\n`);
      });
      await db.close();
      buildSeconds = (performance.now() - t) / 1000;
    }
    const port = options.port ?? 3990;
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const server = await startServer({
      // node --import tsx (not the tsx CLI, which forks): the pid whose memory we sample is the server.
      command: [process.execPath, '--import', 'tsx', path.join(repoRoot, 'cli/main.ts'), 'serve', '--no-sample'],
      baseUrl,
      readyPath: '/healthz',
      env: { ZHIWEN_DATA_DIR: libDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', ZHIWEN_RATE_LIMIT_PER_MINUTE: '0' },
      timeoutMs: 30 * 60_000,
    });
    const startSeconds = (performance.now() - started) / 1000;
    try {
      const idle = await readRss(server.pid);
      // A server in service has compiled its hot code and built its common terms' bitsets: 200
      // unmeasured searches first, so the figures are a running server's, not its first minute's.
      await benchHttp({ baseUrl, queries: warmUp, endpoints: { search: ENDPOINTS.search }, concurrency: 1, durationMs: 60_000, maxRequests: warmUp.length });
      const results = [];
      for (const [i, concurrency] of [...new Set([1, options.concurrency])].entries()) {
        results.push(...(await benchHttp({
          baseUrl,
          queries: slices[i],
          endpoints: ENDPOINTS,
          concurrency,
          durationMs: options.seconds * 1000,
          serverPid: server.pid,
        })));
      }
      rows.push({
        size,
        chunks,
        buildSeconds,
        startSeconds,
        idleRssMiB: idle === null ? null : idle / 2 ** 20,
        endpoints: results.map((r) => ({
          endpoint: r.endpoint,
          clients: r.concurrency,
          p50: r.load.latency.p50,
          p95: r.load.latency.p95,
          p99: r.load.latency.p99,
          rps: r.load.throughput,
          errors: r.load.errors,
          peakRssMiB: r.serverRss ? r.serverRss.peakBytes / 2 ** 20 : null,
        })),
      });
      console.log(JSON.stringify(rows.at(-1)));
    } finally {
      await server.stop();
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  await scaleBench({
    dataDir: arg('data', process.env.ZHIWEN_CORPUS ?? path.resolve(repoRoot, '../shared/corpus')),
    sizes: arg('sizes', '10k,100k').split(','),
    concurrency: Number(arg('concurrency', '4')),
    seconds: Number(arg('seconds', '15')),
  });
}
