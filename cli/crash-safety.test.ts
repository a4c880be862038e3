import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../library/store';
import { findLocalService, runInService } from './local-service';
import { killChild, registerTestSite, spawnZhiwen, startServe, type ZhiwenChild } from './testing/zhiwen-child';

const root = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DOCUMENTS = 300;
const KILLS = 20;
const idOf = (i: number) => `crash-${String(i).padStart(4, '0')}`;

/** A feed of distinct documents, in order: a run that reports n processed has stored the first n. */
function writeFeed(file: string): void {
  const topics = ['养老服务', '义务教育', '医疗保障', '住房公积金', '就业创业', '营商环境', '生态环境', '交通出行'];
  const lines = Array.from({ length: DOCUMENTS }, (_, i) => JSON.stringify({
    id: idOf(i),
    site: 'crash-test',
    title: `关于做好${topics[i % topics.length]}第${i}批事项办理工作的通知（${i}号）`,
    category: '通知公告',
    published: '2024-03-01',
    text: `各有关单位：为做好${topics[i % topics.length]}工作，现就第${i}批事项通知如下。` +
      `一、办理对象为本市户籍居民${i}类人员。二、办理时限为${(i % 20) + 1}个工作日。三、咨询电话见各区公告。`.repeat(1 + (i % 3)),
  }));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Seeded so that a failure can be replayed (the seed is printed). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety of the embedded library', () => {
  it(`kill -9 of the service, an ingest and a worker at random moments (${KILLS} kills): the library opens cleanly, no acknowledged document is lost or duplicated`, { timeout: 600_000 }, async () => {
    const dataDir = path.join(root, 'library');
    await registerTestSite(dataDir);
    const feed = path.join(root, 'crash-feed.jsonl');
    writeFeed(feed);
    const seed = Number(process.env.ZHIWEN_CRASH_SEED ?? Date.now() % 2 ** 31);
    console.log(`crash test seed ${seed} (ZHIWEN_CRASH_SEED replays it)`);
    const rand = random(seed);
    /** Documents a finished run or a progress report acknowledged: the first `acknowledged` of the feed. */
    let acknowledged = 0;
    const started = performance.now();
    const killedMidRun: string[] = [];

    for (let round = 0; round < KILLS; round++) {
      const kind = (['service', 'ingest', 'worker'] as const)[round % 3];
      let victim: ZhiwenChild;
      let finished: Promise<boolean>;
      if (kind === 'service') {
        const service = await startServe(dataDir);
        victim = service;
        const handedOver = findLocalService(dataDir);
        expect(handedOver?.pid).toBe(service.child.pid);
        finished = runInService(handedOver!, 'ingest', { paths: [feed] }, (e) => {
          acknowledged = Math.max(acknowledged, Number(e.done));
        }).then(() => true, () => false);
      } else {
        // `zhiwen enqueue` without REDIS_URL is the in-process job worker; `zhiwen ingest` the plain CLI.
        const args = kind === 'ingest' ? ['ingest', '--no-progress', feed] : ['enqueue', '--no-progress', '--concurrency', '2', feed];
        victim = spawnZhiwen(args, dataDir);
        finished = victim.exited.then((code) => code !== null && code !== 1);
      }
      const moment = kind === 'service' ? 100 + rand() * 2_500 : 1_500 + rand() * 8_000;
      const done = await Promise.race([finished, sleep(moment).then(() => false)]);
      await killChild(victim);
      // A process that ended on its own with an error (a library that would not open) fails the test.
      expect([null, 0, 2], `${kind}: ${victim.output().stderr}`).toContain(victim.child.exitCode);
      if (done || (await finished)) {
        if (kind !== 'service') expect(victim.output().stdout).toMatch(kind === 'ingest' ? /total: added/ : /done: \d+ stored/);
        acknowledged = DOCUMENTS;
      } else killedMidRun.push(`${kind}@${Math.round(moment)}ms`);

      // After each kill the library opens (its stale lock taken over) and holds each acknowledged document once.
      const db = await openPglite(dataDir);
      try {
        const { rows } = await db.query<{ external_id: string; n: number }>(
          "SELECT external_id, count(*)::int AS n FROM documents WHERE external_id LIKE 'crash-%' AND status = 'active' GROUP BY external_id",
        );
        expect(rows.filter((r) => r.n > 1)).toEqual([]);
        const stored = new Set(rows.map((r) => r.external_id));
        const lost = Array.from({ length: acknowledged }, (_, i) => idOf(i)).filter((id) => !stored.has(id));
        expect(lost, `round ${round} (${kind}): acknowledged ${acknowledged}`).toEqual([]);
      } finally {
        await db.close();
      }
    }

    // A last run without a kill completes the feed: every document exactly once.
    const last = spawnZhiwen(['ingest', '--no-progress', feed], dataDir);
    expect(await last.exited).toBe(0);
    const db = await openPglite(dataDir);
    try {
      const { rows } = await db.query<{ total: number; distinct: number }>(
        "SELECT count(*)::int AS total, count(DISTINCT external_id)::int AS distinct FROM documents WHERE external_id LIKE 'crash-%' AND status = 'active'",
      );
      expect(rows[0]).toEqual({ total: DOCUMENTS, distinct: DOCUMENTS });
    } finally {
      await db.close();
    }
    console.log(`${KILLS} kills (${killedMidRun.length} mid-run: ${killedMidRun.join(', ')}) in ${Math.round((performance.now() - started) / 1000)} s`);
  });
});
