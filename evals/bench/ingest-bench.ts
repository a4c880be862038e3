/**
 * Ingest speed of the lexical pipeline (no embeddings) on 2 KB documents: prepare alone (normalise,
 * metadata, classify, screen, chunk, analyze, fingerprint) and prepare + store (PGlite in memory,
 * with clusters, links and quarantine), for several batch sizes (documents per transaction).
 * Speed per core is documents per CPU-second of this process: the pipeline and PGlite both run on
 * its main thread, so the figure holds on a busy machine where wall-clock rates do not.
 *   npx tsx evals/bench/ingest-bench.ts [--docs 1000] [--chars 2000] [--batches 1,16,64,256]
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkDocument } from '../../ingest/chunk';
import { simhash64 } from '../../ingest/dedup';
import { extractMetadata } from '../../ingest/metadata';
import { normalizeText } from '../../ingest/normalize';
import { classifyDocument, ingestItems, linkKeysOf, prepareDocument } from '../../ingest/pipeline';
import { maskPersonalData, screenDocument } from '../../ingest/screen';
import { analyze } from '../../library/analyzer';
import type { FeedItem } from '../../ingest/feeds';
import { INFO_TYPES, type DocumentInput, type InfoType } from '../../library/model/document';
import { openLibrary } from '../../library/store';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = ['laws_lawrefbook.jsonl', 'ncp2020_policy_docs.jsonl', 'taidi2020c_replies.jsonl'];
/** The issue's target, documents per second per core without embeddings. */
export const TARGET_DOCS_PER_CORE_SECOND = 300;

export interface IngestBenchOptions {
  corpusDir: string;
  /** Documents per measurement. Default 1000. */
  docs?: number;
  /** Characters per document. Default 2000 (the issue's 2 KB documents). */
  docChars?: number;
  /** Documents per transaction for prepare + store. Default [1, 16, 64, 256]. */
  batchSizes?: number[];
  /** ISO day for validity checks, fixed so runs compare. */
  referenceDate?: string;
}

export interface Rate {
  docs: number;
  wallSeconds: number;
  cpuSeconds: number;
  docsPerSecond: number;
  /** Documents per CPU-second of this process: the per-core rate. */
  docsPerCoreSecond: number;
}

export interface IngestBenchResult {
  docChars: number;
  cores: number;
  prepare: Rate;
  /** CPU milliseconds per document of each prepare stage, run alone on the same documents. */
  stages: Record<string, number>;
  store: Array<Rate & { batchSize: number }>;
}

/** Real text cut into windows of `chars`, round-robin over the feeds (laws, policy notices, replies). */
export async function benchDocuments(corpusDir: string, n: number, chars: number): Promise<DocumentInput[]> {
  const perFile: DocumentInput[][] = [];
  for (const file of FILES) {
    const lines = (await readFile(path.join(corpusDir, 'documents', file), 'utf8')).split('\n').filter(Boolean);
    const docs: DocumentInput[] = [];
    // Short records (replies) are joined with the next ones until a window is full.
    let buffer = '';
    for (const line of lines) {
      const r = JSON.parse(line) as { id: string; title: string | null; text: string; category: string | null };
      if (!r.title) continue;
      const infoType: InfoType = (INFO_TYPES as readonly string[]).includes(r.category ?? '') ? (r.category as InfoType) : '其他';
      buffer = buffer ? `${buffer}\n${r.text}` : r.text;
      for (let at = 0; at + chars <= buffer.length; at += chars) {
        docs.push({
          externalId: `${r.id}#${at}`, siteCode: `site-${docs.length % 10}`, title: r.title,
          body: buffer.slice(at, at + chars), infoType: at === 0 ? infoType : '其他',
        });
      }
      buffer = buffer.length >= chars ? '' : buffer;
    }
    perFile.push(docs);
  }
  const out: DocumentInput[] = [];
  for (let i = 0; out.length < n; i++) {
    if (perFile.every((docs) => i >= docs.length)) break;
    for (const docs of perFile) if (i < docs.length && out.length < n) out.push(docs[i]);
  }
  return out;
}

function measure<T>(docs: number, run: () => Promise<T>): Promise<Rate> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  return run().then(() => {
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const wallSeconds = (performance.now() - wall0) / 1000;
    return { docs, wallSeconds, cpuSeconds, docsPerSecond: docs / wallSeconds, docsPerCoreSecond: docs / cpuSeconds };
  });
}

