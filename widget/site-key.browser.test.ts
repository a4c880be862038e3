// The widget with a site key in Chromium (issue 15): the same host page served from an origin the key
// lists (127.0.0.1:<port>) searches and asks, carrying the signed-in citizen; served from an origin it
// does not list (localhost:<other port>) it says so in Chinese instead of staying blank.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app';
import { composeServices } from '../api/compose';
import { prepareDocument } from '../ingest/pipeline';
import { upsertDocument, upsertSite } from '../library/documents';
import { createSiteKey, signCitizenToken } from '../library/site-keys';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { ensureWidgetBundle } from './build';
import { hasChromium, launchChromium, SCREENSHOTS, watchPage } from './testing/browser';
import { startHostPage, type HostPage } from './testing/host-page';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe.skipIf(!hasChromium)('<zhiwen-search site-key> in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let api: string;
  let allowed: HostPage;
  let refused: HostPage;
  let browser: Browser;
  let page: Page | undefined;
  const problems: string[] = [];
  let key = '';
  let citizen = '';

  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', regionCode: '330100' });
    await upsertSite(db, { code: 'city-b', name: '乙市', level: 'city', regionCode: '330200' });
    for (const [id, site, title] of [['a', 'city-a', '甲市居住证办理指南'], ['b', 'city-b', '乙市居住证办理指南']]) {
      await upsertDocument(db, prepareDocument({ externalId: `doc-${id}`, siteCode: site, infoType: '通知公告', title, url: `https://www.${site}.gov.cn/${id}.html`, body: `${title}：申请居住证需携带身份证和居住证明，到居住地派出所办理，十五个工作日内发证。` }));
    }
    const search = new SearchService(db);
    await search.sync();
    const widget = await ensureWidgetBundle();
    app = await buildApp(composeServices({ db, search }), { widgetFile: widget.file, rateLimitPerMinute: 0 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Two listeners, two origins: the key lists only the first.
    const attributes = () => `site-key="${key}" citizen-token="${citizen}"`;
    allowed = await startHostPage(api, { attributes });
    refused = await startHostPage(api, { attributes, host: 'localhost' });
    const made = await createSiteKey(db, { kind: 'cli', id: null, name: 'test' }, { siteCode: 'city-a', origins: [allowed.origin] });
    key = made.key.key;
    // What the city's backend does for a signed-in citizen (docs/site-keys.md).
    citizen = signCitizenToken(made.signingSecret, { site: 'city-a', sub: 'citizen-0042', exp: Math.floor(Date.now() / 1000) + 900 });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterEach(async () => {
    await page?.close();
    page = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await allowed?.close();
    await refused?.close();
    await app?.close();
    await db?.close();
  });

  const open = async (host: HostPage, expectedFailures: string[] = []) => {
    problems.length = 0;
    page = await browser.newPage({ viewport: { width: 800, height: 700 } });
    watchPage(page, problems, expectedFailures);
    await page.goto(`${host.origin}/embed.html`);
    await page.locator('zhiwen-search input[type=search]').waitFor();
    return page;
  };
  const searchFor = async (p: Page, q: string) => {
    const done = p.waitForResponse((r) => r.url().startsWith(`${api}/v1/search?`));
    await p.locator('zhiwen-search input[type=search]').fill(q);
    await p.locator('zhiwen-search input[type=search]').press('Enter');
    const res = await done;
    await poll(() => p.locator('zhiwen-search .results-area').getAttribute('aria-busy')).toBeNull();
    return res;
  };

  it('searches and asks from an origin the key lists, only within its site, carrying the citizen', async () => {
    const p = await open(allowed);
    expect(new URL(allowed.origin).origin).not.toBe(new URL(api).origin);
    const res = await searchFor(p, '居住证');
    expect(res.status()).toBe(200);
    expect(await res.request().headerValue('x-zhiwen-key')).toBe(key);
    expect(res.headers()['access-control-allow-origin']).toBe(allowed.origin);
    const results = p.locator('zhiwen-search ol.results > li .title > a');
    await poll(() => results.allTextContents()).toEqual(['甲市居住证办理指南']); // the key's site only
    await p.screenshot({ path: path.join(SCREENSHOTS, 'site-key-allowed.png'), fullPage: true });

    const tabs = p.locator('zhiwen-search').getByRole('tablist');
    await tabs.getByRole('tab', { name: '问一问' }).click();
    const answered = p.waitForResponse((r) => r.url() === `${api}/v1/ask`);
    const box = p.locator('zhiwen-search').getByRole('textbox', { name: '您的问题' });
    await box.fill('居住证怎么办理');
    await box.press('Enter');
    const ask = await answered;
    expect(ask.status()).toBe(200);
    await poll(() => p.locator('zhiwen-search .answer-area').getAttribute('aria-busy')).toBeNull();
    const logged = await db.query<{ citizen_subject: string; site_code: string }>('SELECT citizen_subject, site_code FROM answer_log');
    expect(logged.rows).toEqual([{ citizen_subject: 'citizen-0042', site_code: 'city-a' }]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows a clear Chinese message on an origin the key does not list, with nothing found or logged', async () => {
    const p = await open(refused, [`${api}/v1/`]);
    expect(refused.origin).toMatch(/^http:\/\/localhost:\d+$/);
    const res = await searchFor(p, '居住证');
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('ORIGIN_NOT_ALLOWED');
    const alert = p.locator('zhiwen-search').getByRole('alert');
    await poll(() => alert.textContent()).toBe('本网站未获授权使用此搜索服务（站点密钥不允许当前网址），请联系网站管理员。');
    expect(await p.locator('zhiwen-search ol.results').count()).toBe(0);
    await p.screenshot({ path: path.join(SCREENSHOTS, 'site-key-refused.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
