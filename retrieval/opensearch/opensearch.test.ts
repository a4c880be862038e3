/**
 * The OpenSearch backend against a REAL node (scripts/opensearch.sh start; OPENSEARCH_URL, default
 * http://127.0.0.1:9200), over a sample of the real corpus: feed following, withdrawals, replayed
 * writes, the alias swap, scope and filters, and agreement with the embedded backend on real titles.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl, type JsonlLine } from '../../ingest/feeds';
import { ingestDocumentLines } from '../../ingest/pipeline';
import { readIndexFeed, upsertSite, withdrawDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { SearchService, type Retrieval } from '../search';
import { bulkLines } from './documents';
import { openSearchBackend, openSearchReachable, type OpenSearchBackend } from './index';

const url = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const nodeUp = await openSearchReachable(url);
if (!nodeUp) console.warn(`OpenSearch tests SKIPPED: no node at ${url} (start one: scripts/opensearch.sh start)`);

/** Per file: the site its documents go to and how many (the first N lines: the same sample every run). */
const SAMPLE = [
  { file: 'documents/laws_lawrefbook.jsonl', site: 'prov', count: 120 },
  { file: 'documents/ncp2020_policy_docs.jsonl', site: 'city-a', count: 80 },
  { file: 'documents/taidi2020c_replies.jsonl', site: 'county-a1', count: 100 },
];

async function* firstLines(file: string, count: number): AsyncGenerator<JsonlLine> {
  let n = 0;
  for await (const line of readJsonl(file)) {
    if (n++ >= count) return;
    yield line;
  }
}

