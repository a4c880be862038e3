// On a sample of the real corpus (whose documents carry no source URL), 100 search results and the
// citations of real questions all open: a /d/ page answering 200 with the document's title, or an
// http(s) source (not fetched: no network in tests). Bounded: 100 documents, ~40 requests.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonlLine } from '../ingest/feeds';
import { ingestDocumentLines, LibraryWriter } from '../ingest/pipeline';
import { upsertSite } from '../library/documents';
import { openLibrary, type Db } from '../library/store';
import { corpusAvailable, corpusFile } from '../library/testing/corpus';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

const HOST = 'zhiwen.test';
/** Documents taken from the start of each feed (the laws are long: fewer of them keep the test quick). */
const SAMPLE: Array<[file: string, site: string, count: number]> = [
  ['documents/ncp2020_policy_docs.jsonl', 'ncp2020', 45],
  ['documents/laws_lawrefbook.jsonl', 'flk.npc.gov.cn', 10],
  ['documents/taidi2020c_replies.jsonl', 'taidi2020c', 45],
];
const jsonl = (file: string): Array<Record<string, unknown>> =>
  readFileSync(corpusFile(file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe.skipIf(!corpusAvailable)('every search result and citation opens (real corpus sample)', () => {
  let db: Db;
  let app: FastifyInstance;
  const titles = new Map<string, string>();
  beforeAll(async () => {
    db = await openLibrary();
    const writer = new LibraryWriter(db);
    for (const [file, site, count] of SAMPLE) {
      await upsertSite(db, { code: site, name: `${site} 网站`, level: 'department' });
      // A few ncp records have no title: given their text's start, as answer-corpus.test.ts does.
      const records = jsonl(file).slice(0, count).map((r) => ({ ...r, site, title: r.title || String(r.text).trim().slice(0, 30) }));
      async function* lines(): AsyncGenerator<JsonlLine> {
        for (const [i, value] of records.entries()) yield { lineNumber: i + 1, value };
      }
      const summary = await ingestDocumentLines(db, lines(), { writer, defaultSite: site });
      expect(summary.rejected).toEqual([]);
    }
    for (const r of (await db.query<{ external_id: string; title: string }>(`SELECT external_id, title FROM documents WHERE status = 'active'`)).rows) {
      titles.set(r.external_id, r.title);
    }
    const search = new SearchService(db);
    await search.sync();
    app = await buildApp(composeServices({ db, search }), { rateLimitPerMinute: 0, publicUrl: '' });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** Opens a URL the API gave out: a page of this origin through inject (200, titled), anything else must be http(s). */
  const opened = new Map<string, string>();
  async function expectOpens(url: string, externalId: string): Promise<void> {
    const parsed = new URL(url);
    expect(parsed.protocol, url).toMatch(/^https?:$/);
    if (parsed.host !== HOST) return;
    expect(parsed.pathname, url).toMatch(/^\/d\/\d+$/);
    if (!opened.has(parsed.pathname)) {
      const res = await app.inject({ url: parsed.pathname, headers: { host: HOST } });
      expect(res.statusCode, url).toBe(200);
      opened.set(parsed.pathname, res.body);
    }
    const title = titles.get(externalId)!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(opened.get(parsed.pathname), url).toContain(`<h1 id="doc-title">${title}</h1>`);
  }

  it('100 search results, each with a URL that answers 200', async () => {
    const results: Array<{ id: string; url: string }> = [];
    for (const [externalId, title] of titles) {
      if (results.length >= 100) break;
      const res = await app.inject({ url: '/v1/search', query: { q: title.slice(0, 12), limit: '10' }, headers: { host: HOST } });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ results: Array<{ id: string; url: string }> }>().results;
      expect(page.map((r) => r.id), title).toContain(externalId);
      results.push(...page);
    }
    expect(results.length).toBeGreaterThanOrEqual(100);
    for (const r of results.slice(0, 100)) await expectOpens(r.url, r.id);
  }, 120_000);

  it('the citations and related links of real questions open', async () => {
    const sampled = new Set(titles.keys());
    const questions = jsonl('retrieval/ncp2020_policy_qa_gold.jsonl')
      .filter((g) => (g.relevant as string[]).some((id) => sampled.has(id)))
      .slice(0, 12)
      .map((g) => String(g.query));
    expect(questions.length).toBeGreaterThanOrEqual(10);
    let citations = 0;
    for (const question of questions) {
      const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question }, headers: { host: HOST } });
      expect(res.statusCode).toBe(200);
      const answer = res.json<{ citations: Array<{ id: string; url: string }>; related: Array<{ id: string; url: string }> }>();
      citations += answer.citations.length;
      for (const link of [...answer.citations, ...answer.related]) await expectOpens(link.url, link.id);
    }
    expect(citations).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
