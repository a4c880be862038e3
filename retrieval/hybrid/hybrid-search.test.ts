import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { embedPendingChunks } from '../../ingest/embed';
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument } from '../../library/documents';
import {
  checkEmbeddingStamp,
  ensureVectorIndex,
  noneEmbedder,
  openEmbedder,
  type Embedder,
} from '../../library/embeddings';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import { VersionMismatchError } from '../../library/errors';
import type { DocumentInput } from '../../library/model/document';
import { openLibrary, type Db } from '../../library/store';
import { SearchService, type SearchRequest, type SearchResponse } from '../search';
import { HYBRID_DEFAULTS, RRF_UNTUNED } from './options';

/**
 * The generated tiny model embeds a text as its bag of characters, so "close" here means "shares
 * characters", unlike jieba's words: hy-vector shares 申 and 领 with 社保卡申领 but no word (its words
 * are 申请, 领取). Its quality is meaningless; what is tested is the plumbing and the fusion.
 */
const DOCS: Array<Omit<DocumentInput, 'siteCode' | 'infoType'>> = [
  {
    externalId: 'hy-both',
    title: '社保卡申领指南',
    body: '社保卡申领流程：网上申请，窗口领取。',
    publishedAt: '2024-03-01',
  },
  {
    externalId: 'hy-lexical',
    title: '政务公开年度报告',
    body: '本网站公开政府信息，包括规划计划和统计数据。附件列出社保卡申领网点。',
    publishedAt: '2024-03-02',
  },
  {
    externalId: 'hy-vector',
    title: '窗口办事须知',
    body: '申请领取：本人带身份证到窗口办理，当场领取。',
    publishedAt: '2023-05-01',
  },
  {
    externalId: 'hy-far',
    title: '天气预报',
    body: '明天多云转晴，气温十五到二十度。',
    publishedAt: '2024-03-03',
  },
  {
    externalId: 'hy-wage',
    title: '关于调整最低工资标准的通知',
    body: '最低工资标准调整为每月二千元，自发布之日起施行。',
    docNumber: '示人社发〔2024〕3号',
    publishedAt: '2024-03-04',
  },
];

const ids = (r: SearchResponse) => r.results.map((x) => x.id);
const withoutTime = ({ tookMs: _, ...rest }: SearchResponse) => rest;

