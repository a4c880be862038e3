import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../store';
import { createTestDatabase, SKIP_WITHOUT_TEST_DATABASE, TEST_DATABASE_URL, type TestDatabase } from '../store/test-database';
import { readIndexFeed, upsertDocument, upsertSite, withdrawDocument, writeDocuments, type PreparedDocument } from './index';

const doc = (externalId: string, title: string): PreparedDocument => ({
  externalId,
  siteCode: 'feed-order-site',
  title,
  body: `${title}的正文。`,
  infoType: '通知公告',
  docNumberKey: null,
  titleTokens: [title],
  contentHash: `hash-${externalId}-${title}`,
  chunks: [{ ordinal: 0, heading: null, text: `${title}的正文。`, tokens: [title] }],
});

if (!TEST_DATABASE_URL) console.warn(SKIP_WITHOUT_TEST_DATABASE);

/** Two writers at once need a real server: PGlite runs one transaction at a time. */
describe.skipIf(!TEST_DATABASE_URL)('the change feed with concurrent writers on a real PostgreSQL', () => {
  let database: TestDatabase;
  let slowWriter: Db;
  let quickWriter: Db;
  let follower: Db;

  beforeAll(async () => {
    database = await createTestDatabase('zhiwen_feed_order');
    [slowWriter, quickWriter, follower] = [
      await openLibrary({ databaseUrl: database.url }),
      await openLibrary({ databaseUrl: database.url }),
      await openLibrary({ databaseUrl: database.url }),
    ];
    // The site exists up front: two writers creating it at once would simply queue on its row.
    await upsertSite(quickWriter, { code: 'feed-order-site', name: '测试站' });
  });
  afterAll(async () => {
    for (const db of [slowWriter, quickWriter, follower]) await db?.close();
    await database?.drop();
  });

  /** Every change after `cursor`, as a follower reads them, and the cursor it ends at. */
  async function follow(cursor: number): Promise<{ ids: string[]; cursor: number }> {
    const ids: string[] = [];
    for (;;) {
      const batch = await readIndexFeed(follower, cursor);
      if (batch.length === 0) return { ids, cursor };
      ids.push(...batch.map((d) => `${d.externalId}:${d.status}`));
      cursor = batch.at(-1)!.changeSeq;
    }
  }

  it('never skips a change whose transaction commits after a later change was read', async () => {
    let cursor = (await follow(0)).cursor;
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // The slow writer stores its document first (taking the lower sequence value) and commits last.
    const slow = slowWriter.transaction(async (tx) => {
      await writeDocuments(tx, [doc('slow', '慢事务')]);
      written();
      await held;
    });
    await wrote;
    await upsertDocument(quickWriter, doc('quick', '快事务'));
    const first = await follow(cursor);
    expect(first.ids).toEqual(['quick:active']);
    cursor = first.cursor;
    commit();
    await slow;
    // Before the fix the follower's cursor was already past the slow document's value: it never came.
    expect((await follow(cursor)).ids).toEqual(['slow:active']);
  });

  it('orders a withdrawal after the version it withdraws, whichever transaction started first', async () => {
    let cursor = (await follow(0)).cursor;
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const slow = slowWriter.transaction(async (tx) => {
      await writeDocuments(tx, [doc('slow-2', '慢事务二')]);
      written();
      await held;
    });
    await wrote;
    await withdrawDocument(quickWriter, 'quick');
    const first = await follow(cursor);
    cursor = first.cursor;
    commit();
    await slow;
    expect([...first.ids, ...(await follow(cursor)).ids]).toEqual(['quick:withdrawn', 'slow-2:active']);
  });
});
