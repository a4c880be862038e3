/**
 * `npm run eval` / `npm run bench`: quality and speed against the baselines, printed as tables and
 * written as Markdown + JSON + SVG to --out. See evals/README.md.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchBaselines, benchHttp, benchQueries, parseSize, sentencePool, startServer } from './bench';
import type { HttpBenchResult, RunningServer } from './bench';
import { scaleBench } from './bench/scale-bench';
import { formatIngestBench, ingestBench } from './bench/ingest-bench';
import { formatOcrBench, ocrBench } from './bench/ocr-bench';
import { formatWidgetSize, widgetSize } from './bench/widget-size';
import { loadCorpus } from './data';
import { runQuality } from './quality';
import type { IndexMode } from './quality';
import { benchMarkdown, evalMarkdown, latencyChart, makeStamp, ndcgChart, writeReport } from './report';
import type { BenchReport } from './report';
import { selectSystems } from './systems';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_BENCH_SYSTEMS = 'bm25-title-twice,pg-ts-rank-cd';
/** BASELINES.md's speed figures used 200 real queries. */
const DEFAULT_BENCH_QUERIES = 200;
/** ts_rank_cd takes ~1.2 s per query at 100k chunks: 50 queries keep that run near a minute. */
const DEFAULT_PG_QUERIES = 50;

const USAGE = `usage: tsx evals/cli.ts <eval|bench> [options]
  common:  --data <dir>  (default $ZHIWEN_CORPUS or ../shared/corpus)   --out <dir>  (default evals/results)
           --systems a,b (retrieval systems; default all for eval, ${DEFAULT_BENCH_SYSTEMS} for bench)
  eval:    --per-set  index each gold set on its own documents (default: one unified library)
           --both     run both index modes
  bench:   --sizes 10k,100k (synthetic chunks)  --queries N (${DEFAULT_BENCH_QUERIES})  --pg-queries N (${DEFAULT_PG_QUERIES})
           --pg-1m    allow PostgreSQL baselines above 100k chunks
           --base-url http://127.0.0.1:PORT   load an already running server over HTTP
           --zhiwen-sizes 10k,100k,1m  Zhiwen's own server on synthetic libraries (built once into .tmp/bench/)
           --ingest-docs N  ingest pipeline speed (docs per CPU-second) on N real 2 KB documents
           --ocr-pages N  OCR seconds per page and character error rate on N generated scanned pages
           --server-cmd "cmd args"  start the server (needs --base-url), sample its RSS, stop it after;
                      run it directly (node --import tsx cli/main.ts serve), not via npx, so the RSS is the server's
           --concurrency N (8)  --duration-ms N (10000)  --max-requests N`;

function list(value: string | undefined, fallback: string): string[] {
  return (value ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      systems: { type: 'string' },
      'per-set': { type: 'boolean' },
      both: { type: 'boolean' },
      sizes: { type: 'string' },
      queries: { type: 'string' },
      'pg-queries': { type: 'string' },
      'pg-1m': { type: 'boolean' },
      'base-url': { type: 'string' },
      'server-cmd': { type: 'string' },
      concurrency: { type: 'string' },
      'duration-ms': { type: 'string' },
      'max-requests': { type: 'string' },
      'zhiwen-sizes': { type: 'string' },
      'ingest-docs': { type: 'string' },
      'ocr-pages': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'eval' && command !== 'bench')) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const dataDir = resolve(values.data ?? process.env.ZHIWEN_CORPUS ?? resolve(REPO_ROOT, '../shared/corpus'));
  const outDir = resolve(values.out ?? resolve(REPO_ROOT, 'evals/results'));
  const log = (line: string): void => console.error(line);
  log(`loading ${dataDir}`);
  const corpus = await loadCorpus(dataDir);
  const stamp = makeStamp(REPO_ROOT, dataDir, corpus.files);

  if (command === 'eval') {
    const modes: IndexMode[] = values.both ? ['unified', 'per-set'] : values['per-set'] ? ['per-set'] : ['unified'];
    const report = await runQuality(corpus, selectSystems(list(values.systems, '')), { modes, log });
    const markdown = evalMarkdown(report, stamp);
    console.log(markdown);
    const files = await writeReport(outDir, { name: 'eval', markdown, json: { stamp, ...report }, charts: { 'eval-ndcg10.svg': ndcgChart(report) } });
    log(`wrote ${files.join(', ')}`);
    return;
  }

  const queries = benchQueries(corpus, positiveInt(values.queries, DEFAULT_BENCH_QUERIES, 'queries'));
  const baselines = await benchBaselines({
    pool: sentencePool(corpus.docs),
    sizes: list(values.sizes, '10k,100k').map(parseSize),
    systems: selectSystems(list(values.systems, DEFAULT_BENCH_SYSTEMS)),
    queries,
    pgQueries: positiveInt(values['pg-queries'], DEFAULT_PG_QUERIES, 'pg-queries'),
    allowLargePg: values['pg-1m'] === true,
    log,
  });
  let http: HttpBenchResult[] | null = null;
  let httpNote: string | null = 'pass --base-url (and optionally --server-cmd) to load a running Zhiwen server';
  if (values['base-url']) {
    let server: RunningServer | null = null;
    try {
      if (values['server-cmd']) server = await startServer({ command: values['server-cmd'].split(/\s+/u), baseUrl: values['base-url'] });
      http = await benchHttp({
        baseUrl: values['base-url'],
        queries,
        concurrency: positiveInt(values.concurrency, 8, 'concurrency'),
        durationMs: positiveInt(values['duration-ms'], 10_000, 'duration-ms'),
        maxRequests: values['max-requests'] ? positiveInt(values['max-requests'], 1, 'max-requests') : undefined,
        serverPid: server?.pid,
      });
      httpNote = null;
    } finally {
      await server?.stop();
    }
  }
  const scale = values['zhiwen-sizes']
    ? await scaleBench({
        dataDir,
        sizes: list(values['zhiwen-sizes'], ''),
        concurrency: positiveInt(values.concurrency, 4, 'concurrency'),
        seconds: positiveInt(values['duration-ms'], 15_000, 'duration-ms') / 1000,
      })
    : undefined;
  const ingest = values['ingest-docs']
    ? await ingestBench({ corpusDir: dataDir, docs: positiveInt(values['ingest-docs'], 1000, 'ingest-docs'), batchSizes: [1, 64] })
    : undefined;
  if (ingest) log(formatIngestBench(ingest));
  const ocr = values['ocr-pages'] ? await ocrBench(positiveInt(values['ocr-pages'], 5, 'ocr-pages')) : undefined;
  if (ocr) log(formatOcrBench(ocr));
  const widget = await widgetSize();
  log(formatWidgetSize(widget));
  const report: BenchReport = { baselines, http, httpNote, scale, ingest, ocr, widget };
  const markdown = benchMarkdown(report, stamp);
  console.log(markdown);
  const files = await writeReport(outDir, { name: 'bench', markdown, json: { stamp, ...report }, charts: { 'bench-latency.svg': latencyChart(report) } });
  log(`wrote ${files.join(', ')}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