describe('hybrid search (generated tiny model)', () => {
  let db: Db;
  let dir: string;
  let tiny: Embedder;
  let lexical: SearchService;
  let none: SearchService;
  let hybrid: SearchService;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-hybrid-'));
    // No query instruction: bge's is noise to a bag-of-characters model (the contract test covers it).
    [db, tiny] = await Promise.all([
      openLibrary(),
      makeTinyModel(dir).then((m) => openEmbedder(m, { queryInstruction: '' })),
    ]);
    for (const d of DOCS) {
      await upsertDocument(db, prepareDocument({ ...d, siteCode: 'hybrid-site', infoType: '其他' }));
    }
    expect(await embedPendingChunks(db, tiny)).toBe(DOCS.length);
    await ensureVectorIndex(db, tiny.id, tiny.dimensions);
    lexical = new SearchService(db);
    none = new SearchService(db, { embedder: noneEmbedder });
    // Reciprocal rank fusion: its scores are hand-computable below.
    hybrid = new SearchService(db, { embedder: tiny, hybrid: RRF_UNTUNED });
    await Promise.all([lexical.sync(), none.sync(), hybrid.sync()]);
  });
  afterAll(async () => {
    await tiny?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('fuses: the document both rankings hold first, a vector-only neighbour above unrelated ones', async () => {
    expect(ids(await lexical.search({ q: '社保卡申领' }))).toEqual(['hy-both', 'hy-lexical']);
    const fused = await hybrid.search({ q: '社保卡申领' });
    // By vector: hy-both .76, hy-lexical .69, hy-vector .45, hy-wage .35, hy-far .08. So hy-both is 1st in
    // both rankings (2/61), hy-lexical 2nd in both (2/62); the rest are found by vector only (1/(60 + rank)).
    expect(ids(fused)).toEqual(['hy-both', 'hy-lexical', 'hy-vector', 'hy-wage', 'hy-far']);
    expect(fused.results.map((r) => r.score)).toEqual([0.033, 0.032, 0.016, 0.016, 0.015]);
    // Vector-only documents are results: they count in the total and the facets, and have a snippet.
    expect(fused.total).toBe(5);
    expect(fused.facets.year).toEqual(
      expect.arrayContaining([
        { value: '2024', count: 4 },
        { value: '2023', count: 1 },
      ]),
    );
    expect(fused.results[2].snippet).toContain('申请领取');
  });

  it('checks its fusion settings when the service is built', () => {
    expect(() => new SearchService(db, { embedder: tiny, hybrid: { k: -1 } })).toThrow(
      /hybrid k must be a number > 0/,
    );
    expect(new SearchService(db, { embedder: tiny, hybrid: { vectorWeight: 2 } }).hybrid?.options).toEqual({
      ...HYBRID_DEFAULTS,
      vectorWeight: 2,
    });
  });

  it('applies the request filters and exclusions to vector hits too', async () => {
    const in2024 = await hybrid.search({ q: '社保卡申领', year: 2024 });
    expect(ids(in2024)).toEqual(['hy-both', 'hy-lexical', 'hy-wage', 'hy-far']);
    const excluded = await hybrid.search({ q: '社保卡申领', exclude: ['hy-both', 'hy-far'] });
    expect(ids(excluded)).toEqual(['hy-lexical', 'hy-vector', 'hy-wage']);
  });

  it('keeps 文号 and exact-title matches first', async () => {
    const byNumber = await hybrid.search({ q: '示人社发[2024]3号' });
    expect(byNumber.results[0]).toMatchObject({ id: 'hy-wage', matchedBy: 'docNumber' });
    const byTitle = await hybrid.search({ q: '天气预报' });
    expect(byTitle.results[0]).toMatchObject({ id: 'hy-far', matchedBy: 'exactTitle' });
    expect(byTitle.results).toHaveLength(DOCS.length);
  });

  it('without an embedder (or with `none`) answers exactly as lexical search, with no model call', async () => {
    expect(lexical.hybrid).toBeNull();
    expect(none.hybrid).toBeNull();
    const requests: SearchRequest[] = [
      { q: '社保卡申领' },
      { q: '社保卡申领', year: 2024, limit: 1, offset: 1 },
      { q: '示人社发〔2024〕3号' },
      { q: '天气预报' },
      { q: '没有这个词' },
    ];
    for (const request of requests) {
      const [a, b] = [await lexical.search(request), await none.search(request)];
      expect(withoutTime(b)).toEqual(withoutTime(a));
    }
    expect(ids(await lexical.search({ q: '没有这个词' }))).toEqual([]);
    expect((await hybrid.search({ q: '没有这个词' })).results.length).toBeGreaterThan(0);
  });

  it('falls back to the lexical ranking when the vector half fails, and says so', async () => {
    const broken: Embedder = {
      ...tiny,
      embed: () => Promise.reject(new Error('onnxruntime: out of memory')),
    };
    const service = new SearchService(db, { embedder: broken });
    await service.sync();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await service.search({ q: '社保卡申领' });
      expect(withoutTime(response)).toEqual(withoutTime(await lexical.search({ q: '社保卡申领' })));
      expect(log).toHaveBeenCalledWith(
        expect.stringMatching(/vector search failed, lexical results only: onnxruntime: out of memory/),
      );
    } finally {
      log.mockRestore();
    }
  });

  it('refuses vectors of another model, with the command that fixes it', async () => {
    const other = await openEmbedder(
      await makeTinyModel(dir, { name: 'tiny-bert-zh-32', dimensions: 32, seed: 7 }),
    );
    try {
      const check = checkEmbeddingStamp(db, other);
      await expect(check).rejects.toBeInstanceOf(VersionMismatchError);
      await expect(check).rejects.toThrow(
        /made by tiny-bert-zh \(64 dimensions, 5 chunks\).*run `zhiwen reembed` with ZHIWEN_EMBED_MODEL=tiny-bert-zh-32/,
      );
      expect(await checkEmbeddingStamp(db, tiny)).toEqual({
        model: 'tiny-bert-zh',
        dimensions: 64,
        embedded: 5,
        missing: 0,
      });
    } finally {
      await other.close();
    }
  });
});
