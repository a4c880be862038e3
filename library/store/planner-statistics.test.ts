import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, refreshPlannerStatistics, type Db } from './index';

/** The search index's change-feed poll, as library/documents/feed.ts runs it. */
const FEED_PLAN = `EXPLAIN SELECT d.id FROM documents d LEFT JOIN document_clusters c ON c.id = d.cluster_id
                    WHERE d.change_seq > $1 ORDER BY d.change_seq LIMIT 2000`;

async function feedPlan(db: Db, afterSeq: number): Promise<string> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(FEED_PLAN, [afterSeq]);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function addDocuments(db: Db, n: number): Promise<number> {
  await db.query(`INSERT INTO sites (code, name, level) VALUES ('stats-site', '统计测试站', 'city') ON CONFLICT (code) DO NOTHING`);
  await db.query(
    `INSERT INTO documents (external_id, site_id, title, body, info_type, content_hash, analyzer_version)
     SELECT 'stats-' || g, (SELECT id FROM sites WHERE code = 'stats-site'), '样例标题' || g, '样例正文', '通知公告', md5(g::text), 1
       FROM generate_series((SELECT count(*) FROM documents) + 1, (SELECT count(*) FROM documents) + $1) g`,
    [n],
  );
  const { rows } = await db.query<{ max: string }>('SELECT max(change_seq) AS max FROM documents');
  return Number(rows[0].max);
}

describe('planner statistics on embedded PGlite (no autovacuum)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-stats-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('analyzes a never-analyzed library, so the change feed reads its index instead of scanning every document', async () => {
    const db = await openLibrary({ dataDir: dir });
    const last = await addDocuments(db, 20_000);
    expect(await feedPlan(db, last)).toMatch(/Seq Scan on documents/);
    expect(await refreshPlannerStatistics(db)).toContain('public.documents');
    expect(await feedPlan(db, last)).toMatch(/Index Scan using documents_change_seq_idx/);
    // Nothing changed since: nothing to analyze.
    expect(await refreshPlannerStatistics(db)).not.toContain('public.documents');
    await db.close();
  });

  it('analyzes again once a tenth of a table changed, and on close, so the next process plans well at once', async () => {
    const db = await openLibrary({ dataDir: dir });
    await addDocuments(db, 500);
    expect(await refreshPlannerStatistics(db)).not.toContain('public.documents');
    await addDocuments(db, 2_500);
    await db.close();
    const reopened = await openLibrary({ dataDir: dir });
    const { rows } = await reopened.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'documents'`);
    expect(rows[0].reltuples).toBe(23_000);
    await reopened.close();
  });
});
