// The widget in a real browser (Debian's Chromium driven by playwright-core; never downloaded), over
// the real API on the sample city, embedded with one tag in a page from another origin (real CORS).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app';
import { composeServices } from '../api/compose';
import { prepareDocument } from '../ingest/pipeline';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { upsertDocument } from '../library/documents';
import { createSiteKey } from '../library/site-keys';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { ensureWidgetBundle } from './build';
import { CHROMIUM, hasChromium, launchChromium, SCREENSHOTS, watchPage } from './testing/browser';
import { startHostPage, type HostPage } from './testing/host-page';

if (!hasChromium) console.warn(`widget browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set ZHIWEN_CHROMIUM)`);
/** Waits for the page (up to 10 s: the test machine is shared); a wrong value fails with both values. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
/** An API address nothing listens on (port 9, discard): the host page's CSP allows it, so the failure is the network's. */
const DEAD_API = 'http://127.0.0.1:9';

describe.skipIf(!hasChromium)('<zhiwen-search> in Chromium, embedded on another origin', () => {
  let db: Db;
  let app: FastifyInstance;
  let api: string;
  let host: HostPage;
  let browser: Browser;
  let page: Page;
  /** Console errors, page errors and dialogs of the current test's pages: each test must end with none. */
  const problems: string[] = [];
  /** URLs whose failure the current test provokes on purpose (Chromium logs a failed load as a console error). */
  const expectedFailures: string[] = [];

  const openPage = async (url: string, viewport = { width: 800, height: 900 }) => {
    const p = await browser.newPage({ viewport });
    watchPage(p, problems, expectedFailures);
    await p.goto(url);
    await p.locator('zhiwen-search input[type=search]').waitFor();
    return p;
  };
  const widget = () => page.locator('zhiwen-search');
  const search = async (q: string) => {
    const done = page.waitForResponse((r) => r.url().startsWith(`${api}/v1/search?`));
    await widget().locator('input[type=search]').fill(q);
    await widget().locator('input[type=search]').press('Enter');
    await done;
    await poll(() => widget().locator('.results-area').getAttribute('aria-busy')).toBeNull();
  };
  const apiSearch = async (query: Record<string, string>) => {
    const res = await app.inject({ url: '/v1/search', query: { site: '9901000001', scope: 'region', limit: '10', ...query } });
    return res.json<{ results: Array<{ title: string; current: boolean }>; facets: Record<string, Array<{ value: string }>> }>();
  };

  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    // A document without a source URL (most real ones): its title must still open, on the API's page for it.
    await upsertDocument(db, prepareDocument({
      externalId: 'no-url', siteCode: '9901000001', infoType: '通知公告', title: '示例市图书馆延长开放时间的通知',
      body: '自下月起，示例市图书馆每周五开放至晚上九点。', extra: { sample: true },
    }));
    const searchService = new SearchService(db);
    await searchService.sync();
    const widget = await ensureWidgetBundle();
    app = await buildApp(composeServices({ db, search: searchService }), { widgetFile: widget.file });
    await app.listen({ host: '127.0.0.1', port: 0 });
    api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Another origin calls the API only with a site key listing it (api/site-keys): made once the page's origin is known.
    let siteKey = '';
    host = await startHostPage(api, { connectTo: [DEAD_API], attributes: () => `site="9901000001" scope="region" site-key="${siteKey}"` });
    // Platform-wide, so a page naming another site still meets that site's own errors (UNKNOWN_SITE below).
    siteKey = (await createSiteKey(db, { kind: 'cli', id: null, name: 'test' }, { siteCode: '9901000001', scope: 'platform', origins: [host.origin] })).key.key;
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  // Each test starts on a freshly loaded host page, so it passes or fails on its own, in any order.
  beforeEach(async () => {
    problems.length = 0;
    expectedFailures.length = 0;
    page = await openPage(`${host.origin}/embed.html`);
  });
  afterEach(async () => {
    await page?.close();
    expect(problems, 'console errors, page errors or dialogs during this test').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await app?.close();
    await db?.close();
  });

  it('counts a console error, an uncaught page error and a dialog as problems (what each test ends checking)', async () => {
    await page.evaluate(() => {
      console.error('provoked console error');
      setTimeout(() => {
        throw new Error('provoked page error');
      });
      alert('provoked dialog');
    });
    await poll(() => problems.length).toBe(3);
    expect(problems.join('\n')).toMatch(/console\.error: provoked console error[\s\S]*dialog opened: provoked dialog|dialog opened: provoked dialog[\s\S]*console\.error: provoked console error/);
    expect(problems.join('\n')).toContain('page error: provoked page error');
    problems.length = 0;
  });

  it('loads from the API origin with one tag and searches it over CORS', async () => {
    expect(new URL(api).origin).not.toBe(host.origin);
    const response = page.waitForResponse((r) => r.url().startsWith(`${api}/v1/search?`));
    await search('社保卡');
    const res = await response;
    expect(await res.request().headerValue('origin')).toBe(host.origin);
    expect(res.headers()['access-control-allow-origin']).toBe(host.origin);
    expect(new URL(res.url()).searchParams.get('site')).toBe('9901000001');
    expect(new URL(res.url()).searchParams.get('scope')).toBe('region');
  });

  it('shows results in the order of the API, with highlighted titles and snippets', async () => {
    await search('社会保障卡 申领');
    const expected = (await apiSearch({ q: '社会保障卡 申领' })).results.map((r) => r.title);
    expect(expected[0]).toBe('社会保障卡申领办事指南');
    const titles = widget().locator('ol.results > li .title > a');
    expect(await titles.allTextContents()).toEqual(expected);
    expect(await widget().locator('ol.results > li').first().locator('.title em').count()).toBeGreaterThan(0);
    expect(await widget().locator('ol.results > li').first().locator('.snippet em').count()).toBeGreaterThan(0);
    await poll(() => widget().locator('.status').first().textContent()).toMatch(/^找到 \d+ 条结果/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-results.png'), fullPage: true });
  });

  it('inserts only the API\'s <em> markup: a query full of HTML stays text', async () => {
    await search('<img src=x onerror=alert(1)><b>社保卡</b>');
    expect(await widget().locator('img, b, script').count()).toBe(0);
    expect(await widget().locator('ol.results em').count()).toBeGreaterThan(0);
  });

  it('labels expired documents 已失效 and filters with facet chips', async () => {
    await search('调整退休人员基本养老金的通知');
    const expected = (await apiSearch({ q: '调整退休人员基本养老金的通知' })).results;
    const items = widget().locator('ol.results > li');
    for (const [i, r] of expected.entries()) {
      expect(await items.nth(i).locator('.badge', { hasText: '已失效' }).count()).toBe(r.current ? 0 : 1);
    }
    expect(expected.some((r) => !r.current)).toBe(true);

    await search('社保卡');
    const chips = widget().getByRole('list', { name: '按类别筛选' });
    const first = (await apiSearch({ q: '社保卡' })).facets.infoType[0].value;
    await chips.getByRole('button', { name: new RegExp(`^${first}`) }).click();
    await poll(() => chips.getByRole('button', { name: new RegExp(`^${first}`) }).getAttribute('aria-pressed')).toBe('true');
    const filtered = (await apiSearch({ q: '社保卡', infoType: first })).results.map((r) => r.title);
    await poll(() => widget().locator('ol.results > li .title').allTextContents()).toEqual(filtered);
  });

  it('shows the API\'s correction: 您是不是要找, or which query the results are for', async () => {
    const { correction } = (await apiSearch({ q: '社宝卡' })) as { correction?: { query: string; applied: boolean } };
    expect(correction?.query).toBe('社保卡');
    await search('社宝卡');
    if (correction?.applied) {
      await poll(() => widget().locator('.results-area .notice').first().textContent()).toContain('以下是“社保卡”的结果');
      return;
    }
    const notice = widget().locator('.notice', { hasText: '您是不是要找' });
    await poll(() => notice.count()).toBe(1);
    await notice.getByRole('button', { name: '社保卡' }).click();
    await poll(() => widget().locator('input[type=search]').inputValue()).toBe('社保卡');
  });

  it('navigates suggestions with ↑ ↓ Enter Esc as an ARIA combobox', async () => {
    const input = widget().locator('input[type=search]');
    const listbox = widget().getByRole('listbox');
    await input.fill('');
    // The list for 社 (not the hot searches shown first): arrows pressed before it comes would be reset by it.
    const loaded = page.waitForResponse((r) => r.url().startsWith(`${api}/v1/suggest?`) && new URL(r.url()).searchParams.get('q') === '社');
    await input.pressSequentially('社', { delay: 30 });
    await loaded;
    await poll(() => listbox.getByRole('option').first().textContent()).toContain('社');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const options = listbox.getByRole('option');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await input.press('ArrowUp');
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await options.nth(0).getAttribute('id'));
    await input.press('Escape');
    expect(await listbox.isVisible()).toBe(false);
    expect(await input.getAttribute('aria-expanded')).toBe('false');

    await input.fill('');
    await input.pressSequentially('sbk', { delay: 30 }); // initials of 社保卡
    await poll(() => listbox.getByRole('option').allTextContents()).toContain('社保卡');
    const index = (await listbox.getByRole('option').allTextContents()).indexOf('社保卡');
    for (let i = 0; i <= index; i++) await input.press('ArrowDown');
    const searched = page.waitForResponse((r) => r.url().startsWith(`${api}/v1/search?`));
    await input.press('Enter');
    expect(new URL((await searched).url()).searchParams.get('q')).toBe('社保卡');
    expect(await input.inputValue()).toBe('社保卡');
    expect(await listbox.isVisible()).toBe(false);

    await input.focus();
    await page.keyboard.press('Tab'); // to the 搜索 button: the focus ring shows
    const submit = widget().locator('button.primary').first();
    expect(await submit.evaluate((e) => e.matches(':focus-visible') && getComputedStyle(e).outlineStyle)).toBe('solid');
  });

  it('turns on 大字 and 高对比 with pressed toggles', async () => {
    const root = widget().locator('.root');
    const before = parseFloat(await root.evaluate((e) => getComputedStyle(e).fontSize));
    await widget().getByRole('button', { name: '大字' }).click();
    expect(await widget().getByRole('button', { name: '大字' }).getAttribute('aria-pressed')).toBe('true');
    expect(await widget().getAttribute('large')).toBe('');
    expect(parseFloat(await root.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(before * 1.2);
    await widget().getByRole('button', { name: '高对比' }).click();
    expect(await root.evaluate((e) => getComputedStyle(e).color)).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-large-contrast.png'), fullPage: true });
    await widget().getByRole('button', { name: '高对比' }).click();
    await widget().getByRole('button', { name: '大字' }).click();
    expect(await widget().getAttribute('large')).toBeNull();
  });

  it('keeps its styles in and the page\'s styles out', async () => {
    await search('社保卡');
    const styleOf = (p: Page, selector: string) => p.locator(selector).evaluate((e) => {
      const s = getComputedStyle(e);
      return [s.color, s.fontSize, s.fontFamily, s.lineHeight, s.backgroundColor, s.margin, s.padding, s.letterSpacing, s.listStyleType].join('|');
    });
    const plain = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await plain.goto(`${host.origin}/plain.html`);
    for (const selector of ['body', '#host-text', '#host-em', '#host-button', '#host-list li:first-child']) {
      expect(await styleOf(page, selector), selector).toBe(await styleOf(plain, selector));
    }
    await plain.close();
    const em = widget().locator('ol.results em').first();
    expect(await em.evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).fontStyle].join())).toBe('rgb(179, 38, 30),normal');
    expect(await widget().locator('.root').evaluate((e) => [getComputedStyle(e).fontSize, getComputedStyle(e).fontFamily.includes('serif') && !getComputedStyle(e).fontFamily.includes('sans')].join()))
      .toBe('17px,false');
    expect(await widget().locator('button.primary').first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(179, 38, 30)');
  });

  it('pages through results and reports an empty search honestly', async () => {
    await widget().evaluate((e) => e.setAttribute('page-size', '3'));
    await search('示例市');
    const all = (await apiSearch({ q: '示例市' })).results.map((r) => r.title);
    expect(all.length).toBeGreaterThan(3);
    expect(await widget().locator('ol.results > li .title').allTextContents()).toEqual(all.slice(0, 3));
    await widget().getByRole('navigation', { name: '分页' }).getByRole('button', { name: '第 2 页' }).click();
    await poll(() => widget().locator('.status').first().textContent()).toMatch(/第 4–6 条/);
    expect(await widget().locator('nav.pages [aria-current=page]').textContent()).toBe('2');
    expect(await widget().locator('ol.results > li .title').allTextContents()).toEqual(all.slice(3, 6));
    expect(await widget().locator('.results-area').evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await widget().evaluate((e) => e.removeAttribute('page-size'));
    await search('量子计算机');
    await poll(() => widget().locator('.results-area .notice').first().textContent()).toContain('没有找到');
  });

  it('says clearly when the network fails or the API refuses (4xx), and does without suggestions on 404', async () => {
    const el = widget();
    expectedFailures.push(DEAD_API);
    await el.evaluate((e, url) => e.setAttribute('api', url), DEAD_API);
    await el.locator('input[type=search]').fill('社保卡');
    await el.locator('input[type=search]').press('Enter');
    await poll(() => el.getByRole('alert').textContent()).toContain('网络连接失败');

    // An API without /v1/suggest (404): no popup, no error, and no more asking while typing.
    const old = `${api}/old-api/`;
    expectedFailures.push(old);
    await el.evaluate((e, url) => e.setAttribute('api', url), old);
    const input = el.locator('input[type=search]');
    await input.fill('');
    const suggest = page.waitForResponse((r) => r.url().startsWith(`${old}v1/suggest`));
    await input.pressSequentially('社', { delay: 30 });
    expect((await suggest).status()).toBe(404);
    let asked = 0;
    page.on('request', (r) => void (r.url().includes('/v1/suggest') && asked++));
    await input.pressSequentially('保', { delay: 30 });
    await page.waitForTimeout(400); // past the debounce: a request would have gone out by now
    expect(asked).toBe(0);
    expect(await el.getByRole('listbox').isVisible()).toBe(false);
    expect(await el.getByRole('alert').textContent()).toContain('网络连接失败'); // the last search's message stands

    await el.evaluate((e, url) => {
      e.setAttribute('api', url);
      e.setAttribute('site', 'no-such-site');
      e.setAttribute('scope', 'site');
    }, api);
    expectedFailures.push(`${api}/v1/search?`);
    await search('社保卡');
    await poll(() => el.getByRole('alert').textContent()).toContain('未找到该服务或站点');
    await el.evaluate((e) => {
      e.setAttribute('site', '9901000001');
      e.setAttribute('scope', 'region');
    });
  });

  it('asks in the 问一问 tab over SSE: answer with numbered sources, feedback, or the honest not-found help', async () => {
    const tabs = widget().getByRole('tablist');
    await tabs.getByRole('tab', { name: '搜索' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.getByRole('tab', { name: '问一问' }).getAttribute('aria-selected')).toBe('true');
    const box = widget().getByRole('textbox', { name: '您的问题' });
    const area = widget().locator('.answer-area');
    const ask = async (question: string) => {
      const answered = page.waitForResponse((r) => r.url() === `${api}/v1/ask`);
      await box.fill(question);
      await box.press('Enter');
      const res = await answered;
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('text/event-stream');
      await poll(() => area.getAttribute('aria-busy')).toBeNull();
    };

    await ask('生孩子有什么补贴');
    expect(await area.getByRole('alert').count()).toBe(0);
    const sources = area.getByRole('region', { name: '答案来源' }).getByRole('link');
    expect(await sources.count()).toBeGreaterThan(0);
    const first = await sources.first().getAttribute('href');
    expect(first).toMatch(/^https?:\/\//);
    const marker = area.locator('.answer sup a').first();
    expect(await marker.textContent()).toBe('[1]');
    expect(await marker.getAttribute('href')).toBe(first);
    expect(await area.locator('.answer').textContent()).toContain('补贴');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'widget-ask.png'), fullPage: true });
    const sent = page.waitForResponse((r) => r.url() === `${api}/v1/feedback`);
    await area.getByRole('button', { name: /有用/ }).click();
    expect((await sent).status()).toBe(201);
    await poll(() => area.getByRole('status').textContent()).toContain('感谢');

    await ask('火星签证怎么办理');
    const notice = area.locator('.notice');
    await poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain('没有找到相关答案');
    expect(await notice.getByRole('link', { name: /12345/ }).getAttribute('href')).toBe('tel:12345');
    expect(await area.getByRole('button', { name: /有用/ }).count()).toBe(0);
    await tabs.getByRole('tab', { name: '搜索' }).click();
  });

  it('links every result title, a document without a source URL to its page on the API', async () => {
    await search('图书馆 开放时间');
    const items = widget().locator('ol.results > li');
    expect(await items.count()).toBeGreaterThan(0);
    expect(await widget().locator('ol.results > li .title > a').count()).toBe(await items.count());
    const link = widget().locator('ol.results > li .title > a', { hasText: '示例市图书馆延长开放时间的通知' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${api}/d/\\d+$`));
    const docPage = await browser.newPage();
    watchPage(docPage, problems, expectedFailures);
    expect((await docPage.goto(href!))?.status()).toBe(200);
    expect(await docPage.locator('h1').textContent()).toBe('示例市图书馆延长开放时间的通知');
    await docPage.screenshot({ path: path.join(SCREENSHOTS, 'document-page.png'), fullPage: true });
    await docPage.close();
  });

  it('runs the try-it page at / under its CSP with no errors', async () => {
    const tryPage = await openPage(`${api}/?q=${encodeURIComponent('社保卡')}`, { width: 390, height: 844 });
    await poll(() => tryPage.locator('zhiwen-search ol.results > li').count()).toBeGreaterThan(0);
    await poll(() => tryPage.locator('footer').textContent()).toContain('示例数据'); // only sample data is loaded
    await tryPage.screenshot({ path: path.join(SCREENSHOTS, 'try-page-mobile.png'), fullPage: true });
    await tryPage.close();
  });
});
