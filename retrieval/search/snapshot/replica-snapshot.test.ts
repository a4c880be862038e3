import { mkdtemp, readFile, rm, truncate, writeFile, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareDocument } from '../../../ingest/pipeline';
import { loadSampleLibrary } from '../../../ingest/sample/load-sample';
import { upsertDocument, withdrawDocument } from '../../../library/documents';
import { openLibrary, type Db } from '../../../library/store';
import { SearchService } from '../index';
import { SNAPSHOT_FILE } from './replica-snapshot';

const QUERIES = ['养老金', '居住证', '生育支持', '三码合一', '医疗保险 缴费', '住房公积金提取', '快照测试', '夜间施工', '社保卡'];

const doc = (externalId: string, title: string, body: string) =>
  prepareDocument({ externalId, siteCode: 'snapshot-site', title, body, infoType: '通知公告' });

/** What a replica answers: ids, scores, totals and facets of every query. */
async function answers(search: SearchService): Promise<unknown[]> {
  const out = [];
  for (const q of QUERIES) {
    const r = await search.search({ q, limit: 20 });
    out.push({ q, total: r.total, hits: r.results.map((x) => [x.id, x.score]), facets: r.facets });
  }
  return out;
}

/** Starts a replica as `zhiwen serve` does and returns it with what it logged about the snapshot. */
async function start(db: Db, dir?: string): Promise<{ search: SearchService; log: string[] }> {
  const log: string[] = [];
  const keep = (...args: unknown[]) => {
    const line = args.join(' ');
    if (line.includes('index snapshot')) log.push(line);
  };
  const spies = [vi.spyOn(console, 'log').mockImplementation(keep), vi.spyOn(console, 'warn').mockImplementation(keep)];
  try {
    const search = new SearchService(db, { indexSnapshotDir: dir });
    await search.sync();
    return { search, log };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

describe('index snapshot: a replica restarts from it and catches up from the feed', () => {
  let db: Db;
  let dir: string;

  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    for (let i = 0; i < 6; i++) await upsertDocument(db, doc(`snap-${i}`, `快照测试文件第${i}号关于养老金的通知`, `第${i}份：养老金调整和居住证办理。`.repeat(i + 1)));
    dir = await mkdtemp(join(tmpdir(), 'zhiwen-snapshot-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes a snapshot after the full load, and a restart from it answers as a rebuild from the feed, changes after it included', async () => {
    const first = await start(db, dir);
    expect(first.log.join('\n')).toMatch(/index snapshot not used \(no snapshot yet\)[\s\S]*index snapshot written/);
    const writtenAt = first.search.feedStatus.appliedSeq;

    // After the snapshot: a new document, a changed one, a withdrawn one.
    await upsertDocument(db, doc('snap-new', '快照测试之后新增的社保卡申领通知', '社保卡申领和养老金领取。'));
    await upsertDocument(db, doc('snap-2', '快照测试文件第2号关于夜间施工的通知', '夜间施工噪音管理，和养老金无关。'));
    await withdrawDocument(db, 'snap-4');

    const restored = await start(db, dir);
    expect(restored.log.join('\n')).toContain(`index snapshot loaded: 20 documents at feed position ${writtenAt}`);
    const rebuilt = await start(db);
    expect(restored.search.feedStatus.appliedSeq).toBe(rebuilt.search.feedStatus.appliedSeq);
    const expected = await answers(rebuilt.search);
    expect(await answers(restored.search)).toEqual(expected);
    // The changes are there: the withdrawn one gone, the new and changed ones found by their new words.
    const hits = (q: string) => restored.search.search({ q }).then((r) => r.results.map((x) => x.id));
    expect(await hits('快照测试')).not.toContain('snap-4');
    expect(await hits('社保卡申领')).toContain('snap-new');
    expect(await hits('夜间施工噪音管理')).toContain('snap-2');

    // A restart keeps following the feed from where the snapshot left off.
    await upsertDocument(db, doc('snap-later', '快照测试恢复后再新增的文件', '恢复以后继续跟随变更。'));
    await restored.search.sync();
    expect(await hits('恢复以后继续跟随')).toContain('snap-later');
  });

  it('refuses a corrupt or truncated snapshot and rebuilds from the feed (then writes a good one)', async () => {
    const path = join(dir, SNAPSHOT_FILE);
    // Written on demand after changes: the snapshot holds dead slots (a replaced and a withdrawn document).
    await (await start(db, dir)).search.writeSnapshot();
    const expected = await answers((await start(db)).search);
    const withDeadSlots = await start(db, dir);
    expect(withDeadSlots.log[0]).toMatch(/index snapshot loaded/);
    expect(await answers(withDeadSlots.search)).toEqual(expected);

    const bytes = await readFile(path);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await writeFile(path, bytes);
    const corrupt = await start(db, dir);
    expect(corrupt.log.join('\n')).toMatch(/not used \(unreadable: checksum mismatch[\s\S]*index snapshot written/);
    expect(await answers(corrupt.search)).toEqual(expected);

    await truncate(path, Math.floor(bytes.length / 3));
    const truncated = await start(db, dir);
    expect(truncated.log[0]).toMatch(/not used \(unreadable: checksum mismatch/);
    expect(await answers(truncated.search)).toEqual(expected);

    await writeFile(path, 'not a snapshot');
    expect((await start(db, dir)).log[0]).toMatch(/not used \(unreadable: not a Zhiwen index snapshot/);
    // Each refusal wrote a fresh snapshot: the next start loads it.
    expect((await start(db, dir)).log[0]).toMatch(/index snapshot loaded/);
  });

  it("refuses another library's snapshot, and one from beyond the library's feed position", async () => {
    await (await start(db, dir)).search.writeSnapshot();
    const other = await openLibrary();
    const otherDir = await mkdtemp(join(tmpdir(), 'zhiwen-snapshot-other-'));
    try {
      await loadSampleLibrary(other);
      await mkdir(otherDir, { recursive: true });
      await copyFile(join(dir, SNAPSHOT_FILE), join(otherDir, SNAPSHOT_FILE));
      const expected = await answers((await start(other)).search);

      const foreign = await start(other, otherDir);
      expect(foreign.log[0]).toMatch(/not used \(made from library [0-9a-f-]+, this is [0-9a-f-]+\)/);
      expect(await answers(foreign.search)).toEqual(expected);

      // The same library id (a database restored from an older backup), but the snapshot is ahead of its feed.
      const { rows } = await db.query<{ value: unknown }>(`SELECT value FROM library_meta WHERE key = 'library_id'`);
      await other.query(`UPDATE library_meta SET value = $1::jsonb WHERE key = 'library_id'`, [JSON.stringify(rows[0].value)]);
      await copyFile(join(dir, SNAPSHOT_FILE), join(otherDir, SNAPSHOT_FILE));
      const ahead = await start(other, otherDir);
      expect(ahead.log[0]).toMatch(/not used \(made at feed position \d+, beyond the library's \d+/);
      expect(await answers(ahead.search)).toEqual(expected);
    } finally {
      await other.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
