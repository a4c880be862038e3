/** Markdown and charts for `npm run bench`. */
import type { BaselineBenchResult } from '../bench/baselines';
import type { HttpBenchResult } from '../bench/http';
import { dataFilesMarkdown, stampMarkdown } from './eval-report';
import type { Stamp } from './stamp';
import { barChartSvg } from './svg';
import { mib, ms, table } from './table';

import type { ScaleBenchRow } from '../bench/scale-bench';
import { formatIngestBench, type IngestBenchResult } from '../bench/ingest-bench';
import { formatOcrBench, type OcrBenchResult } from '../bench/ocr-bench';
import { formatWidgetSize, type WidgetSizeResult } from '../bench/widget-size';

export interface BenchReport {
  baselines: BaselineBenchResult[];
  http: HttpBenchResult[] | null;
  /** Why the HTTP part did not run, if it did not. */
  httpNote: string | null;
  /** Zhiwen's own server through HTTP on synthetic libraries of each size (`--zhiwen-sizes`). */
  scale?: ScaleBenchRow[];
  /** Ingest pipeline speed (`--ingest-docs`). */
  ingest?: IngestBenchResult;
  /** OCR seconds per page and character error rate on generated scans (`--ocr-pages`). */
  ocr?: OcrBenchResult;
  /** The widget bundle's raw and gzipped bytes (always measured: it takes a moment). */
  widget?: WidgetSizeResult;
}

const sizeLabel = (n: number): string => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

export function benchMarkdown(b: BenchReport, stamp: Stamp): string {
  return [
    '# Zhiwen bench',
    '',
    stampMarkdown(stamp),
    '',
    '## Baselines in-process (synthetic ~300-character chunks of real sentences, one query at a time)',
    '',
    table(
      ['system', 'chunks', 'queries', 'index s', 'RSS growth', 'p50 ms', 'p95 ms', 'p99 ms'],
      b.baselines.map((r) => [r.system, sizeLabel(r.chunks), r.queries, (r.indexMs / 1000).toFixed(1), mib(r.rssGrowthBytes), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99)]),
    ),
    '',
    '![latency](bench-latency.svg)',
    '',
    '## HTTP',
    '',
    b.http
      ? table(
          ['endpoint', 'concurrency', 'requests', 'errors', 'throughput/s', 'p50 ms', 'p95 ms', 'p99 ms', 'server RSS peak'],
          b.http.map((h) => [h.endpoint, h.concurrency, h.load.requests, h.load.errors, h.load.throughput.toFixed(1), ms(h.load.latency.p50), ms(h.load.latency.p95), ms(h.load.latency.p99), h.serverRss ? mib(h.serverRss.peakBytes) : 'n/a']),
        )
      : `not run: ${b.httpNote ?? 'no server'}`,
    '',
    '## Zhiwen through HTTP at scale (synthetic libraries, `--zhiwen-sizes`)',
    '',
    b.scale?.length
      ? table(
          ['chunks', 'build s', 'start s', 'idle RSS', 'endpoint', 'clients', 'p50 ms', 'p95 ms', 'p99 ms', 'throughput/s', 'errors', 'peak RSS'],
          b.scale.flatMap((r) =>
            r.endpoints.map((e) => [
              sizeLabel(r.chunks), r.buildSeconds === null ? 'cached' : r.buildSeconds.toFixed(0), r.startSeconds.toFixed(0),
              r.idleRssMiB === null ? 'n/a' : `${r.idleRssMiB.toFixed(0)} MiB`, e.endpoint, e.clients, ms(e.p50), ms(e.p95), ms(e.p99),
              e.rps.toFixed(1), e.errors, e.peakRssMiB === null ? 'n/a' : `${e.peakRssMiB.toFixed(0)} MiB`,
            ]),
          ),
        )
      : 'not run: pass --zhiwen-sizes 10k,100k,1m',
    '',
    '## Ingest speed (`--ingest-docs`)',
    '',
    b.ingest ? ['```', formatIngestBench(b.ingest), '```'].join('\n') : 'not run: pass --ingest-docs 1000',
    '',
    '## OCR of scans (`--ocr-pages`)',
    '',
    b.ocr ? ['```', formatOcrBench(b.ocr), '```'].join('\n') : 'not run: pass --ocr-pages 5',
    '',
    '## Widget size (widget/build.ts bundle)',
    '',
    b.widget ? formatWidgetSize(b.widget) : 'not measured',
    '',
    '## Data files',
    '',
    dataFilesMarkdown(stamp),
    '',
  ].join('\n');
}

/** Latency percentiles per (system, size) and per HTTP endpoint. */
export function latencyChart(b: BenchReport): string {
  const groups = [
    ...b.baselines.map((r) => `${r.system} @ ${sizeLabel(r.chunks)}`),
    ...(b.http ?? []).map((h) => `HTTP ${h.endpoint}`),
  ];
  const lat = [...b.baselines.map((r) => r.latency), ...(b.http ?? []).map((h) => h.load.latency)];
  const series = (['p50', 'p95', 'p99'] as const).map((p) => ({ name: p, values: lat.map((l) => l[p]) }));
  return barChartSvg({ title: 'Latency percentiles (ms)', groups, series, unit: 'ms' });
}
