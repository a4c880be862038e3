// Stored values are input too (issue 15): a feed can carry a `javascript:`, `data:` or `vbscript:` URL and
// markup in a title, written with full-width brackets that width folding would turn into real ones.
// Whatever the library holds, only http(s) URLs and no live markup leave the public API.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestItems, LibraryWriter } from '../ingest/pipeline';
import { upsertSite } from '../library/documents';
import type { DocumentInput } from '../library/model/document';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

const BODY = '一、申领条件\n在本市参加社会保险的人员均可申领社会保障卡。\n二、办理地点\n各区政务服务中心人社窗口，工作日办理。';
const HOSTILE_URLS = ['javascript:alert(document.cookie)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '\tjavascript:alert(1)', '//evil.example/x', '/relative/page.html'];
const docs: DocumentInput[] = [
  ...HOSTILE_URLS.map((url, i): DocumentInput => ({ externalId: `url-${i}`, siteCode: 'city', infoType: '办事指南', title: `社会保障卡申领指南（第${i + 1}版）`, url, body: BODY })),
  { externalId: 'markup', siteCode: 'city', infoType: '政策文件', title: '<img src=x onerror=alert(1)>社会保障卡管理办法', url: 'https://rsj.example.gov.cn/a.html', body: BODY },
  { externalId: 'wide-markup', siteCode: 'city', infoType: '政策文件', title: '＜img src=x onerror=alert(2)＞社会保障卡服务规定', url: 'https://rsj.example.gov.cn/b.html', body: BODY },
];

/** Every string anywhere in a JSON value, with its path. */
function strings(value: unknown, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}/${k}`));
  return [];
}

describe('hostile stored values never leave the API live', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'city', name: '某某市人民政府', level: 'city' });
    const writer = new LibraryWriter(db);
    async function* items() {
      for (const d of docs) yield { source: 'test', id: d.externalId, document: d };
    }
    await ingestItems(db, items(), { writer, prepare: { referenceDate: '2024-01-01' } });
    const search = new SearchService(db);
    await search.sync();
    app = await buildApp(composeServices({ db, search }), { rateLimitPerMinute: 0, publicUrl: 'https://zhiwen.example.gov.cn' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /**
   * What must never leave: a link that is not http(s), a script scheme anywhere, a tag other than <em>
   * in a field that is HTML by contract (…Html, snippet), and a tag folding made of ＜＞ in plain text.
   * Plain text fields (title) keep an ASCII `<` as published: they are text by contract (api/schemas).
   */
  const check = (body: unknown) => {
    const bad: string[] = [];
    for (const [at, s] of strings(body)) {
      const key = at.slice(at.lastIndexOf('/') + 1);
      if (/^(url|href|link|sourceUrl|pageUrl)$/iu.test(key) && !/^https?:\/\//u.test(s)) bad.push(`${at}: ${s}`);
      if (/(javascript|vbscript|data):/iu.test(s)) bad.push(`${at}: ${s}`);
      if ((/Html$/u.test(key) || key === 'snippet') && /<(?!\/?em>)/u.test(s)) bad.push(`${at}: ${s}`);
      if (s.includes('alert(2)') && !s.includes('＜img src=x onerror=alert(2)＞')) bad.push(`${at}: ${s} (folded into markup)`);
    }
    return bad;
  };

  it('search results carry http(s) URLs, and titles as published, never folded into markup', async () => {
    const res = await app.inject({ url: '/v1/search', query: { q: '社会保障卡', limit: '50' } });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; results: Array<{ title: string; url: string }> }>();
    expect(body.total).toBeGreaterThanOrEqual(docs.length - 2);
    // Shown as published: the full-width brackets stay, the ASCII ones are text (escaped in titleHtml).
    expect(body.results.map((r) => r.title)).toEqual(expect.arrayContaining(['＜img src=x onerror=alert(2)＞社会保障卡服务规定', '<img src=x onerror=alert(1)>社会保障卡管理办法']));
    // A hostile source URL gives way to the document's page on this API.
    expect(body.results.filter((r) => r.url.startsWith('https://zhiwen.example.gov.cn/d/')).length).toBeGreaterThanOrEqual(HOSTILE_URLS.length);
    expect(check(body)).toEqual([]);
  });

  it('answers, citations, suggestions and policy readings do too', async () => {
    const ask = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '社会保障卡在哪里申领' } });
    expect(ask.statusCode).toBe(200);
    expect(check(ask.json())).toEqual([]);
    const suggest = await app.inject({ url: '/v1/suggest', query: { q: '社会保障卡' } });
    expect(suggest.statusCode).toBe(200);
    expect(check(suggest.json())).toEqual([]);
    for (const id of ['markup', 'wide-markup', 'url-0']) {
      const reading = await app.inject({ url: `/v1/policies/${id}/interpretation` });
      expect([200, 404]).toContain(reading.statusCode);
      expect(check(reading.json()), id).toEqual([]);
    }
  });
});
