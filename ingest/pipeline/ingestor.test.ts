import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEmbeddingStamp, openEmbedder, type Embedder } from '../../library/embeddings';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import type { DocumentInput } from '../../library/model/document';
import { openLibrary, type Db } from '../../library/store';
import { driverCases } from '../../library/store/test-drivers';
import type { FeedItem } from '../feeds';
import { Ingestor } from './index';

const doc = (externalId: string, body: string, over: Partial<DocumentInput> = {}): DocumentInput => ({
  externalId, siteCode: 'ingestor-site', title: `标题${externalId}`, body, infoType: '政策文件', ...over,
});
const item = (d: DocumentInput): FeedItem => ({ source: 'test', id: d.externalId, document: d });
async function* stream(...docs: DocumentInput[]): AsyncGenerator<FeedItem> {
  for (const d of docs) yield item(d);
}
/** Vectors per external id, with the model they are stamped with. */
async function vectorsOf(db: Db, externalIds: string[]): Promise<Record<string, string>> {
  const { rows } = await db.query<{ external_id: string; model: string; n: number }>(
    `SELECT d.external_id, e.model, count(*)::int AS n FROM chunk_embeddings e
       JOIN chunks c ON c.id = e.chunk_id JOIN documents d ON d.id = c.document_id
      WHERE d.external_id = ANY($1::text[]) GROUP BY 1, 2 ORDER BY 1`,
    [externalIds],
  );
  return Object.fromEntries(rows.map((r) => [r.external_id, `${r.model}×${r.n}`]));
}

