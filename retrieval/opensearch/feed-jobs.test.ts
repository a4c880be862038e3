/**
 * OpenSearch writes as jobs on a REAL node and REAL Redis (BullMQ), over a sample of the real corpus:
 * a repeated or out-of-order job never regresses a document, a withdrawal removes it, a lost job is
 * enqueued again, and after a drain the index equals the library (ids and versions).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl, type JsonlLine } from '../../ingest/feeds';
import { openJobQueue, waitForDrain, type JobQueue } from '../../ingest/jobs';
import { TEST_REDIS_URL } from '../../ingest/jobs/testing/backends';
import { ingestDocumentLines } from '../../ingest/pipeline';
import { upsertSite, withdrawDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import {
  APPLY_FEED_RANGE, enqueueFeedGap, feedHead, followFeedIntoQueue, openSearchBackend, openSearchReachable, startOpenSearchWriter,
  type FeedRangeJob, type OpenSearchBackend,
} from './index';

const url = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const nodeUp = await openSearchReachable(url);
if (!nodeUp) console.warn(`OpenSearch write-job tests SKIPPED: no node at ${url} (start one: scripts/opensearch.sh start)`);

async function lines(file: string, count: number): Promise<JsonlLine[]> {
  const out: JsonlLine[] = [];
  for await (const line of readJsonl(file)) {
    if (out.length >= count) break;
    out.push(line);
  }
  return out;
}

async function* each<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe.skipIf(!corpusAvailable || !nodeUp)('OpenSearch write jobs on BullMQ (real node, real Redis, real corpus sample)', () => {
  let db: Db;
  let backend: OpenSearchBackend;
  let queue: JobQueue<FeedRangeJob, number>;
  let sample: JsonlLine[];
  const prefix = `test-${randomUUID()}`;

  /** The index as id → version (= the document's change_seq when written). */
  const indexed = async (): Promise<Map<number, number>> => {
    await backend.client.request('POST', `/${backend.indexer.alias}/_refresh`);
    const res = await backend.client.request<{ hits: { hits: Array<{ _id: string; _version: number }> } }>(
      'POST', `/${backend.indexer.alias}/_search`, { size: 10_000, version: true, _source: false, query: { match_all: {} } },
    );
    return new Map(res.body.hits.hits.map((h) => [Number(h._id), h._version]));
  };
  const library = async (): Promise<Map<number, number>> => {
    const { rows } = await db.query<{ id: number; change_seq: string }>("SELECT id, change_seq FROM documents WHERE status = 'active'");
    return new Map(rows.map((r) => [Number(r.id), Number(r.change_seq)]));
  };
  const drain = async () => {
    await waitForDrain(queue, { intervalMs: 50 });
  };

  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'prov', name: '省政府', level: 'province', regionCode: '330000' });
    sample = await lines(corpusFile('documents/ncp2020_policy_docs.jsonl'), 60);
    await ingestDocumentLines(db, each(sample), { defaultSite: 'prov' });
    backend = openSearchBackend(db, { url, alias: `zhiwen-jobs-${randomUUID().slice(0, 8)}` });
    queue = openJobQueue<FeedRangeJob, number>('opensearch-writes', { redisUrl: TEST_REDIS_URL, prefix });
  }, 120_000);

  afterAll(async () => {
    await queue?.obliterate();
    await queue?.close();
    await backend?.indexer.drop();
    await db?.close();
  });

  it('applies the feed through a BullMQ worker, and the index equals the library after the drain', async () => {
    expect(queue.backend).toBe('bullmq');
    const writer = startOpenSearchWriter(backend.indexer, queue);
    try {
      expect(await enqueueFeedGap(db, backend.indexer, queue)).not.toBeNull();
      await drain();
      expect(await indexed()).toEqual(await library());
      expect((await backend.indexer.target())!.stamp.appliedSeq).toBe(await feedHead(db));
      // Nothing left to do: no job.
      expect(await enqueueFeedGap(db, backend.indexer, queue)).toBeNull();
    } finally {
      await writer.close();
    }
  });

  it('a repeated or out-of-order job does not regress a changed document nor the position', async () => {
    const oldHead = await feedHead(db);
    const line = sample[7];
    const record = line.value as { id: string; title: string };
    const changedTitle = `${record.title}（修订版）`;
    await ingestDocumentLines(db, each([{ ...line, value: { ...record, title: changedTitle } }]), { defaultSite: 'prov' });
    const { rows } = await db.query<{ id: number; change_seq: string }>('SELECT id, change_seq FROM documents WHERE external_id = $1', [record.id]);
    const [doc] = rows;
    expect(Number(doc.change_seq)).toBeGreaterThan(oldHead);
    const writer = startOpenSearchWriter(backend.indexer, queue);
    try {
      await enqueueFeedGap(db, backend.indexer, queue);
      await drain();
      const position = (await backend.indexer.target())!.stamp.appliedSeq;
      expect((await indexed()).get(Number(doc.id))).toBe(Number(doc.change_seq));
      // Late and repeated jobs for older ranges, run after the newer one.
      await queue.addBulk([
        { name: APPLY_FEED_RANGE, data: { alias: backend.indexer.alias, after: 0, upTo: oldHead }, opts: { jobId: 'late-0' } },
        { name: APPLY_FEED_RANGE, data: { alias: backend.indexer.alias, after: 10, upTo: oldHead }, opts: { jobId: 'late-10' } },
        { name: APPLY_FEED_RANGE, data: { alias: backend.indexer.alias, after: 0, upTo: oldHead }, opts: { jobId: 'late-0-again' } },
      ]);
      await drain();
      expect((await queue.counts()).dead).toBe(0);
      expect((await indexed()).get(Number(doc.id))).toBe(Number(doc.change_seq));
      const stored = await backend.client.request<{ _source: { title: string } }>('GET', `/${backend.indexer.alias}/_doc/${doc.id}`);
      expect(stored.body._source.title.replace(/ /g, '')).toContain('修订版');
      expect((await backend.indexer.target())!.stamp.appliedSeq).toBe(position);
      expect(await indexed()).toEqual(await library());
    } finally {
      await writer.close();
    }
  });

  it('a withdrawal leaves the index through the follower and the worker; a lost job is enqueued again', async () => {
    const { rows } = await db.query<{ id: number; external_id: string }>("SELECT id, external_id FROM documents WHERE status = 'active' ORDER BY id LIMIT 2");
    // A job enqueued and lost before any worker ran it (Redis flushed, a crash): the index stays behind.
    await withdrawDocument(db, rows[0].external_id);
    expect(await enqueueFeedGap(db, backend.indexer, queue)).not.toBeNull();
    await queue.obliterate();
    expect((await indexed()).has(Number(rows[0].id))).toBe(true);
    const writer = startOpenSearchWriter(backend.indexer, queue);
    const stop = followFeedIntoQueue(db, backend.indexer, queue, 50);
    try {
      await withdrawDocument(db, rows[1].external_id);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && (await backend.indexer.target())!.stamp.appliedSeq < (await feedHead(db))) await new Promise((r) => setTimeout(r, 100));
      await drain();
    } finally {
      stop();
      await writer.close();
    }
    const now = await indexed();
    expect(now.has(Number(rows[0].id))).toBe(false);
    expect(now.has(Number(rows[1].id))).toBe(false);
    expect(now).toEqual(await library());
  });
});
