import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusDir } from '../library/testing/corpus';
import { registerTestSite, runZhiwen, startServe, stopChild, type ServeChild } from './testing/zhiwen-child';
import { SERVICE_FILE } from './local-service';

const root = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-serving-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function indexedDocuments(service: ServeChild): Promise<number> {
  const health = (await (await fetch(`${service.url}/healthz`)).json()) as { index: { documents: number } };
  return health.index.documents;
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

// The README's order, as a new user runs it: `npm start` in one terminal, `zhiwen ingest` of the whole
// corpus in another. Whole corpus: ~2 minutes on the 2-core development machine.
describe.skipIf(!corpusAvailable)('zhiwen ingest while zhiwen serve runs (whole corpus)', () => {
  it('the service stores what the CLI hands it, shows every document within 30 s, and keeps them over a restart', { timeout: 420_000 }, async () => {
    const dataDir = path.join(root, 'library');
    await registerTestSite(dataDir);
    // The user sets ZHIWEN_DEFAULT_SITE where they type `zhiwen ingest`, not in the service's terminal.
    const serviceEnv = { ZHIWEN_DEFAULT_SITE: '' };
    let service = await startServe(dataDir, 60_000, serviceEnv);
    try {
      expect(statSync(path.join(dataDir, SERVICE_FILE)).mode & 0o777).toBe(0o600);
      const started = performance.now();
      const ingest = await runZhiwen(['ingest', '--no-progress', corpusDir], dataDir);
      console.log(`whole-corpus ingest through the service: ${Math.round(performance.now() - started)} ms`);
      expect(ingest.stderr).toContain('the running service');
      const total = /total: added (\d+), updated \d+, unchanged \d+, rejected (\d+), quarantined (\d+)/.exec(ingest.stdout);
      expect(total, ingest.stdout + ingest.stderr).not.toBeNull();
      // Rejected records (the corpus has some) set exit code 2, as when the CLI writes itself.
      expect(ingest.code).toBe(Number(total![2]) > 0 ? 2 : 0);
      const expected = Number(total![1]) - Number(total![3]);
      expect(expected).toBeGreaterThan(1000);
      const shown = await waitFor(async () => (await indexedDocuments(service)) === expected, 30_000);
      expect(shown, `index holds ${await indexedDocuments(service)} of ${expected}`).toBe(true);

      await stopChild(service);
      service = await startServe(dataDir, 60_000, serviceEnv);
      expect(await indexedDocuments(service)).toBe(expected);
    } finally {
      await stopChild(service);
    }
  });
});