export async function ingestBench(options: IngestBenchOptions): Promise<IngestBenchResult> {
  const n = options.docs ?? 1000;
  const chars = options.docChars ?? 2000;
  const referenceDate = options.referenceDate ?? '2024-01-01';
  const docs = await benchDocuments(options.corpusDir, n, chars);
  if (docs.length === 0) throw new Error(`no documents of ${chars} characters in ${options.corpusDir}/documents: check ZHIWEN_CORPUS`);
  // Warm-up: jieba's dictionaries and the classifiers load on first use.
  for (const d of docs.slice(0, 20)) prepareDocument(d, { referenceDate });

  const prepare = await measure(docs.length, async () => {
    for (const d of docs) prepareDocument(d, { referenceDate });
  });
  const stages = stageBreakdown(docs, referenceDate);
  const store: IngestBenchResult['store'] = [];
  for (const batchSize of options.batchSizes ?? [1, 16, 64, 256]) {
    const db = await openLibrary();
    try {
      async function* items(): AsyncGenerator<FeedItem> {
        for (const d of docs) yield { source: 'bench', id: d.externalId, document: d };
      }
      const rate = await measure(docs.length, async () => {
        const summary = await ingestItems(db, items(), { batchSize, prepare: { referenceDate } });
        if (summary.added !== docs.length) throw new Error(`stored ${summary.added} of ${docs.length}: ${JSON.stringify(summary.rejected.slice(0, 3))}`);
      });
      store.push({ batchSize, ...rate });
    } finally {
      await db.close();
    }
  }
  return { docChars: chars, cores: cpus().length, prepare, stages, store };
}

/** Where prepare's time goes: each stage alone over the documents, CPU ms per document. */
export function stageBreakdown(docs: DocumentInput[], referenceDate: string): Record<string, number> {
  const texts = docs.map((d) => ({ ...d, title: normalizeText(d.title), body: normalizeText(d.body) }));
  const chunked = texts.map((d) => chunkDocument(d));
  const stages: Record<string, (i: number) => unknown> = {
    normalize: (i) => normalizeText(docs[i].body),
    metadata: (i) => extractMetadata({ title: texts[i].title, body: texts[i].body }, { referenceDate }),
    classify: (i) => classifyDocument(texts[i]),
    screen: (i) => [screenDocument(texts[i]), maskPersonalData(texts[i].body)],
    chunk: (i) => chunkDocument(texts[i]),
    analyze: (i) => [analyze(texts[i].title), ...chunked[i].map((c) => analyze(c.heading ? `${c.heading}\n${c.text}` : c.text))],
    simhash: (i) => simhash64(texts[i].body),
    linkKeys: (i) => linkKeysOf(texts[i]),
  };
  const out: Record<string, number> = {};
  for (const [name, run] of Object.entries(stages)) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < docs.length; i++) run(i);
    const cpu = process.cpuUsage(cpu0);
    out[name] = (cpu.user + cpu.system) / 1000 / docs.length;
  }
  return out;
}

export function formatIngestBench(r: IngestBenchResult): string {
  const row = (name: string, x: Rate): string =>
    `${name.padEnd(26)} ${x.docsPerCoreSecond.toFixed(0).padStart(8)} ${x.docsPerSecond.toFixed(0).padStart(8)} ${x.cpuSeconds.toFixed(1).padStart(8)} ${x.wallSeconds.toFixed(1).padStart(8)}`;
  return [
    `ingest bench: ${r.prepare.docs} documents of ${r.docChars} characters, lexical pipeline (no embeddings), ${r.cores} cores on this machine`,
    `${'stage'.padEnd(26)} ${'docs/s/core'.padStart(8)} ${'docs/s'.padStart(8)} ${'cpu s'.padStart(8)} ${'wall s'.padStart(8)}`,
    row('prepare', r.prepare),
    ...r.store.map((s) => row(`prepare+store batch ${s.batchSize}`, s)),
    `prepare stages, CPU ms per document: ${Object.entries(r.stages).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`,
    `target: ${TARGET_DOCS_PER_CORE_SECOND} docs/s/core`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string): string => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const result = await ingestBench({
    corpusDir: arg('corpus', process.env.ZHIWEN_CORPUS ?? path.resolve(repoRoot, '../shared/corpus')),
    docs: Number(arg('docs', '1000')),
    docChars: Number(arg('chars', '2000')),
    batchSizes: arg('batches', '1,16,64,256').split(',').map(Number),
  });
  console.log(formatIngestBench(result));
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
}
