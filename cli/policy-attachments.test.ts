/**
 * Issue 18: a page and the attachments it publishes are one policy. A real crawl of a local site
 * stores a notice page and its DOCX attachment; search then shows the page wherever the attachment's
 * words match (with the attachment's passage, and the page's 附件 listed), counts the policy once,
 * and shows the attachment itself again once its page is gone.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../ingest/attachments/test-fixtures';
import { crawlIntoLibrary } from '../ingest/crawl/crawl-into-library';
import { crawledPageToItem } from '../ingest/crawl/crawled-item';
import { Ingestor } from '../ingest/pipeline';
import { importSites } from '../library/sites';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';

const SITE = '9905000001';
const PAGE_PHRASE = '示例市住房保障中心负责受理申请';
const ATTACHMENT_PHRASE = '申请人家庭人均住房建筑面积低于十五平方米';

function noticePage(links: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于公共租赁住房申请的通知_示例市人民政府</title></head>
<body><div class="nav"><a href="/">首页</a></div><div class="article"><h1>关于公共租赁住房申请的通知</h1>
<p>各区人民政府：现将公共租赁住房申请有关事项通知如下。${PAGE_PHRASE}，具体条件见附件。</p>
<p>本通知自发布之日起施行。申请材料和办理流程以附件为准，请各单位认真贯彻落实。</p>
<p>${links}</p></div><div class="footer">版权所有 示例市人民政府</div></body></html>`;
}

describe('a page and its attachments are one policy', () => {
  let server: Server;
  let base: string;
  let db: Db;
  let ingestor: Ingestor;
  let search: SearchService;
  let pageGone = false;

  beforeAll(async () => {
    const docx = await makeDocx(['公共租赁住房申请条件', `一、${ATTACHMENT_PHRASE}。`, '二、申请人及家庭成员在本市无其他住房。']);
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') return res.end('');
      if (req.url === '/zcwj/2026/notice.html') {
        if (pageGone) {
          res.writeHead(404);
          return res.end();
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(noticePage('附件：<a href="/files/tiaojian.docx">附件1：公共租赁住房申请条件</a>'));
      }
      if (req.url === '/files/tiaojian.docx') {
        res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
        return res.end(docx);
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    db = await openLibrary();
    await importSites(db, [{ code: SITE, name: '示例市人民政府（样例）', level: 'city', regionCode: '990500' }]);
    ingestor = new Ingestor(db);
    search = new SearchService(db);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await db?.close();
  });

  const crawl = () =>
    crawlIntoLibrary(db, ingestor, `${base}/zcwj/2026/notice.html`, {
      site: SITE, restart: true, requestsPerSecond: 50, timeoutMs: 2000, allowHosts: ['127.0.0.1'],
    });

  it('shows the page for words only its attachment has, with the passage and the 附件 listed, counted once', async () => {
    const { tally } = await crawl();
    expect(tally.added).toBe(2);
    await search.sync();
    const attachmentUrl = `${base}/files/tiaojian.docx`;
    const pageUrl = `${base}/zcwj/2026/notice.html`;

    const byAttachment = await search.search({ q: ATTACHMENT_PHRASE, limit: 10 });
    expect(byAttachment.total).toBe(1);
    expect(byAttachment.results).toHaveLength(1);
    const [result] = byAttachment.results;
    expect(result.url).toBe(pageUrl);
    expect(result.title).toBe('关于公共租赁住房申请的通知');
    expect(result.snippet.replace(/<\/?em>/g, '')).toContain('人均住房建筑面积');
    expect(result.foundIn).toEqual({ title: '附件1：公共租赁住房申请条件', url: attachmentUrl });
    expect(result.attachments).toEqual([{ title: '附件1：公共租赁住房申请条件', url: attachmentUrl }]);

    // The page's own words: the page, its attachments listed, no passage from elsewhere.
    const byPage = await search.search({ q: PAGE_PHRASE, limit: 10 });
    expect(byPage.results.map((r) => r.url)).toEqual([pageUrl]);
    expect(byPage.results[0].foundIn).toBeUndefined();
    expect(byPage.results[0].attachments).toHaveLength(1);

    // Words of both: still one result, the policy.
    const both = await search.search({ q: '公共租赁住房申请', limit: 10 });
    expect(both.results.filter((r) => r.url === pageUrl || r.url === attachmentUrl)).toHaveLength(1);
  });

  it('shows the attachment itself once its page is withdrawn, and joins them again whichever arrives first', async () => {
    pageGone = true;
    const { tally } = await crawl();
    expect(tally.withdrawn).toBe(1);
    await search.sync();
    const alone = await search.search({ q: ATTACHMENT_PHRASE, limit: 10 });
    expect(alone.results.map((r) => r.url)).toEqual([`${base}/files/tiaojian.docx`]);
    expect(alone.results[0].foundIn).toBeUndefined();
    // Named by pinyin (tiaojian.docx), the attachment takes its title from its text.
    expect(alone.results[0].title).toBe('公共租赁住房申请条件');

    // The page comes back after its attachment was stored: they are one policy again.
    pageGone = false;
    const page = await fetch(`${base}/zcwj/2026/notice.html`);
    const item = await crawledPageToItem(
      { url: page.url, status: 200, headers: {}, contentType: page.headers.get('content-type'), bytes: new Uint8Array(await page.arrayBuffer()), depth: 0, fetchedAt: new Date().toISOString(), noindex: false },
      SITE,
    );
    expect(item.kind).toBe('item');
    if (item.kind === 'item') await ingestor.ingestOne(item.item);
    await search.sync();
    const joined = await search.search({ q: ATTACHMENT_PHRASE, limit: 10 });
    expect(joined.results.map((r) => r.url)).toEqual([`${base}/zcwj/2026/notice.html`]);
  });
});
