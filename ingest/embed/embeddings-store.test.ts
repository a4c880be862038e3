import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDocument } from '../../library/documents';
import type { Db } from '../../library/store';
import { driverCases, type TestLibrary } from '../../library/store/test-drivers';
import { prepareDocument } from '../pipeline';
import {
  checkEmbeddingStamp,
  openEmbedder,
  vectorIndexName,
  vectorSearch,
  type Embedder,
} from '../../library/embeddings';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import { reembed } from './reembed';
import { embedDocuments } from './store-embeddings';

const DOCS = [
  {
    id: 'e1',
    title: '社会保险缴费',
    body: '社会保险缴费基数每年调整一次。\n灵活就业人员可以自愿参加社会保险。',
  },
  { id: 'e2', title: '住房公积金', body: '住房公积金提取需要提供身份证和购房合同。' },
  { id: 'e3', title: '天气预报', body: '明天多云转晴，气温十五到二十度。' },
];

// Vector storage and search on every driver that has pgvector; a stock PostgreSQL without it skips, saying why.
for (const driver of driverCases()) describe(`embeddings in the library on ${driver.name}`, () => {
  let lib: TestLibrary;
  let db: Db;
  let dir: string;
  let tiny: Embedder;
  const needsVectors = (ctx: { skip: () => void }) => {
    if (!lib.vectorsMissing) return;
    console.warn(`${driver.name}: vector store test skipped: ${lib.vectorsMissing}`);
    ctx.skip();
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-embed-store-'));
    [lib, tiny] = await Promise.all([driver.open(), makeTinyModel(dir).then((m) => openEmbedder(m))]);
    db = lib.db;
    for (const d of DOCS) {
      await upsertDocument(
        db,
        prepareDocument({
          externalId: d.id,
          siteCode: 'embed-site',
          title: d.title,
          body: d.body,
          infoType: '其他',
        }),
      );
    }
  });
  afterAll(async () => {
    await tiny?.close();
    await lib?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stamps vectors with the model and finds the nearest chunks through its HNSW index', async (ctx) => {
    needsVectors(ctx);
    const { rows: docs } = await db.query<{ id: number }>(
      `SELECT id FROM documents WHERE external_id = 'e1'`,
    );
    expect(await embedDocuments(db, tiny, [docs[0].id])).toBe(1);
    expect(await checkEmbeddingStamp(db, tiny)).toEqual({
      model: 'tiny-bert-zh',
      dimensions: 64,
      embedded: 1,
      missing: 2,
    });
    const result = await reembed(db, tiny);
    expect(result).toMatchObject({
      model: 'tiny-bert-zh',
      dimensions: 64,
      embedded: 2,
      index: vectorIndexName('tiny-bert-zh', 64),
    });
    const { rows } = await db.query<{ model: string; dimensions: number; n: number }>(
      'SELECT model, dimensions, count(*)::int AS n FROM chunk_embeddings GROUP BY 1, 2',
    );
    expect(rows).toEqual([{ model: 'tiny-bert-zh', dimensions: 64, n: 3 }]);

    const [query] = await tiny.embed(['公积金提取'], { kind: 'query' });
    const hits = await vectorSearch(db, query, 3, tiny.id);
    const texts = await db.query<{ id: number; external_id: string }>(
      'SELECT c.id, d.external_id FROM chunks c JOIN documents d ON d.id = c.document_id',
    );
    const docOf = new Map(texts.rows.map((r) => [Number(r.id), r.external_id]));
    expect(hits.map((h) => docOf.get(h.chunkId))[0]).toBe('e2');
    expect(hits.map((h) => h.similarity)).toEqual([...hits.map((h) => h.similarity)].sort((a, b) => b - a));

    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const sql = `EXPLAIN SELECT chunk_id FROM chunk_embeddings WHERE model = 'tiny-bert-zh' AND dimensions = 64
                   ORDER BY (embedding::vector(64)) <=> $1::vector(64) LIMIT 3`;
      return (await tx.query<{ 'QUERY PLAN': string }>(sql, [`[${Array.from(query).join(',')}]`])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(plan).toContain(`Index Scan using ${result.index}`);
  });

  it('embeds several documents\' chunks in one model call', async (ctx) => {
    needsVectors(ctx);
    const ids: number[] = [];
    for (const n of [1, 2, 3]) {
      const prepared = prepareDocument({
        externalId: `batch-${n}`,
        siteCode: 'embed-site',
        title: `批量${n}`,
        body: `第${n}篇正文，社会保险。`,
        infoType: '其他',
      });
      ids.push((await upsertDocument(db, prepared)).id);
    }
    const calls: number[] = [];
    const counting: Embedder = {
      ...tiny,
      embed: (texts, o) => (calls.push(texts.length), tiny.embed(texts, o)),
    };
    expect(await embedDocuments(db, counting, ids)).toBe(3);
    expect(calls).toEqual([3]);
    // Nothing is pending any more: a second pass embeds nothing and calls no model.
    expect(await embedDocuments(db, counting, ids)).toBe(0);
    expect(calls).toEqual([3]);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chunk_embeddings e JOIN chunks c ON c.id = e.chunk_id WHERE c.document_id = ANY($1::bigint[])',
      [ids],
    );
    expect(rows[0].n).toBe(3);
  });

  it('fails loudly when the configured model differs from the stamps, until reembed', async (ctx) => {
    needsVectors(ctx);
    const other = await openEmbedder(
      await makeTinyModel(dir, { name: 'tiny-bert-zh-32', dimensions: 32, seed: 7 }),
    );
    try {
      await expect(checkEmbeddingStamp(db, other)).rejects.toMatchObject({
        code: 'VERSION_MISMATCH',
        message: expect.stringMatching(/tiny-bert-zh \(64 dimensions, 6 chunks\).*run `zhiwen reembed`/),
      });
      const result = await reembed(db, other);
      expect(result).toMatchObject({ embedded: 6, droppedIndexes: [vectorIndexName('tiny-bert-zh', 64)] });
      expect(await checkEmbeddingStamp(db, other)).toMatchObject({
        model: 'tiny-bert-zh-32',
        embedded: 6,
        missing: 0,
      });
      const [q] = await other.embed(['天气'], { kind: 'query' });
      expect(await vectorSearch(db, q, 1, other.id)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