describe('the Ingestor: prepare → store and enrich → embed', () => {
  let dir: string;
  let tiny: Embedder;
  const calls: number[] = [];
  let counting: Embedder;
  // One library for the whole suite (opening one costs seconds): each test uses its own external ids.
  let db: Db;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-ingestor-'));
    [db, tiny] = await Promise.all([openLibrary(), makeTinyModel(dir).then((m) => openEmbedder(m))]);
    counting = { ...tiny, embed: (texts, o) => (calls.push(texts.length), tiny.embed(texts, o)) };
  });
  afterAll(async () => {
    await tiny?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('embeds what a stream stores in the same run, not quarantined documents, and nothing twice', async () => {
    calls.length = 0;
    const ingestor = new Ingestor(db, { embedder: counting, batchSize: 2 });
    await ingestor.ready();
    const secret = doc('secret', '内部资料 注意保密\n经研究决定，调整部分同志职务。', { title: '关于部分同志职务调整的通知' });
    const summary = await ingestor.ingest(stream(doc('a', '社会保险缴费基数每年调整一次。'), secret, doc('b', '住房公积金提取需要身份证。')));
    expect(summary).toMatchObject({ added: 3, quarantined: [{ id: 'secret' }] });
    expect(await vectorsOf(db, ['a', 'secret', 'b'])).toEqual({ a: 'tiny-bert-zh×1', b: 'tiny-bert-zh×1' });
    // Batches of two: [a, secret] then [b]; the quarantined one is not sent to the model.
    expect(calls).toEqual([1, 1]);
    expect(await checkEmbeddingStamp(db, tiny)).toMatchObject({ embedded: 2, missing: 0 });

    const again = await ingestor.ingest(stream(doc('a', '社会保险缴费基数每年调整一次。')));
    expect(again).toMatchObject({ added: 0, unchanged: 1 });
    expect(calls).toEqual([1, 1]);
  });

  it('gives vectors to documents stored before a model was configured, on the next pass', async () => {
    const lexical = new Ingestor(db);
    expect(lexical.embeddingModel).toBeNull();
    expect(await lexical.ingest(stream(doc('early', '灵活就业人员可以自愿参加社会保险。')))).toMatchObject({ added: 1 });
    expect(await vectorsOf(db, ['early'])).toEqual({});
    const withModel = new Ingestor(db, { embedder: tiny });
    expect(await withModel.ingest(stream(doc('early', '灵活就业人员可以自愿参加社会保险。')))).toMatchObject({ unchanged: 1 });
    expect(await vectorsOf(db, ['early'])).toEqual({ early: 'tiny-bert-zh×1' });
  });

  it('groups concurrent single items (jobs) into shared transactions and model calls, each resolving when embedded', async () => {
    calls.length = 0;
    const ingestor = new Ingestor(db, { embedder: counting });
    const docs = ['j1', 'j2', 'j3', 'j4'].map((id) => doc(id, `第${id}号文件的正文，关于社会保险。`));
    const outcomes = await Promise.all(docs.map((d) => ingestor.ingestOne(item(d))));
    expect(outcomes.map((o) => (o.kind === 'document' ? o.stored.outcome : o.kind))).toEqual(['added', 'added', 'added', 'added']);
    // The first runs alone at once; the three that arrived meanwhile share the next transaction.
    expect(calls).toEqual([1, 3]);
    expect(Object.keys(await vectorsOf(db, ['j1', 'j2', 'j3', 'j4']))).toEqual(['j1', 'j2', 'j3', 'j4']);
  });

  it('never stores two versions of one document in one transaction, and keeps the later one', async () => {
    const ingestor = new Ingestor(db);
    const outcomes = await Promise.all([
      ingestor.ingestOne(item(doc('same', '第一版正文。'))),
      ingestor.ingestOne(item(doc('other', '另一篇正文。'))),
      ingestor.ingestOne(item(doc('same', '第二版正文。'))),
    ]);
    expect(outcomes.map((o) => (o.kind === 'document' ? o.stored.outcome : o.kind))).toEqual(['added', 'added', 'updated']);
    const { rows } = await db.query<{ body: string }>(`SELECT body FROM documents WHERE external_id = 'same'`);
    expect(rows).toEqual([{ body: '第二版正文。' }]);
  });

  it('rejects an item that can never be stored with where it came from and why, and stores the rest', async () => {
    const ingestor = new Ingestor(db);
    const bad: FeedItem = { source: 'feed.jsonl', lineNumber: 7, id: 'broken', error: 'title is missing' };
    expect(await ingestor.ingestOne(bad)).toEqual({
      kind: 'rejected', rejection: { source: 'feed.jsonl', lineNumber: 7, id: 'broken', reason: 'title is missing' },
    });
    async function* mixed(): AsyncGenerator<FeedItem> {
      yield bad;
      yield item(doc('fine', '正文。'));
    }
    expect(await ingestor.ingest(mixed())).toMatchObject({ added: 1, rejected: [{ lineNumber: 7, reason: 'title is missing' }] });
  });
});

for (const driver of driverCases()) {
  describe(`the Ingestor on ${driver.name}`, () => {
    it('stores lexical-only without a model; with one, embeds where pgvector is, and fails at start saying what to install where not', async () => {
      const lib = await driver.open();
      const dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-ingestor-driver-'));
      const tiny = await openEmbedder(await makeTinyModel(dir));
      try {
        const lexical = new Ingestor(lib.db);
        await lexical.ready();
        expect(await lexical.ingest(stream(doc('lex', '社会保险缴费基数每年调整一次。')))).toMatchObject({ added: 1 });
        const withModel = new Ingestor(lib.db, { embedder: tiny });
        if (lib.vectorsMissing) {
          await expect(withModel.ready()).rejects.toMatchObject({ code: 'VECTOR_EXTENSION_MISSING' });
          return;
        }
        await withModel.ready();
        expect(await withModel.ingestOne(item(doc('vec', '住房公积金提取需要身份证。')))).toMatchObject({ kind: 'document' });
        expect(await vectorsOf(lib.db, ['lex', 'vec'])).toEqual({ vec: 'tiny-bert-zh×1' });
      } finally {
        await tiny.close();
        await rm(dir, { recursive: true, force: true });
        await lib.dispose();
      }
    });
  });
}
