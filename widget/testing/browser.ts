// Chromium for the widget's browser tests: Debian's package (CI installs it), never a download.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.ZHIWEN_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Where the tests leave their screenshots. */
export const SCREENSHOTS = path.join(os.tmpdir(), 'zhiwen-widget');

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

/**
 * Records every console error or warning, uncaught page error and dialog (an alert() would mean
 * injected script ran) into problems. A failed load of a URL starting with one of expectedFailures
 * (a failure the test provokes: Chromium logs those as console errors) is not a problem.
 */
export function watchPage(page: Page, problems: string[], expectedFailures: readonly string[]): void {
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    if (/Failed to load resource/.test(m.text()) && expectedFailures.some((u) => m.location().url.startsWith(u))) return;
    problems.push(`console.${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
}
