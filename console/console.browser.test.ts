// The editors' console in Debian's Chromium over the real API (sample city, PGlite, real search):
// login, the knowledge base's workflow by two accounts, hit testing, the queue, import preview,
// keyboard-only use, axe-core, and a phone's width. Screenshots go to SCREENSHOTS.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntry, getEntry, listEntries, listOpenUnanswered, logUnanswered, transitionEntry } from '../library/consultation';
import { CHROMIUM, SCREENSHOTS, seriousViolations, startConsoleHarness, type ConsoleHarness } from './testing/console-harness';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`console browser tests skipped: no Chromium at ${CHROMIUM}`);
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe.skipIf(!hasChromium)('the editors\' console in Chromium', () => {
  let t: ConsoleHarness;

  beforeAll(async () => {
    t = await startConsoleHarness();
    await t.account('zhang', ['editor']);
    await t.account('li', ['reviewer']);
    await t.account('wang', ['editor', 'reviewer']);
    await t.account('audit', ['auditor']);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('logs in (a wrong password is refused, and says so) and shows only what the role allows', async () => {
    const { page, problems } = await t.open();
    await page.goto(`${t.origin}/admin`);
    expect(new URL(page.url()).pathname).toBe('/console');
    await page.getByLabel('用户名').fill('zhang');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('用户名或密码不正确');
    await shot(page, 'login-refused');
    await page.getByLabel('密码').fill('console test password 1');
    await page.getByRole('button', { name: '登录' }).click();
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.waitFor();
    const editorLinks = await nav.getByRole('link').allTextContents();
    expect(editorLinks.slice(0, 5)).toEqual(['工作台', '问答库', '命中测试', '待解决问题', '导入导出']);
    expect(editorLinks).not.toContain('待审核'); // an editor drafts; only reviewers review
    await shot(page, 'home-editor');
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('用户名').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('zhiwen.console.token'))).toBeNull();

    await t.login(page, 'li');
    expect(await nav.getByRole('link').allTextContents()).toContain('待审核');
    await t.login(page, 'audit');
    const auditorLinks = await nav.getByRole('link').allTextContents();
    expect(auditorLinks).toContain('问答库');
    expect(auditorLinks).not.toContain('待审核');
    await page.goto(`${t.origin}/console#/faqs`);
    await page.getByRole('heading', { name: '问答库' }).waitFor();
    expect(await page.getByRole('link', { name: '新建问答' }).count()).toBe(0);
    // The refused password's 401 is logged by Chromium as a failed load: the one expected problem.
    expect(problems.filter((p) => !/401.*\/v1\/auth\/login/.test(p))).toEqual([]);
    await page.close();
  });

  it('takes an entry from draft to review to published by two accounts; the author is refused as its reviewer', async () => {
    const { page, problems } = await t.open();
    await t.login(page, 'zhang');
    await page.goto(`${t.origin}/console#/faqs/new`);
    await page.getByLabel('标准问').fill('示例市居住证过期了怎么续签');
    await page.getByLabel('相似问（每行一个）').fill('居住证到期怎么办\n居住证续签要带什么');
    await page.getByRole('textbox', { name: '答案' }).fill('携带身份证到居住地派出所办理续签。');
    await page.getByLabel('分类').fill('户籍');
    // A related document picked by search.
    await page.getByLabel('搜索要关联的文件').fill('居住证办理须知');
    await page.getByLabel('搜索要关联的文件').press('Enter');
    await page.locator('.picker li').filter({ hasText: '示例市居住证办理须知' }).getByRole('button', { name: '关联' }).click();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('heading', { name: /问答 #\d+：示例市居住证过期了怎么续签/ }).waitFor();
    const id = Number(/#\/faqs\/(\d+)/.exec(page.url())?.[1]);
    const { rows: [doc] } = await t.db.query<{ external_id: string }>("SELECT external_id FROM documents WHERE title = '示例市居住证办理须知'");
    expect((await getEntry(t.db, id)).relatedDocuments).toEqual([doc.external_id]);
    // A second version, so the reviewer has something to compare.
    await page.getByRole('textbox', { name: '答案' }).fill('携带身份证和居住证到居住地派出所办理续签，当场办结。');
    await page.getByRole('button', { name: '保存修改' }).click();
    await poll(async () => (await getEntry(t.db, id)).version).toBe(2);
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByLabel('意见（可选）').fill('请审核');
    await page.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
    await page.getByText('待审核', { exact: true }).first().waitFor();
    expect((await getEntry(t.db, id)).status).toBe('pending_review');
    await shot(page, 'entry-submitted');

    // The same person as author and reviewer: the console warns, the API refuses, nothing changes.
    await t.login(page, 'wang');
    await page.goto(`${t.origin}/console#/faqs/new`);
    await page.getByLabel('标准问').fill('示例市养犬登记在哪里办');
    await page.getByRole('textbox', { name: '答案' }).fill('到所在街道的养犬登记点办理。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('heading', { name: /示例市养犬登记在哪里办/ }).waitFor();
    const own = Number(/#\/faqs\/(\d+)/.exec(page.url())?.[1]);
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
    await page.getByText('这条问答由您编写或最后修改').waitFor();
    await page.getByRole('button', { name: '通过并发布' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '通过并发布' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').textContent(), { timeout: 10_000 }).toContain('不能审核自己编写或最后修改的问答');
    await shot(page, 'self-review-refused');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    expect((await getEntry(t.db, own)).status).toBe('pending_review');

    // Another reviewer: the queue, a diff of two versions, approval with a comment.
    await t.login(page, 'li');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待审核' }).click();
    await page.getByRole('link', { name: '示例市居住证过期了怎么续签' }).click();
    await page.getByRole('heading', { name: '版本历史' }).waitFor();
    await page.getByLabel('旧版本').selectOption({ index: 0 });
    await page.getByLabel('新版本').selectOption({ index: 1 });
    await page.getByRole('button', { name: '比较' }).click();
    const diff = page.getByRole('region', { name: '版本差异' });
    await expect.poll(() => diff.locator('ins').allTextContents(), { timeout: 10_000 }).toEqual(['[新增：和居住证]', '[新增：，当场办结]']);
    await shot(page, 'review-diff');
    await page.getByRole('button', { name: '通过并发布' }).click();
    await page.getByLabel('意见（可选）').fill('内容准确，同意发布');
    await page.getByRole('dialog').getByRole('button', { name: '通过并发布' }).click();
    await page.getByText('已发布', { exact: true }).first().waitFor();
    const published = await getEntry(t.db, id);
    expect(published).toMatchObject({ status: 'published', author: 'zhang', reviewer: 'li' });
    await expect.poll(() => page.getByRole('table').filter({ hasText: '内容准确，同意发布' }).count(), { timeout: 10_000 }).toBe(1);
    await shot(page, 'entry-published');
    // The refused self-review's 403 is logged by Chromium as a failed load: the one expected problem.
    expect(problems.filter((p) => !/403.*\/v1\/faqs\/\d+\/approve/.test(p))).toEqual([]);
    await page.close();
  });

  it('hit-tests a question: the entry that answers it, with its confidence and why, and the documents', async () => {
    const entry = await createEntry(t.db, { question: '示例市公积金提取需要哪些材料', alternatives: ['住房公积金提取要带什么'], answerHtml: '<p>身份证和银行卡。</p>' }, 'seed');
    await transitionEntry(t.db, entry.id, 'submit', 'seed');
    await transitionEntry(t.db, entry.id, 'approve', 'seed-reviewer');
    const { page, problems } = await t.open();
    await t.login(page, 'zhang');
    await page.goto(`${t.origin}/console#/hit-test`);
    await page.getByLabel('群众的提问').fill('住房公积金提取需要哪些材料');
    await page.getByLabel('群众的提问').press('Enter');
    const faqs = page.getByRole('table', { name: '命中的问答' });
    await faqs.waitFor();
    const first = faqs.locator('tbody tr').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toContain('示例市公积金提取需要哪些材料');
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/\d+%.*将(直接回答|作为建议)/);
    await expect.poll(() => page.getByRole('table', { name: '命中的文件' }).locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await shot(page, 'hit-test');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('turns a group of similar unanswered questions into a draft with one click', async () => {
    for (const q of ['示例市电动车上牌在哪里办', '示例市电动车上牌在哪里办', '示例市电动车上牌去哪里办']) await logUnanswered(t.db, { question: q, siteCode: '9901000001' });
    const { page, problems } = await t.open();
    await t.login(page, 'zhang');
    await page.goto(`${t.origin}/console#/faq-queue`);
    const button = page.getByRole('button', { name: '生成草稿：示例市电动车上牌在哪里办' });
    await shot(page, 'queue');
    await button.click();
    await page.getByRole('heading', { name: /问答 #\d+：示例市电动车上牌在哪里办/ }).waitFor();
    const id = Number(/#\/faqs\/(\d+)/.exec(page.url())?.[1]);
    expect(await getEntry(t.db, id)).toMatchObject({ status: 'draft', author: 'zhang', alternatives: ['示例市电动车上牌去哪里办'] });
    expect((await listOpenUnanswered(t.db)).filter((q) => q.question.includes('电动车上牌'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('previews an import row by row, writing nothing until confirmed', async () => {
    const { page, problems } = await t.open();
    await t.login(page, 'zhang');
    await page.goto(`${t.origin}/console#/faq-transfer`);
    const csv = '\ufeff标准问,答案,分类\n示例市居住证过期了怎么续签,重复的一行,户籍\n示例市独生子女证怎么补办,<p>到街道办理。</p>,计生\n';
    await page.getByLabel('选择文件（CSV 或 XLSX）').setInputFiles({ name: 'faqs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const before = (await listEntries(t.db, { limit: 200 })).total;
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('table', { name: '逐行预览' });
    await preview.waitFor();
    await expect.poll(() => preview.locator('tbody tr').allTextContents(), { timeout: 10_000 }).toEqual([
      expect.stringMatching(/示例市居住证过期了怎么续签.*跳过.*与已有问答 #\d+ 的标准问相同/),
      expect.stringMatching(/示例市独生子女证怎么补办.*新建草稿/),
    ]);
    expect((await listEntries(t.db, { limit: 200 })).total).toBe(before);
    await shot(page, 'import-preview');
    await page.getByRole('button', { name: '导入 1 条为草稿' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 1 条草稿').waitFor();
    expect((await listEntries(t.db, { q: '独生子女证' })).entries).toMatchObject([{ status: 'draft', author: 'zhang' }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is usable with the keyboard alone: log in, move between pages, filter, hit-test', async () => {
    const { page, problems } = await t.open();
    await page.goto(`${t.origin}/console`);
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('username');
    await page.keyboard.type('zhang');
    await page.keyboard.press('Tab');
    await page.keyboard.type('console test password 1');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    // Tab from the top: the skip link first, then on through the header to the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    const tabTo = async (text: string) => {
      for (let i = 0; i < 30; i++) {
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${text}`);
    };
    await tabTo('问答库');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent)).toBe('H1 问答库');
    await tabTo('命中测试');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('命中测试');
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'question'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('question');
    await page.keyboard.type('居住证过期了怎么续签');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: '命中的问答' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: '命中的问答' }).textContent(), { timeout: 10_000 }).toContain('示例市居住证过期了怎么续签');
    // Focus is drawn: the ring is visible on the focused control.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no serious or critical axe-core violations on any knowledge-base page, at 1200 and 390 px', async () => {
    const found: string[] = [];
    for (const width of [1200, 390]) {
      const { page, problems } = await t.open(width);
      await page.goto(`${t.origin}/console`);
      await page.getByLabel('用户名').waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `login@${width}: ${v}`));
      await t.login(page, 'wang');
      const { entries } = await listEntries(t.db, { limit: 1 });
      for (const route of ['/', '/faqs', `/faqs/${entries[0].id}`, '/review', '/hit-test?q=居住证', '/faq-queue', '/faq-transfer']) {
        await page.goto(`${t.origin}/console#${route}`);
        await page.locator('main h1').waitFor();
        if (route.startsWith('/hit-test')) await page.getByRole('table', { name: '命中的问答' }).waitFor();
        found.push(...(await seriousViolations(page)).map((v) => `${route}@${width}: ${v}`));
      }
      expect(problems).toEqual([]);
      await page.close();
    }
    expect(found).toEqual([]);
  });

  it('works at a phone\'s width (390 px): nothing wider than the screen, the menu opens the navigation', async () => {
    const { page, problems } = await t.open(390);
    await t.login(page, 'wang');
    for (const route of ['/faqs', '/hit-test?q=居住证过期', '/faq-queue']) {
      await page.goto(`${t.origin}/console#${route}`);
      await page.locator('main h1').waitFor();
      if (route.startsWith('/hit-test')) await page.getByRole('table', { name: '命中的问答' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), route).toBeLessThanOrEqual(390);
      await shot(page, `phone${route.replace(/[/?=]/g, '-')}`);
    }
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    expect(await nav.isVisible()).toBe(true);
    await shot(page, 'phone-menu');
    await nav.getByRole('link', { name: '问答库' }).click();
    await page.getByRole('heading', { name: '问答库' }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
