/**
 * The site registry from the command line: `zhiwen sites import` reports bad rows and exits 2, and
 * `zhiwen crawl` names pages' site by the registered domain of their host, or by --site, which wins.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSites } from '../library/sites';
import { openLibrary } from '../library/store';
import { readConfig } from './config';
import { crawlCommand } from './crawl-command';
import { readIngestSettings } from './ingest-settings';
import { runZhiwen } from './testing/zhiwen-child';

const root = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-sites-'));
const BODY = '<p>各区人民政府：为做好防汛抗旱工作，现将有关事项通知如下。一、加强值守，落实防汛责任。二、排查隐患，做好物资储备。</p>'.repeat(4);
const SITES = [
  { code: '9901000001', name: '示例市人民政府', level: 'city', regionCode: '990100', domains: ['127.0.0.1'] },
  { code: '9902000001', name: '样板市人民政府', level: 'city', regionCode: '990200' },
];

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/robots.txt') return res.end('');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!DOCTYPE html><html><head><title>关于防汛抗旱工作的通知</title></head><body><div class="article"><h1>关于防汛抗旱工作的通知</h1>${BODY}</div></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(root, { recursive: true, force: true });
});

/** Crawls the one-page site into a fresh library with the sites registered; the stored document's site. */
async function crawlAndSiteOf(name: string, site?: string): Promise<string | undefined> {
  const dataDir = path.join(root, name);
  const config = readConfig({ ZHIWEN_DATA_DIR: dataDir });
  const setup = await openLibrary(config.library);
  await importSites(setup, SITES);
  await setup.close();
  const log = console.log;
  console.log = () => {};
  try {
    await crawlCommand(`${base}/`, config, readIngestSettings({}), { progress: false, maxPages: 1, requestsPerSecond: 50, site, allowHosts: ['127.0.0.1'] });
  } finally {
    console.log = log;
  }
  const db = await openLibrary(config.library);
  try {
    const { rows } = await db.query<{ code: string }>('SELECT s.code FROM documents d JOIN sites s ON s.id = d.site_id');
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0]?.code;
  } finally {
    await db.close();
  }
}

describe('zhiwen sites and crawl by registered site', () => {
  it('sites import registers good rows, names each bad one with its line and reason, and exits 2', { timeout: 60_000 }, async () => {
    const list = path.join(root, 'sites.csv');
    writeFileSync(list, 'code,name,level,parent_code,region_code\n../../etc/passwd,坏,city,,\n9901000001,示例市,city,,990100\n9901020001,东湖区,county,9901000001,9901\n');
    const dataDir = path.join(root, 'import');
    const run = await runZhiwen(['sites', 'import', list], dataDir);
    expect(run.stdout).toContain(`${list} line 2 (../../etc/passwd): site code "../../etc/passwd" is not a 网站标识码`);
    expect(run.stdout).toContain(`${list} line 4 (9901020001): region code "9901" is not a 行政区划代码`);
    expect(run.stdout).toContain('sites: added 1, updated 0, rejected 2');
    expect(run.code).toBe(2);
    const listed = await runZhiwen(['sites', 'list'], dataDir);
    expect(listed.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['9901000001']);
  });

  it('crawl names the site by the registered domain of the host, and --site wins over the host', { timeout: 60_000 }, async () => {
    expect(await crawlAndSiteOf('by-host')).toBe('9901000001');
    expect(await crawlAndSiteOf('by-option', '9902000001')).toBe('9902000001');
  });
});
