import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDocument } from '../../library/documents';
import type { Db } from '../../library/store';
import { driverCases, type TestLibrary } from '../../library/store/test-drivers';
import { Ingestor, prepareDocument } from '../pipeline';
import { crawlIntoLibrary } from './crawl-into-library';
import { crawlSite, type CrawledPage, type CrawlEvent } from './crawl-site';
import { crawledPageToItem } from './crawled-item';

/** A small government site on 127.0.0.1, and a second "other site" that must never be asked. */
interface Site {
  server: Server;
  base: string;
  hits: string[];
  robotsStatus: number;
}

function page(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_示例市人民政府</title>${head}</head>
<body><div class="nav"><a href="/">首页</a></div><div class="article"><h1>${title}</h1>${body}</div>
<div class="footer">版权所有 示例市人民政府</div></body></html>`;
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, site: Site) => void,
): Promise<Site> {
  const site = { hits: [] as string[], robotsStatus: 200 } as Site;
  site.server = createServer((req, res) => {
    site.hits.push(req.url ?? '');
    handler(req, res, site);
  });
  await new Promise<void>((r) => site.server.listen(0, '127.0.0.1', r));
  site.base = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  return site;
}

const closeSite = (s: Site) =>
  new Promise<void>((r) => {
    s.server.closeAllConnections();
    s.server.close(() => r());
  });

// The crawl state (frontier, seen set) lives in the library: every driver keeps it.
for (const driver of driverCases()) describe(`crawlSite on a local site, state on ${driver.name}`, () => {
  let lib: TestLibrary;
  let db: Db;
  let site: Site;
  let other: Site;

  beforeAll(async () => {
    lib = await driver.open();
    db = lib.db;
    other = await listen((_req, res) => res.end('other site'));
    site = await listen((req, res, s) => {
      const html = (body: string, status = 200) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(body);
      };
      const para =
        '<p>为进一步优化营商环境，现将有关事项通知如下。各单位要认真贯彻落实，确保各项措施落到实处。</p>';
      switch (req.url) {
        case '/robots.txt':
          res.writeHead(s.robotsStatus, { 'content-type': 'text/plain' });
          return res.end(
            'User-agent: *\nDisallow: /\n\nUser-agent: ZhiwenBot\nDisallow: /private/\nAllow: /private/open.html\nCrawl-delay: 0.001\n',
          );
        case '/':
          return html(
            page(
              '首页',
              `<ul><li><a href="/news/1.html">通知一</a></li><li><a href="/news/2.html">通知二</a></li>
            <li><a href="/private/secret.html">内部</a></li><li><a href="/private/open.html">公开</a></li>
            <li><a href="${other.base}/x.html">外站</a></li><li><a href="/logo.png">图</a></li><li><a href="/redirect">旧址</a></li>
            <li><a href="/news/1.html#top">通知一</a></li><li><a href="/big.html">大</a></li><li><a href="/slow.html">慢</a></li>
            <li><a href="/gbk.html">GBK</a></li><li><a href="/gone.html">已删除</a></li></ul>`,
            ),
          );
        case '/news/1.html':
          return html(
            page(
              '关于做好2024年度社会保险工作的通知',
              `${para}<a href="/news/deep.html">下一篇</a><a href="/">首页</a>`,
            ),
          );
        case '/news/2.html':
          return html(
            page(
              '通知二',
              `${para}<a href="/news/hidden.html">隐藏</a>`,
              '<meta name="robots" content="nofollow">',
            ),
          );
        case '/news/3.html':
        case '/news/deep.html':
        case '/private/open.html':
        case '/orphan.html':
          return html(page(`页面${req.url}`, para));
        case '/redirect':
          res.writeHead(301, { location: '/news/3.html' });
          return res.end();
        case '/big.html':
          return html(page('大', para.repeat(400)));
        case '/slow.html':
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('<html>');
          return; // never finishes
        case '/gbk.html': {
          res.writeHead(200, { 'content-type': 'text/html; charset=GBK' });
          return res.end(
            iconv.encode(
              page('关于公布行政许可事项清单的通知', para).replace('charset="utf-8"', 'charset="gbk"'),
              'gbk',
            ),
          );
        }
        case '/sitemap.xml':
          res.writeHead(200, { 'content-type': 'application/xml' });
          return res.end(
            `<?xml version="1.0"?><sitemapindex><sitemap><loc>${s.base}/sitemap-pages.xml</loc></sitemap></sitemapindex>`,
          );
        case '/sitemap-pages.xml':
          res.writeHead(200, { 'content-type': 'application/xml' });
          return res.end(`<urlset><url><loc>${s.base}/orphan.html</loc></url><url><loc>${s.base}/news/1.html</loc></url>
            <url><loc>${other.base}/elsewhere.html</loc></url></urlset>`);
        default:
          return html(page('页面不存在', '<p>404</p>'), 404);
      }
    });
  });
  afterAll(async () => {
    await closeSite(site);
    await closeSite(other);
    await lib?.dispose();
  });

  // The test sites listen on loopback, which the crawler refuses unless allowed (address-guard.test.ts).
  const options = { requestsPerSecond: 50, timeoutMs: 400, maxBytes: 20_000, allowHosts: ['127.0.0.1'] };
  async function collect(start: string, opts: Parameters<typeof crawlSite>[2], stopAfter = Infinity) {
    const pages: CrawledPage[] = [];
    const events: CrawlEvent[] = [];
    const run = crawlSite(db, start, opts, (e) => events.push(e));
    for (;;) {
      if (pages.length >= stopAfter) {
        await run.return(undefined as never);
        return { pages, events, summary: null };
      }
      const next = await run.next();
      if (next.done) return { pages, events, summary: next.value };
      pages.push(next.value);
    }
  }
  const paths = (pages: CrawledPage[]) => pages.map((p) => new URL(p.url).pathname);

  it('crawls the site breadth first within scope, robots.txt, size cap and timeout', async () => {
    const { pages, events, summary } = await collect(`${site.base}/`, { ...options, key: 'full' });
    expect(paths(pages)).toEqual([
      '/',
      '/news/1.html',
      '/news/2.html',
      '/private/open.html',
      '/gbk.html',
      '/gone.html',
      '/news/3.html',
      '/news/deep.html',
    ]);
    expect(pages.find((p) => p.url.endsWith('/gone.html'))!.status).toBe(404);
    expect(site.hits).not.toContain('/private/secret.html');
    expect(site.hits).not.toContain('/news/hidden.html');
    expect(site.hits).not.toContain('/logo.png');
    expect(site.hits.filter((h) => h === '/robots.txt')).toHaveLength(1);
    expect(other.hits).toEqual([]);
    const reasons = Object.fromEntries(events.map((e) => [new URL(e.url).pathname, e.reason]));
    expect(reasons).toMatchObject({
      '/private/secret.html': 'disallowed by robots.txt',
      '/redirect': expect.stringContaining('redirects to'),
      '/big.html': expect.stringContaining('20000-byte cap'),
      '/slow.html': expect.stringContaining('timed out'),
    });
    expect(summary).toMatchObject({
      stoppedBy: 'frontier-empty',
      counts: { queued: 0, fetched: 8, skipped: 2, failed: 2 },
    });
  });

  it('keeps the Content-Type so a GBK page decodes into a clean document', async () => {
    const { pages } = await collect(`${site.base}/gbk.html`, { ...options, key: 'gbk', maxDepth: 0 });
    expect(pages[0].contentType).toBe('text/html; charset=GBK');
    const outcome = await crawledPageToItem(pages[0], 'example-city');
    expect(outcome).toMatchObject({
      kind: 'item',
      item: {
        document: {
          externalId: `${site.base}/gbk.html`,
          title: expect.stringContaining('行政许可事项清单'),
          body: expect.stringContaining('营商环境'),
        },
      },
    });
    const { rows } = await db.query<{ content_type: string }>(
      `SELECT content_type FROM crawl_urls WHERE url = $1`,
      [`${site.base}/gbk.html`],
    );
    expect(rows.map((r) => r.content_type)).toContain('text/html; charset=GBK');
    expect(await crawledPageToItem({ ...pages[0], status: 404 }, 'x')).toEqual({ kind: 'gone' });
  });

  it('resumes from the saved frontier: no page twice, none missed', async () => {
    const first = await collect(`${site.base}/`, { ...options, key: 'resume', maxPages: 3 });
    expect(first.summary).toMatchObject({ stoppedBy: 'max-pages', fetchedThisRun: 3 });
    // A consumer that stops after one page: that page was not acknowledged and comes again.
    const interrupted = await collect(`${site.base}/`, { ...options, key: 'resume' }, 1);
    const rest = await collect(`${site.base}/`, { ...options, key: 'resume' });
    expect(paths(rest.pages)[0]).toBe(paths(interrupted.pages)[0]);
    // Batches make the order only roughly breadth first across runs: compare as sets, duplicates kept.
    expect([...paths(first.pages), ...paths(rest.pages)].sort()).toEqual([
      '/',
      '/gbk.html',
      '/gone.html',
      '/news/1.html',
      '/news/2.html',
      '/news/3.html',
      '/news/deep.html',
      '/private/open.html',
    ]);
  });

  it('starts from a sitemap index, staying on the site', async () => {
    const { pages } = await collect(`${site.base}/sitemap.xml`, { ...options, key: 'sitemap', maxDepth: 0 });
    expect(paths(pages)).toEqual(['/orphan.html', '/news/1.html']);
    expect(other.hits).toEqual([]);
  });

  it('stops with a clear error when robots.txt answers 5xx', async () => {
    site.robotsStatus = 503;
    try {
      await expect(collect(`${site.base}/`, { ...options, key: 'robots-down' })).rejects.toMatchObject({
        code: 'ROBOTS_UNREACHABLE',
      });
    } finally {
      site.robotsStatus = 200;
    }
  });

  it('stores what it crawls through the Ingestor, one page at a time, and withdraws a page that is gone', async () => {
    const gone = `${site.base}/gone.html`;
    await upsertDocument(db, prepareDocument({ externalId: gone, siteCode: 'crawl-city', title: '旧页面', body: '已删除的页面。', infoType: '其他' }));
    const ingestor = new Ingestor(db);
    const run = () => crawlIntoLibrary(db, ingestor, `${site.base}/`, { ...options, key: 'into-library', site: 'crawl-city', restart: true });
    const { summary, tally } = await run();
    expect(summary.counts.fetched).toBe(8);
    // Seven 200 pages stored (/, news 1-3, deep, open, gbk); the 404 withdrew the document stored before.
    expect(tally).toMatchObject({ added: 7, updated: 0, withdrawn: 1, notStored: 0 });
    const { rows } = await db.query<{ external_id: string; status: string; code: string }>(
      `SELECT d.external_id, d.status, s.code FROM documents d JOIN sites s ON s.id = d.site_id
        WHERE d.external_id LIKE $1 ORDER BY d.external_id`,
      [`${site.base}/%`],
    );
    expect(rows.filter((r) => r.status === 'active').map((r) => new URL(r.external_id).pathname)).toEqual([
      '/', '/gbk.html', '/news/1.html', '/news/2.html', '/news/3.html', '/news/deep.html', '/private/open.html',
    ]);
    expect(rows.find((r) => r.external_id === gone)?.status).toBe('withdrawn');
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(['crawl-city']));
    // Crawled again from the start: nothing changed, nothing stored twice.
    expect((await run()).tally).toMatchObject({ added: 0, unchanged: 7, withdrawn: 0 });
  });
});