describe.skipIf(!corpusAvailable || !nodeUp)('OpenSearch backend on a real node (real corpus sample)', () => {
  let db: Db;
  let embedded: SearchService;
  /** The embedded backend scoring title and best chunk as two BM25 sums, as OpenSearch's query does. */
  let embeddedSeparate: SearchService;
  let backend: OpenSearchBackend;
  const titles: Array<{ externalId: string; title: string }> = [];

  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'prov', name: '省政府', level: 'province', regionCode: '330000' });
    await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', parentCode: 'prov', regionCode: '330100' });
    await upsertSite(db, { code: 'county-a1', name: '甲市一县', level: 'county', regionCode: '330102' });
    for (const { file, site, count } of SAMPLE) await ingestDocumentLines(db, firstLines(corpusFile(file), count), { defaultSite: site });
    embedded = new SearchService(db);
    await embedded.sync();
    embeddedSeparate = new SearchService(db, { fieldModel: 'separate' });
    await embeddedSeparate.sync();
    backend = openSearchBackend(db, { url, alias: `zhiwen-test-${randomUUID().slice(0, 8)}`, understanding: embedded.understanding });
    const started = performance.now();
    const indexed = await backend.sync();
    console.info(`OpenSearch: indexed ${indexed} documents in ${Math.round(performance.now() - started)} ms`);
    const { rows } = await db.query<{ external_id: string; title: string }>(
      "SELECT external_id, title FROM documents WHERE status = 'active' ORDER BY id",
    );
    const step = Math.max(1, Math.floor(rows.length / 60));
    for (let i = 0; i < rows.length && titles.length < 60; i += step) titles.push({ externalId: rows[i].external_id, title: rows[i].title });
  }, 300_000);

  afterAll(async () => {
    await backend?.indexer.drop();
    await db?.close();
  });

  it('holds every active document of the library, and a repeated sync changes nothing', async () => {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM documents WHERE status = 'active'");
    const count = await backend.client.request<{ count: number }>('GET', `/${backend.indexer.alias}/_count`);
    expect(rows[0].n).toBeGreaterThan(250);
    expect(count.body.count).toBe(rows[0].n);
    expect(await backend.sync()).toBe(0);
  });

  it('finds documents by their exact title first, and agrees with the embedded backend on the top 10', async () => {
    const misses: string[] = [];
    const agreement = { bm25f: [] as number[], separate: [] as number[], sameFirst: 0 };
    const tookMs: number[] = [];
    const overlap = (a: Retrieval, b: Retrieval) => {
      const ids = new Set(b.documents.map((d) => d.externalId));
      return a.documents.filter((d) => ids.has(d.externalId)).length / (Math.min(10, a.documents.length, b.documents.length) || 1);
    };
    for (const { externalId, title } of titles) {
      const request = { q: title, limit: 10 };
      const started = performance.now();
      const os = await backend.retriever.retrieve(request);
      tookMs.push(performance.now() - started);
      const [emb, sep] = await Promise.all([embedded.retrieve(request), embeddedSeparate.retrieve(request)]);
      if (os.documents[0]?.title !== title && !os.documents.some((d) => d.externalId === externalId)) misses.push(title);
      agreement.bm25f.push(overlap(os, emb));
      agreement.separate.push(overlap(os, sep));
      if (os.documents[0]?.externalId === emb.documents[0]?.externalId) agreement.sameFirst++;
      expect(os.documents[0]?.passages[0]?.text.length).toBeGreaterThan(0);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const identical = (xs: number[]) => xs.filter((o) => o === 1).length;
    console.info(
      `OpenSearch vs embedded over ${titles.length} real titles, mean top-10 overlap: ` +
      `default bm25f ${mean(agreement.bm25f).toFixed(3)} (identical ${identical(agreement.bm25f)}, same first ${agreement.sameFirst}), ` +
      `fieldModel 'separate' ${mean(agreement.separate).toFixed(3)} (identical ${identical(agreement.separate)}); ` +
      `OpenSearch retrieve p50 ${tookMs.sort((a, b) => a - b)[Math.floor(tookMs.length / 2)].toFixed(1)} ms`,
    );
    expect(misses).toEqual([]);
    // Same scoring model, same terms: the same documents. BM25F (per-field norms in one saturation) is not OpenSearch's.
    expect(mean(agreement.separate)).toBeGreaterThanOrEqual(0.95);
    expect(mean(agreement.bm25f)).toBeGreaterThan(0.6);
  });

  it('keeps scope and filters: site, region (a city and its counties), info type, exclusions', async () => {
    const q = '疫情防控';
    const siteOf = (docs: Array<{ site: { code: string } }>) => new Set(docs.map((d) => d.site.code));
    const platform = await backend.retriever.retrieve({ q, limit: 50 });
    expect(siteOf(platform.documents).size).toBeGreaterThan(1);
    // The passage is the best-matching chunk (the nested inner hit), not the opening.
    expect(platform.documents[0].passages[0].chunkId).not.toBeNull();
    const site = await backend.retriever.retrieve({ q, site: 'city-a', limit: 50 });
    expect(site.documents.length).toBeGreaterThan(0);
    expect([...siteOf(site.documents)]).toEqual(['city-a']);
    const region = await backend.retriever.retrieve({ q, site: 'city-a', scope: 'region', limit: 50 });
    expect([...siteOf(region.documents)].every((c) => c === 'city-a' || c === 'county-a1')).toBe(true);
    expect(region.total).toBeGreaterThanOrEqual(site.total);
    const infoType = platform.documents[0].infoType;
    const typed = await backend.retriever.retrieve({ q, infoType, limit: 50 });
    expect(typed.documents.every((d) => d.infoType === infoType)).toBe(true);
    const excluded = await backend.retriever.retrieve({ q, exclude: [platform.documents[0].externalId], limit: 50 });
    expect(excluded.documents.map((d) => d.externalId)).not.toContain(platform.documents[0].externalId);
    // The same filters through the embedded backend count the same documents.
    for (const request of [{ q, site: 'city-a' }, { q, site: 'city-a', scope: 'region' as const }, { q, infoType }]) {
      expect((await backend.retriever.retrieve(request)).total, JSON.stringify(request)).toBe((await embedded.retrieve(request)).total);
    }
    await expect(backend.retriever.retrieve({ q, site: 'no-such-site' })).rejects.toMatchObject({ code: 'UNKNOWN_SITE' });
    await expect(backend.retriever.retrieve({ q: '   ' })).rejects.toMatchObject({ code: 'EMPTY_QUERY' });
  });

  it('pages without repeating a document', async () => {
    const first = await backend.retriever.retrieve({ q: '疫情防控', limit: 10 });
    const second = await backend.retriever.retrieve({ q: '疫情防控', limit: 10, offset: 10 });
    expect(second.documents.length).toBeGreaterThan(0);
    const firstIds = new Set(first.documents.map((d) => d.id));
    expect(second.documents.some((d) => firstIds.has(d.id))).toBe(false);
  });

  it('drops a withdrawn document at the next sync, and a replayed older write does not bring it back', async () => {
    const { externalId, title } = titles[3];
    const [before] = (await readIndexFeed(db, 0, 100_000)).filter((d) => d.externalId === externalId);
    expect((await backend.retriever.retrieve({ q: title })).documents.map((d) => d.externalId)).toContain(externalId);
    expect(await withdrawDocument(db, externalId)).toBe(true);
    expect(await backend.sync()).toBe(1);
    expect((await backend.retriever.retrieve({ q: title })).documents.map((d) => d.externalId)).not.toContain(externalId);
    // A late job carrying the document's previous version: OpenSearch refuses it by version (409).
    const target = await backend.indexer.target();
    const replay = await backend.client.bulk(bulkLines(target!.index, [before]));
    expect(Object.values(replay.items[0])[0].status).toBe(409);
    await backend.client.request('POST', `/${backend.indexer.alias}/_refresh`);
    expect((await backend.retriever.retrieve({ q: title })).documents.map((d) => d.externalId)).not.toContain(externalId);
  });

  it('follows the library: a withdrawal made while following leaves the index within seconds', async () => {
    const { externalId, title } = titles[5];
    const found = async () => (await backend.retriever.retrieve({ q: title })).documents.some((d) => d.externalId === externalId);
    expect(await found()).toBe(true);
    const stop = backend.follow(100);
    try {
      await withdrawDocument(db, externalId);
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await found())) await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop();
    }
    expect(await found()).toBe(false);
  });

  it('rebuilds into a new index and swaps the alias, searches answering throughout', async () => {
    const old = (await backend.indexer.target())!.index;
    const count = async () => (await backend.client.request<{ count: number }>('GET', `/${backend.indexer.alias}/_count`)).body.count;
    const before = await count();
    const rebuilding = backend.indexer.rebuild();
    const during = await backend.retriever.retrieve({ q: titles[0].title });
    const fresh = await rebuilding;
    expect(during.documents.length).toBeGreaterThan(0);
    expect(fresh).not.toBe(old);
    expect((await backend.indexer.target())!.index).toBe(fresh);
    expect(await count()).toBe(before);
    const gone = await backend.client.request('GET', `/${old}`, undefined, [404]);
    expect(gone.status).toBe(404);
  });
});
