// The console's size and first load on a slow machine: Chromium with the CPU slowed 4× and a
// "slow 4G" network (1.6 Mbit/s down, 150 ms round trip), from a cold cache to the login form, and
// from the login to the first page drawn. Usage: npx tsx evals/bench/console-load.ts
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { PASSWORD, startConsoleHarness } from '../../console/testing/console-harness';
import { ensureConsoleBundle } from '../../console/build';

const t = await startConsoleHarness();
await t.account('bench', ['editor', 'reviewer']);
const { file } = await ensureConsoleBundle();
const code = readFileSync(file);
const runs: Array<{ login: number; firstPage: number }> = [];
for (let i = 0; i < 3; i++) {
  const { page } = await t.open(1200);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
  const start = Date.now();
  await page.goto(`${t.origin}/console`);
  await page.getByLabel('用户名').waitFor();
  const login = Date.now() - start;
  await page.getByLabel('用户名').fill('bench');
  await page.getByLabel('密码').fill(PASSWORD);
  const signed = Date.now();
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('main h1').waitFor();
  runs.push({ login, firstPage: Date.now() - signed });
  await page.close();
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({
  bundleBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length,
  coldLoadToLoginFormMs: median(runs.map((r) => r.login)), loginToFirstPageMs: median(runs.map((r) => r.firstPage)), runs,
}, null, 1));
await t.close();
