import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedPendingChunks } from '../../ingest/embed';
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument, upsertSite } from '../../library/documents';
import { ensureVectorIndex, openEmbedder, type Embedder } from '../../library/embeddings';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import { openLibrary, type Db } from '../../library/store';
import { SearchService } from './index';

describe('retrieve(): the documents search and answers stand on', () => {
  let db: Db;
  let search: SearchService;
  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'ret-a', name: '甲站' });
    await upsertSite(db, { code: 'ret-b', name: '乙站' });
    const filler = '窗口受理时间为工作日上午九点至下午五点，请携带身份证件前往办理。'.repeat(40);
    const docs = [
      { externalId: 'ret-guide', siteCode: 'ret-a', title: '社会保障卡申领指南', body: `申领社会保障卡需要身份证。${filler}社会保障卡补换可在线办理。`, infoType: '办事指南' as const },
      { externalId: 'ret-notice', siteCode: 'ret-b', title: '关于社会保障卡换发的通知', body: '社会保障卡换发工作将于明年开展。<b>请</b>留意通知。', infoType: '通知公告' as const, docNumber: '乙人社发〔2024〕3号', validity: '废止' as const },
      { externalId: 'ret-other', siteCode: 'ret-a', title: '公积金提取办法', body: '住房公积金提取的条件与材料。', infoType: '政策文件' as const },
    ];
    for (const d of docs) await upsertDocument(db, prepareDocument(d));
    search = new SearchService(db);
    await search.sync();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('ranks as the result page does, with plain-text passages and every field a caller cites', async () => {
    const retrieval = await search.retrieve({ q: '社会保障卡' });
    const page = await search.search({ q: '社会保障卡', internal: true });
    expect(retrieval.documents.map((d) => d.externalId)).toEqual(page.results.map((r) => r.id));
    expect(retrieval.total).toBe(page.total);
    const [first] = retrieval.documents;
    expect(first).toMatchObject({
      externalId: 'ret-guide', title: '社会保障卡申领指南', site: { code: 'ret-a', name: '甲站' }, infoType: '办事指南',
      validity: '未知', current: true, docNumber: null, url: `/d/${first.id}`, foundBy: ['lexical'],
    });
    expect(first.pinnedBy).toBeUndefined();
    expect(first.id).toBeGreaterThan(0);
    expect(first.score).toBeGreaterThan(retrieval.documents[1].score);
    // The best chunk, as stored: no markup added, an id to quote it by.
    const [passage] = first.passages;
    expect(passage.chunkId).toEqual(expect.any(Number));
    expect(passage.text).toContain('社会保障卡');
    expect(passage.text).not.toContain('<em>');
    expect(retrieval.query).toMatchObject({ original: '社会保障卡', truncated: false, docNumberKeys: [] });
    expect(retrieval.query.terms.length).toBeGreaterThan(0);
  });

  it('says a document was pinned by its 文号, and that a repealed one is not current', async () => {
    const { documents, query } = await search.retrieve({ q: '乙人社发[2024]3号' });
    expect(query.docNumberKeys.length).toBe(1);
    expect(documents[0]).toMatchObject({ externalId: 'ret-notice', pinnedBy: 'docNumber', validity: '废止', current: false, docNumber: '乙人社发〔2024〕3号' });
    expect(documents[0].foundBy[0]).toBe('docNumber');
  });

  it('applies scope, filters and exclusions before ranking, and names an unknown site with UNKNOWN_SITE', async () => {
    const ids = async (request: Parameters<SearchService['retrieve']>[0]) => (await search.retrieve(request)).documents.map((d) => d.externalId);
    expect(await ids({ q: '社会保障卡', site: 'ret-b' })).toEqual(['ret-notice']);
    expect(await ids({ q: '社会保障卡', site: 'ret-b', scope: 'platform' })).toEqual(['ret-guide', 'ret-notice']);
    expect(await ids({ q: '社会保障卡', validity: 'current' })).toEqual(['ret-guide']);
    expect(await ids({ q: '社会保障卡', exclude: ['ret-guide'] })).toEqual(['ret-notice']);
    expect(await ids({ q: '社会保障卡', limit: 1, offset: 1 })).toEqual(['ret-notice']);
    await expect(search.retrieve({ q: '社会保障卡', site: 'no-such-site' })).rejects.toMatchObject({ code: 'UNKNOWN_SITE' });
    await expect(search.retrieve({ q: '  ' })).rejects.toMatchObject({ code: 'EMPTY_QUERY' });
  });
});

describe('retrieve() with hybrid search (generated tiny model)', () => {
  let db: Db;
  let dir: string;
  let tiny: Embedder;
  let search: SearchService;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-retrieve-'));
    [db, tiny] = await Promise.all([openLibrary(), makeTinyModel(dir).then((m) => openEmbedder(m, { queryInstruction: '' }))]);
    // The tiny model embeds a text as its bag of characters: ret-vector shares 申 and 领 with the query, no word.
    await upsertDocument(db, prepareDocument({ externalId: 'ret-both', siteCode: 'ret', title: '社保卡申领指南', body: '社保卡申领流程：网上申请，窗口领取。', infoType: '其他' }));
    await upsertDocument(db, prepareDocument({ externalId: 'ret-vector', siteCode: 'ret', title: '窗口办事须知', body: '申请领取：本人带身份证到窗口办理。', infoType: '其他' }));
    await embedPendingChunks(db, tiny);
    await ensureVectorIndex(db, tiny.id, tiny.dimensions);
    search = new SearchService(db, { embedder: tiny });
    await search.sync();
  });
  afterAll(async () => {
    await tiny?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says which retriever found each document, and gives a vector-only one its nearest chunk', async () => {
    const { documents } = await search.retrieve({ q: '社保卡申领' });
    expect(documents.map((d) => [d.externalId, d.foundBy])).toEqual([
      ['ret-both', ['lexical', 'vector']],
      ['ret-vector', ['vector']],
    ]);
    expect(documents[1].passages).toEqual([{ chunkId: expect.any(Number), text: expect.stringContaining('申请领取') }]);
  });
});
