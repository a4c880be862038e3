// The operators' side of the console in Debian's Chromium over the real API (sample city, PGlite,
// real search, real Redis under a unique prefix): a synonym changing a query's results (before and
// after), a dead letter retried in the embedded bull-board, the analytics charts drawn from queries
// logged through the app, and axe-core on these pages. Screenshots go to SCREENSHOTS.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../library/accounts';
import { recordQuarantine } from '../library/documents';
import { InvalidRecordError } from '../library/errors';
import { openJobQueue, type JobQueue, type JobWorker } from '../ingest/jobs';
import { TEST_REDIS_URL } from '../ingest/jobs/testing/backends';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { FAQ_QUESTION, openUsageFixture, PASSWORD, SAMPLE, type UsageFixture } from '../api/testing/usage-fixture';
import { ensureChartsBundle } from './charts/build';
import { ensureConsoleBundle } from './build';
import { CHROMIUM, SCREENSHOTS, seriousViolations } from './testing/console-harness';

const hasChromium = existsSync(CHROMIUM);
const QUEUE = 'zhiwen-ingest';
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe.skipIf(!hasChromium)('the operators\' console pages in Chromium', () => {
  const prefix = `test-${randomUUID()}`;
  let f: UsageFixture;
  let origin: string;
  let browser: Browser;
  let queue: JobQueue<{ n: number }, string>;
  let worker: JobWorker;
  let fixed = false;
  let deadId: string;
  let todaySearches = 0;
  let todayZero = 0;
  const askKinds: string[] = [];

  beforeAll(async () => {
    const [consoleBundle, charts] = await Promise.all([ensureConsoleBundle(), ensureChartsBundle()]);
    f = await openUsageFixture(loadSampleLibrary, {
      app: { consoleFile: consoleBundle.file, chartsFile: charts.file },
      parts: { queueBoard: { redisUrl: TEST_REDIS_URL, prefix, queues: [QUEUE] } },
    });
    await createAccount(f.db, { kind: 'cli', id: null, name: 'test' }, { username: 'ops', password: PASSWORD, grants: [{ role: 'platform_admin', siteId: null }] });
    // Real traffic through the app: searches (one finding nothing), asks (an FAQ hit, a decline) and feedback.
    for (const [q, site] of [['生育补贴', SAMPLE.city], ['居住证', SAMPLE.city], ['养老金', SAMPLE.hrBureau], ['火星移民签证', SAMPLE.district], ['生育补贴', undefined]] as const) {
      if ((await f.search(q, site)) === 0) todayZero++;
      todaySearches++;
    }
    await f.flush();
    const faq = await f.ask(FAQ_QUESTION, SAMPLE.city);
    await f.feedback(faq.answerId, true);
    const declined = await f.ask('火星移民签证怎么办', SAMPLE.city);
    await f.feedback(declined.answerId, false);
    askKinds.push(faq.kind, declined.kind);
    // A dead letter: a bad record fails for good at once; once "fixed", its retry succeeds.
    queue = openJobQueue(QUEUE, { redisUrl: TEST_REDIS_URL, prefix, attempts: 1 });
    worker = queue.process(async (data) => {
      if (!fixed) throw new InvalidRecordError(`record ${data.n} has no title`);
      return 'stored';
    });
    deadId = await queue.add('ingest-document', { n: 42 });
    for (let i = 0; (await queue.counts()).dead !== 1; i++) {
      if (i > 200) throw new Error('the job never became a dead letter');
      await new Promise((r) => setTimeout(r, 50));
    }
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await queue?.obliterate().catch(() => undefined);
    await queue?.close();
    await f?.close();
  });

  async function signedIn(width = 1280): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && m.location().url.includes('/console') && !m.location().url.includes('/console/queues')) problems.push(`console.error: ${m.text()}`); });
    await page.goto(`${origin}/console`);
    await page.getByLabel('用户名').fill('ops');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    return { page, problems };
  }

  it('draws the analytics charts from the queries the app logged, with CSV export', async () => {
    const { page, problems } = await signedIn();
    await page.goto(`${origin}/console#/analytics?days=7`);
    await page.getByRole('heading', { name: '使用分析' }).waitFor();
    const traffic = page.locator('#chart-traffic');
    await traffic.locator('svg path').first().waitFor({ state: 'attached' });
    // ECharts' aria description lists each series' values: today's searches are the ones sent above.
    const description = await traffic.getAttribute('aria-label');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(5, 10);
    expect(todayZero).toBeGreaterThan(0);
    expect(description).toContain(`${today} 搜索${todaySearches}次、无结果${todayZero}次、提问2次`);
    const n = (kind: string) => askKinds.filter((k) => k === kind).length;
    expect(n('faq')).toBe(1);
    expect(await page.locator('#chart-answers').getAttribute('aria-label'))
      .toContain(`${today} 问答库命中1次、文件作答${n('library')}次、推荐相似问${n('suggestions')}次、拒答/转人工${n('not_found')}次`);
    for (const id of ['#chart-answers', '#chart-rates']) expect(await page.locator(`${id} svg path`).count()).toBeGreaterThan(3);
    expect(await page.locator('.kpi').filter({ hasText: '搜索次数' }).textContent()).toContain(String(todaySearches));
    await expect.poll(() => page.getByRole('region', { name: '无结果查询：可补充同义词或问答' }).textContent(), { timeout: 10_000 }).toContain('火星移民签证');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出每日数据 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('zhiwen-daily-7d.csv');
    await shot(page, 'ops-analytics');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'ops-analytics-phone');
    await page.close();
  });

  it('previews a synonym: the query finds nothing before, the policy after; and it can be undone', async () => {
    const { page, problems } = await signedIn();
    await page.goto(`${origin}/console#/search-tuning`);
    await page.getByRole('heading', { name: '搜索调优' }).waitFor();
    const add = page.getByRole('form', { name: '新增同义词' });
    await add.getByLabel('通俗说法').fill('娃娃出生补钱');
    await add.getByLabel('规范用语').fill('生育补贴');
    await add.getByRole('button', { name: '预览并保存' }).click();
    const preview = page.getByRole('region', { name: '“娃娃出生补钱”的结果对比' });
    await preview.waitFor();
    const before = preview.locator('.panel').filter({ hasText: '修改前' });
    const after = preview.locator('.panel').filter({ hasText: '修改后' });
    expect(await before.textContent()).not.toContain('生育支持若干措施');
    expect(await after.textContent()).toContain('示例市人民政府关于印发示例市生育支持若干措施的通知');
    expect(await after.getByText('新增').count()).toBeGreaterThan(0);
    // The search API agrees, and the change is in the history with who made it.
    const res = await f.app.inject({ url: '/v1/search', query: { q: '娃娃出生补钱' } });
    expect(res.json<{ total: number }>().total).toBeGreaterThan(0);
    await shot(page, 'ops-synonym-preview');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保留' }).click();
    await expect.poll(() => page.getByRole('region', { name: '谁在何时改了什么（最近50条）' }).textContent(), { timeout: 10_000 }).toMatch(/ops新增同义词.*娃娃出生补钱/);
    await page.getByRole('button', { name: '删除 娃娃出生补钱' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(async () => (await f.app.inject({ url: '/v1/search', query: { q: '娃娃出生补钱' } })).json<{ total: number }>().total, { timeout: 10_000 }).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('retries a dead letter from the embedded queue board; the job then completes', async () => {
    const { page, problems } = await signedIn();
    await page.goto(`${origin}/console#/queues`);
    await page.getByRole('heading', { name: '任务队列' }).waitFor();
    const frameEl = page.locator('iframe[title="任务队列看板（bull-board）"]');
    await frameEl.waitFor();
    const frame = page.frameLocator('iframe[title="任务队列看板（bull-board）"]');
    await frame.locator('body').getByText(QUEUE).first().waitFor({ timeout: 20_000 });
    await shot(page, 'ops-queues-overview');
    // The failed (dead letter) list of the ingest queue, in the frame.
    await page.evaluate((q) => { (document.querySelector('iframe') as HTMLIFrameElement).src = `/console/queues/queue/${q}?status=failed`; }, QUEUE);
    await frame.getByText('record 42 has no title').first().waitFor({ timeout: 20_000 });
    await shot(page, 'ops-queues-dead-letter');
    fixed = true;
    // The job card's own retry: bull-board's first icon button after 重试全部 / 清理全部 (its icons carry no
    // accessible name, a gap of bull-board's inside its frame), then its confirmation.
    const texts = await frame.locator('button').allTextContents();
    await frame.locator('button').nth(texts.indexOf('清理全部') + 1).click();
    const confirm = frame.getByRole('alertdialog').or(frame.getByRole('dialog')).first();
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('您确定要重试这项工作吗');
    await shot(page, 'ops-queues-confirm');
    await confirm.getByRole('button', { name: '确认', exact: true }).click();
    await expect.poll(async () => (await queue.status(deadId))?.state, { timeout: 15_000 }).toBe('completed');
    expect((await queue.counts()).dead).toBe(0);
    await shot(page, 'ops-queues-retried');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the library: sites and columns, the quarantine and finding a document, without serious axe violations', async () => {
    const { page, problems } = await signedIn();
    await page.goto(`${origin}/console#/library`);
    await page.getByRole('heading', { name: '资源库管理' }).waitFor();
    // The page fills in as its requests answer: poll, never read once (a busy machine answers late).
    await expect.poll(() => page.getByRole('region', { name: '已注册网站' }).textContent(), { timeout: 10_000 }).toContain('示例市人民政府（示例数据）');
    const find = page.getByRole('form', { name: '查找文件' });
    await find.getByLabel('查找文件').fill('居住证');
    await find.getByRole('button', { name: '查找' }).click();
    await expect.poll(() => page.getByRole('link', { name: '示例市居住证办理须知' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The quarantine: two documents held back by screening; one released, one rejected with a reason.
    for (const id of ['sample-008', 'sample-009']) {
      const { rows } = await f.db.query<{ id: number; content_hash: string }>('SELECT id, content_hash FROM documents WHERE external_id = $1', [id]);
      await recordQuarantine(f.db, rows[0].id, { reason: '含密级标识', marks: ['内部'] }, rows[0].content_hash);
      await f.db.query("UPDATE documents SET status = 'quarantined' WHERE id = $1", [rows[0].id]); // as ingest's screening leaves it
    }
    await page.reload();
    const held = page.getByRole('region', { name: '隔离文件' });
    await held.waitFor();
    await page.getByRole('button', { name: '放行 网友留言答复：小区周边道路夜间施工噪音扰民问题' }).click();
    await expect.poll(() => page.getByRole('region', { name: '隔离文件' }).locator('tr', { hasText: '小区周边道路' }).textContent(), { timeout: 10_000 }).toContain('已放行');
    await page.getByRole('button', { name: '驳回 示例市住房公积金提取管理办法' }).click();
    await page.getByRole('dialog').getByLabel('驳回理由').fill('涉密，不予公开');
    await page.getByRole('dialog').getByRole('button', { name: '驳回' }).click();
    await expect.poll(() => page.getByRole('region', { name: '隔离文件' }).locator('tr', { hasText: '公积金' }).textContent(), { timeout: 10_000 }).toContain('已驳回');
    const states = await f.db.query<{ external_id: string; released_by: string | null; reject_reason: string | null }>(
      'SELECT d.external_id, q.released_by, q.reject_reason FROM document_quarantine q JOIN documents d ON d.id = q.document_id ORDER BY 1');
    expect(states.rows).toEqual([
      { external_id: 'sample-008', released_by: 'ops', reject_reason: null },
      { external_id: 'sample-009', released_by: null, reject_reason: '涉密，不予公开' },
    ]);
    await shot(page, 'ops-library');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
