// The console in a real browser, for its tests: the API over the sample city (real PGlite, real
// search), the console bundle built from console/src, accounts made with library/accounts, and
// Debian's Chromium (widget/testing/browser.ts's launch options: never a downloaded browser).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../api/app';
import { composeServices } from '../../api/compose';
import { loadSampleLibrary } from '../../ingest/sample/load-sample';
import { createAccount, type Role } from '../../library/accounts';
import { openLibrary, type Db } from '../../library/store';
import { Curation } from '../../retrieval/curation';
import { SearchService } from '../../retrieval/search';
import { ensureConsoleBundle } from '../build';

export const CHROMIUM = process.env.ZHIWEN_CHROMIUM ?? '/usr/bin/chromium';
/** Where the console's tests leave their screenshots. */
export const SCREENSHOTS = path.join(os.tmpdir(), 'zhiwen-console');
export const PASSWORD = 'console test password 1';

export interface ConsoleHarness {
  db: Db;
  app: FastifyInstance;
  /** The API's origin; the console is at `${origin}/console`. */
  origin: string;
  browser: Browser;
  /** Site ids by code (the sample city's sites). */
  siteIds: Map<string, number>;
  /** Creates an account with these roles (platform-wide unless a site code is given). */
  account(username: string, roles: Array<Role | [Role, string]>): Promise<void>;
  /** A new page at `width`, with console errors, page errors and dialogs collected into `problems`. */
  open(width?: number): Promise<{ page: Page; problems: string[] }>;
  /** Signs in through the login form and waits for the shell. */
  login(page: Page, username: string): Promise<void>;
  close(): Promise<void>;
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  const db = await openLibrary();
  await loadSampleLibrary(db);
  const curation = await Curation.open(db, { queryLog: false });
  const search = new SearchService(db, { curation });
  await search.sync();
  const bundle = await ensureConsoleBundle();
  const app = await buildApp(composeServices({ db, search, curation }), { consoleFile: bundle.file, rateLimitPerMinute: 0 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { rows } = await db.query<{ id: number; code: string }>('SELECT id, code FROM sites');
  const siteIds = new Map(rows.map((r) => [r.code, r.id]));
  return {
    db, app, origin, browser, siteIds,
    async account(username, roles) {
      const grants = roles.map((r) => (Array.isArray(r) ? { role: r[0], siteId: siteIds.get(r[1]) ?? null } : { role: r, siteId: null }));
      await createAccount(db, { kind: 'cli', id: null, name: 'console-test' }, { username, password: PASSWORD, grants });
    },
    async open(width = 1200) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()} (${m.location().url})`); });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
      return { page, problems };
    },
    async login(page, username) {
      await page.goto(`${origin}/console`);
      // A tab keeps its session (sessionStorage): start from the login page.
      await page.evaluate(() => sessionStorage.clear());
      await page.reload();
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('button', { name: '退出' }).waitFor();
    },
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

let axeSource: string | undefined;

/** Runs axe-core (the installed dev dependency) in the page; returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the API's CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(', ')}`);
}
