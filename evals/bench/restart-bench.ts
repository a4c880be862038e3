/**
 * Restart time of the embedded index with and without its snapshot (retrieval/search/snapshot), on an
 * existing library: `npx tsx evals/bench/restart-bench.ts <PGlite data dir | postgres:// URL> [snapshot dir]`;
 * `--corpus <dir>` first ingests a corpus folder (../shared/corpus) into the data dir when it is empty.
 * Three replicas in turn: one rebuilds from the feed and writes the snapshot, one restarts from it,
 * one rebuilds from the feed without it; the last two must answer the same (ids and scores).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument } from '../../library/documents';
import { openLibrary } from '../../library/store';
import { loadCorpus } from '../data';
import { evalDocToInput } from '../systems/zhiwen';
import { SearchService } from '../../retrieval/search';

const QUERIES = ['政务服务', '养老保险', '居住证办理', '疫情防控', '行政处罚', '住房公积金', '营业执照', '最低生活保障'];

async function timedStart(db: Awaited<ReturnType<typeof openLibrary>>, dir?: string): Promise<{ search: SearchService; ms: number }> {
  const started = performance.now();
  const search = new SearchService(db, { indexSnapshotDir: dir });
  await search.sync();
  await search.search({ q: '政务服务' });
  return { search, ms: Math.round(performance.now() - started) };
}

async function answers(search: SearchService): Promise<string> {
  const out = [];
  for (const q of QUERIES) out.push((await search.search({ q, limit: 10 })).results.map((r) => `${r.id}:${r.score}`));
  return JSON.stringify(out);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpusAt = args.indexOf('--corpus');
  const corpusDir = corpusAt >= 0 ? args.splice(corpusAt, 2)[1] : null;
  const [target, snapshotArg] = args;
  if (!target) throw new Error('usage: restart-bench.ts [--corpus <dir>] <PGlite data dir | postgres:// URL> [snapshot dir]');
  const fresh = !target.startsWith('postgres') && !existsSync(path.join(target, 'PG_VERSION'));
  const db = await openLibrary(target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: path.resolve(target) });
  if (corpusDir && fresh) {
    for (const doc of (await loadCorpus(corpusDir)).docs) await upsertDocument(db, prepareDocument(evalDocToInput(doc)));
  }
  const dir = snapshotArg ?? (await mkdtemp(path.join(tmpdir(), 'zhiwen-restart-bench-')));
  try {
    // The first start finds no snapshot, rebuilds from the feed and writes one (its time includes the write).
    const writing = await timedStart(db, dir);
    const size = writing.search.index.size;
    const fromSnapshot = await timedStart(db, dir);
    const restored = await answers(fromSnapshot.search);
    const fromFeed = await timedStart(db);
    const rebuilt = await answers(fromFeed.search);
    const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
    console.log(JSON.stringify({
      documents: size.documents, chunks: size.chunks, firstStartWithWriteMs: writing.ms, restartFromFeedMs: fromFeed.ms, restartFromSnapshotMs: fromSnapshot.ms,
      sameAnswers: restored === rebuilt, rssMiB: rss,
    }));
    if (restored !== rebuilt) process.exitCode = 1;
  } finally {
    if (!snapshotArg) await rm(dir, { recursive: true, force: true });
    await db.close();
  }
}

await main();
