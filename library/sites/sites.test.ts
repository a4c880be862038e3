/**
 * The site registry through its front doors: import validation, list, lookup by domain, ingest that
 * names sites by registered code or domain (rejecting, or using the default site, otherwise), and
 * scope=region over documents of an imported site list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openLibrary, type Db } from '../store';
import { findSite, findSiteByDomain, importSites, listRegisteredSites, SiteResolver } from '.';
import { ingestItems, LibraryWriter } from '../../ingest/pipeline';
import { pageToFeedItem, type FeedItem } from '../../ingest/feeds';
import { SearchService } from '../../retrieval/search';
import { buildApp } from '../../api/app';
import { composeServices } from '../../api/compose';

const TOKEN = 'sites-test-token';
const BODY = '各区人民政府：\n为做好防汛抗旱工作，现将有关事项通知如下。\n一、加强值守，落实防汛责任。\n二、排查隐患，做好物资储备。';

const LIST = [
  { code: '9901020001', name: '示例市东湖区人民政府', level: 'county', parentCode: '9901000001', regionCode: '990102', domains: 'dh.example-city.gov.cn' },
  { code: '9901000001', name: '示例市人民政府', level: 'city', regionCode: '990100', domains: ['www.example-city.gov.cn', 'example-city.gov.cn'], columns: '政务公开/政策文件' },
  { code: '9902000001', name: '样板市人民政府', level: 'city', regionCode: '990200', domains: 'www.sample-town.gov.cn' },
];

async function* items(...list: FeedItem[]): AsyncGenerator<FeedItem> {
  yield* list;
}
const doc = (id: string, siteCode: string, title = '关于防汛抗旱工作的通知'): FeedItem => ({
  source: 'feed.jsonl', lineNumber: 1, id, document: { externalId: id, siteCode, title, body: BODY, infoType: '政策文件' },
});
const siteOf = async (db: Db, externalId: string) =>
  (await db.query<{ code: string }>('SELECT s.code FROM documents d JOIN sites s ON s.id = d.site_id WHERE d.external_id = $1', [externalId])).rows[0]?.code;

describe('site registry', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openLibrary();
  });
  afterAll(async () => db?.close());

  it('imports a list whose parent comes later, and rejects bad rows with their reasons', async () => {
    const result = await importSites(db, [
      ...LIST,
      { code: '../../etc/passwd', name: 'x' },
      { code: '9903000001', name: '坏区划', regionCode: '99030' },
      { code: '9904000001', name: '孤儿', parentCode: '9999999999' },
      { code: '9902000001', name: '重复' },
      { code: '9905000001', name: '抢域名', domains: 'www.sample-town.gov.cn' },
      { code: '9906000001', name: '坏级别', level: 'village' },
    ]);
    expect(result.added).toBe(3);
    expect(result.rejected.map((r) => [r.row, r.reason])).toEqual([
      [4, expect.stringContaining('is not a 网站标识码')],
      [5, expect.stringContaining('is not a 行政区划代码')],
      [6, expect.stringContaining('parent 9999999999 is not registered')],
      [7, expect.stringContaining('given twice (first in row 3)')],
      [8, expect.stringContaining('belongs to site 9902000001')],
      [9, expect.stringContaining('level "village"')],
    ]);
    const county = await findSite(db, '9901020001');
    expect(county).toMatchObject({ level: 'county', parentCode: '9901000001', regionCode: '990102', domains: ['dh.example-city.gov.cn'] });
    expect((await findSite(db, '9901000001'))?.columns).toEqual(['政务公开/政策文件']);
    expect((await listRegisteredSites(db)).map((s) => s.code)).toEqual(['9901000001', '9901020001', '9902000001']);
    const again = await importSites(db, [{ ...LIST[2], name: '样板市人民政府（改）' }]);
    expect(again).toEqual({ added: 0, updated: 1, rejected: [] });
  });

  it('finds a site by its domain or a parent domain, not by a look-alike', async () => {
    expect((await findSiteByDomain(db, 'https://dh.example-city.gov.cn/a.html'))?.code).toBe('9901020001');
    expect((await findSiteByDomain(db, 'zwgk.example-city.gov.cn'))?.code).toBe('9901000001');
    expect(await findSiteByDomain(db, 'evil-example-city.gov.cn')).toBeNull();
    expect(await findSiteByDomain(db, 'blog.163.com')).toBeNull();
  });

  it('ingest rejects an unregistered site with the reason, and stores it under the default site when configured', async () => {
    const strict = new LibraryWriter(db, { sites: new SiteResolver(db) });
    const summary = await ingestItems(db, items(doc('by-code', '9902000001'), doc('by-host', 'news.163.com', '新闻一则关于防汛')), { writer: strict });
    expect(summary.added).toBe(1);
    expect(summary.rejected).toEqual([expect.objectContaining({
      id: 'by-host', reason: 'site news.163.com is not registered: import it with `zhiwen sites import`, or set ZHIWEN_DEFAULT_SITE',
    })]);
    expect(await siteOf(db, 'by-host')).toBeUndefined();
    const withDefault = new LibraryWriter(db, { sites: new SiteResolver(db, { defaultSite: '9902000001' }) });
    const second = await ingestItems(db, items(doc('by-host', 'news.163.com', '新闻一则关于防汛')), { writer: withDefault });
    expect(second.added).toBe(1);
    expect(await siteOf(db, 'by-host')).toBe('9902000001');
    expect((await listRegisteredSites(db)).map((s) => s.code)).not.toContain('news.163.com');
  });

  it('names a saved page by the registered domain of its URL, and --site wins over the host', async () => {
    const html = Buffer.from(`<html><head><title>关于加强值守的通知</title><meta name="url" content="https://dh.example-city.gov.cn/zwgk/1.html"></head><body><div class="content"><p>${BODY.repeat(3)}</p></div></body></html>`);
    const item = pageToFeedItem(html, 'page.html', { relativePath: 'page.html', defaultSite: 'page', hint: { url: 'https://dh.example-city.gov.cn/zwgk/1.html' } });
    const writer = new LibraryWriter(db, { sites: new SiteResolver(db) });
    const summary = await ingestItems(db, items(item), { writer });
    expect(summary.rejected).toEqual([]);
    expect(await siteOf(db, item.id!)).toBe('9901020001');
    // What `zhiwen crawl --site 9902000001` does: the option names the site, whatever the host.
    const forced = { ...item, id: 'forced', document: { ...item.document!, externalId: 'forced', siteCode: '9902000001' } };
    await ingestItems(db, items(forced), { writer });
    expect(await siteOf(db, 'forced')).toBe('9902000001');
  });
});

describe('scope=region over an imported site list', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openLibrary();
    await importSites(db, LIST);
    const writer = new LibraryWriter(db, { sites: new SiteResolver(db) });
    await ingestItems(db, items(
      doc('city-1', '9901000001'),
      doc('county-1', 'dh.example-city.gov.cn', '东湖区关于防汛抗旱工作的通知'),
      doc('other-city', '9902000001', '样板市关于防汛抗旱工作的通知'),
    ), { writer });
    const search = new SearchService(db);
    await search.sync();
    app = await buildApp(composeServices({ db, search }), { adminToken: TOKEN, rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('searches the city and its counties, not the other city', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/search', query: { q: '防汛抗旱', site: '9901000001', scope: 'region' } });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { results: Array<{ id: string }> }).results.map((r) => r.id).sort();
    expect(ids).toEqual(['city-1', 'county-1']);
  });

  it('admin routes list, show and import sites behind the token', async () => {
    const headers = { 'x-zhiwen-admin-token': TOKEN };
    expect((await app.inject({ method: 'GET', url: '/v1/admin/sites' })).statusCode).toBe(401);
    const list = await app.inject({ method: 'GET', url: '/v1/admin/sites', headers });
    expect((list.json() as { sites: Array<{ code: string }> }).sites.map((s) => s.code)).toEqual(['9901000001', '9901020001', '9902000001']);
    expect((await app.inject({ method: 'GET', url: '/v1/admin/sites/9901020001', headers })).json()).toMatchObject({ regionCode: '990102' });
    expect((await app.inject({ method: 'GET', url: '/v1/admin/sites/9999999999', headers })).statusCode).toBe(404);
    const posted = await app.inject({
      method: 'POST', url: '/v1/admin/sites', headers,
      payload: [{ 网站标识码: '9901030001', 网站名称: '示例市西湖区人民政府', level: 'county', 上级网站标识码: '9901000001', 行政区划代码: '990103' }, { code: 'bad' }],
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ added: 1, updated: 0, rejected: [{ row: 2, reason: expect.stringContaining('is not a 网站标识码') }] });
  });
});
