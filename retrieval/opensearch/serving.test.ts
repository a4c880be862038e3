/**
 * `zhiwen serve` with ZHIWEN_SEARCH_BACKEND=opensearch, through the HTTP app on a REAL node
 * (scripts/opensearch.sh start; OPENSEARCH_URL), over a sample of the real corpus: the settings, the
 * composition root's choice, /v1/search (order, filters, facets, pins) and /v1/ask through OpenSearch,
 * and the clear start-up error when no node answers.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { composeServices, createSearchService } from '../../api/compose';
import { readConfig } from '../../cli/config';
import { readJsonl, type JsonlLine } from '../../ingest/feeds';
import { openJobQueue } from '../../ingest/jobs';
import { ingestDocumentLines } from '../../ingest/pipeline';
import { upsertSite } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { SearchService } from '../search';
import { OPENSEARCH_WRITE_QUEUE, OpenSearchSearchService, openSearchClient, openSearchReachable, startOpenSearchWrites, type FeedRangeJob, type OpenSearchIndexer } from './index';

const url = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const nodeUp = await openSearchReachable(url);
if (!nodeUp) console.warn(`OpenSearch serving tests SKIPPED: no node at ${url} (start one: scripts/opensearch.sh start)`);

async function* firstLines(file: string, count: number): AsyncGenerator<JsonlLine> {
  let n = 0;
  for await (const line of readJsonl(file)) {
    if (n++ >= count) return;
    yield line;
  }
}

describe('search backend settings', () => {
  it('reads ZHIWEN_SEARCH_BACKEND, OPENSEARCH_URL and the alias, refusing what cannot work', () => {
    expect(readConfig({}).searchBackend).toEqual({ kind: 'embedded' });
    expect(readConfig({ ZHIWEN_SEARCH_BACKEND: 'opensearch', OPENSEARCH_URL: 'http://os:9200' }).searchBackend)
      .toEqual({ kind: 'opensearch', url: 'http://os:9200', alias: 'zhiwen-documents' });
    expect(readConfig({ ZHIWEN_SEARCH_BACKEND: 'opensearch', OPENSEARCH_URL: 'http://os:9200', ZHIWEN_OPENSEARCH_ALIAS: 'city-a' }).searchBackend)
      .toMatchObject({ alias: 'city-a' });
    expect(() => readConfig({ ZHIWEN_SEARCH_BACKEND: 'elastic' })).toThrow(/must be "embedded" or "opensearch", got "elastic"/);
    expect(() => readConfig({ ZHIWEN_SEARCH_BACKEND: 'opensearch' })).toThrow(/needs OPENSEARCH_URL/);
    expect(() => readConfig({ ZHIWEN_SEARCH_BACKEND: 'opensearch', OPENSEARCH_URL: 'http://os:9200', ZHIWEN_OPENSEARCH_ALIAS: 'Bad Alias' })).toThrow(/lower-case index name/);
  });

  it('refuses to start on OpenSearch when no node answers, saying what to do', async () => {
    const db = await openLibrary();
    try {
      await expect(createSearchService(db, { kind: 'opensearch', url: 'http://127.0.0.1:9', alias: 'zhiwen-none' }))
        .rejects.toMatchObject({ code: 'SEARCH_BACKEND_UNAVAILABLE', message: expect.stringMatching(/scripts\/opensearch\.sh start|OPENSEARCH_URL/) });
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!corpusAvailable || !nodeUp)('zhiwen serve on OpenSearch: /v1/search and /v1/ask (real node, real corpus sample)', () => {
  let db: Db;
  let app: FastifyInstance;
  let search: SearchService;
  let embedded: SearchService;
  let indexer: OpenSearchIndexer;
  let writes: { stop(): Promise<void> };
  const alias = `zhiwen-serve-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'prov', name: '省政府', level: 'province', regionCode: '330000' });
    await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', parentCode: 'prov', regionCode: '330100' });
    await ingestDocumentLines(db, firstLines(corpusFile('documents/laws_lawrefbook.jsonl'), 80), { defaultSite: 'prov' });
    await ingestDocumentLines(db, firstLines(corpusFile('documents/ncp2020_policy_docs.jsonl'), 80), { defaultSite: 'city-a' });
    const chosen = await createSearchService(db, { kind: 'opensearch', url, alias });
    search = chosen.search;
    indexer = chosen.opensearch!;
    await search.sync();
    // As cli/serve: caught up at start, then the follower and an in-process writer (no REDIS_URL).
    writes = await startOpenSearchWrites(db, indexer, openJobQueue<FeedRangeJob, number>(OPENSEARCH_WRITE_QUEUE));
    embedded = new SearchService(db, { fieldModel: 'separate' });
    await embedded.sync();
    app = await buildApp(composeServices({ db, search }));
  }, 300_000);

  afterAll(async () => {
    await writes?.stop();
    await app?.close();
    await indexer?.drop();
    await db?.close();
  });

  it('composes the OpenSearch service, and its index holds the library', async () => {
    expect(search).toBeInstanceOf(OpenSearchSearchService);
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM documents WHERE status = 'active'");
    const target = await indexer.target();
    expect(target!.stamp.appliedSeq).toBeGreaterThan(0);
    const count = await openSearchClient(url).request<{ count: number }>('GET', `/${alias}/_count`);
    expect(rows[0].n).toBeGreaterThan(100);
    expect(count.body.count).toBe(rows[0].n);
  });

  it('answers a search made before the first write (serve warms up before catching up): nothing found, no error', async () => {
    const fresh = await createSearchService(db, { kind: 'opensearch', url, alias: `zhiwen-fresh-${randomUUID().slice(0, 8)}` });
    try {
      await fresh.search.sync();
      expect((await fresh.search.search({ q: '疫情防控' })).total).toBe(0);
    } finally {
      await fresh.opensearch!.drop();
    }
  });

  it('answers GET /v1/search in the order OpenSearch ranks, the order the embedded index ranks with the same scoring', async () => {
    const q = '疫情防控';
    const res = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}&limit=10` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const direct = await (search as OpenSearchSearchService).retriever.retrieve({ q, limit: 10 });
    expect(body.results.map((r: { id: string }) => r.id)).toEqual(direct.documents.map((d) => d.externalId));
    const same = await embedded.retrieve({ q, limit: 10 });
    expect(body.results.map((r: { id: string }) => r.id)).toEqual(same.documents.map((d) => d.externalId));
    expect(body.total).toBe(same.total);
    expect(body.results[0].titleHtml).toContain('<em>');
    expect(body.results[0].snippet.length).toBeGreaterThan(0);
  });

  it('filters and counts facets as the embedded backend does', async () => {
    const q = '疫情防控';
    const platform = (await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}` })).json();
    const emb = await embedded.search({ q });
    expect(platform.facets.site).toEqual(emb.facets.site);
    expect(platform.facets.infoType).toEqual(emb.facets.infoType);
    expect(platform.facets.validity).toEqual(emb.facets.validity);
    expect(platform.facets.year).toEqual(emb.facets.year);
    const city = (await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}&site=city-a` })).json();
    expect(city.results.length).toBeGreaterThan(0);
    expect(city.results.every((r: { site: { code: string } }) => r.site.code === 'city-a')).toBe(true);
    expect(city.facets.site).toEqual([{ value: 'city-a', count: city.total }]);
    const unknown = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}&site=no-such-site` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNKNOWN_SITE');
  });

  it('pins a document whose exact title is the query first', async () => {
    const { rows } = await db.query<{ external_id: string; title: string }>(
      "SELECT external_id, title FROM documents WHERE status = 'active' AND length(title) >= 8 ORDER BY id LIMIT 1 OFFSET 20",
    );
    const body = (await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(rows[0].title)}` })).json();
    expect(body.results[0]).toMatchObject({ id: rows[0].external_id, matchedBy: 'exactTitle' });
  });

  it('answers POST /v1/ask from documents OpenSearch retrieved', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '疫情防控期间企业复工复产有哪些要求' } });
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    const retrieved = await (search as OpenSearchSearchService).retriever.retrieve({ q: '疫情防控期间企业复工复产有哪些要求', limit: 10 });
    const ids = new Set(retrieved.documents.map((d) => d.externalId));
    const cited = (answer.citations as Array<{ id: string }>).map((s: { id: string }) => s.id);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((id: string) => ids.has(id))).toBe(true);
  });
});
