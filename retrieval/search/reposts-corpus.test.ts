import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planInputs, readPlannedFile, type FeedItem } from '../../ingest/feeds';
import { ingestItems, LibraryWriter } from '../../ingest/pipeline';
import { openLibrary, type Db } from '../../library/store';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { SearchService } from './index';

describe.skipIf(!corpusAvailable)('repost clusters of the real corpus show once', () => {
  let db: Db;
  let search: SearchService;
  beforeAll(async () => {
    db = await openLibrary();
    const plan = await planInputs([corpusFile('documents', 'ncp2020_policy_docs.jsonl')]);
    async function* items(): AsyncGenerator<FeedItem> {
      for (const f of plan.files) yield* readPlannedFile(f);
    }
    await ingestItems(db, items(), { writer: new LibraryWriter(db) });
    search = new SearchService(db);
    await search.sync();
  }, 120_000);
  afterAll(async () => db?.close());

  it('finds each cluster once for its title, with the other copies listed', async () => {
    const { rows } = await db.query<{ cluster_id: number; title: string; ids: string[] }>(
      `SELECT cluster_id, min(title) AS title, array_agg(external_id ORDER BY external_id) AS ids
         FROM documents WHERE cluster_id IS NOT NULL AND status = 'active' GROUP BY cluster_id`,
    );
    // The NCP feed holds one guide twice (two ids, same text): ingest makes it a cluster.
    expect(rows.length).toBeGreaterThan(0);
    for (const cluster of rows) {
      const res = await search.search({ q: cluster.title });
      const copies = res.results.filter((r) => cluster.ids.includes(r.id));
      expect(copies).toHaveLength(1);
      expect(copies[0].reposts?.count).toBe(cluster.ids.length - 1);
      expect(res.results.map((r) => r.id)).toEqual([...new Set(res.results.map((r) => r.id))]);
    }
  });
});
