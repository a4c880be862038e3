import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { replicaHealth } from './replica-health';
import { SearchService } from './index';

// What /healthz reports for a replica: ok once it has what the library has; lagging when it skipped a
// change or has not caught up for too long (the stuck replica of issue 12 answered ok).
describe('replica health', () => {
  let db: Db;
  const store = (id: string, title: string) =>
    upsertDocument(db, prepareDocument({ externalId: id, siteCode: 'health-site', title, body: `${title}。正文。`, infoType: '通知公告' }));

  beforeAll(async () => {
    db = await openLibrary();
    await store('h-1', '关于开展三码合一登记试点的通知');
    await store('h-2', '关于做好高校毕业生就业工作的通知');
  });
  afterAll(async () => db?.close());

  it('is ok when the replica applied every change and indexes what the library holds', async () => {
    const replica = new SearchService(db);
    await replica.sync();
    const health = await replicaHealth(db, replica);
    expect(health).toMatchObject({ ok: true, database: { status: 'ok' }, feed: { pending: 0, libraryDocuments: 2, indexedDocuments: 2, lagging: false } });
  });

  it('lags when changes wait longer than the limit since it last caught up', async () => {
    const replica = new SearchService(db);
    await replica.sync();
    await store('h-3', '关于调整城乡居民医保缴费标准的通知');
    expect((await replicaHealth(db, replica, { lagLimitMs: 60_000 })).feed).toMatchObject({ pending: 1, lagging: false });
    const stuck = await replicaHealth(db, replica, { lagLimitMs: 0 });
    expect(stuck).toMatchObject({ ok: false, feed: { pending: 1, lagging: true } });
    await replica.sync();
    expect((await replicaHealth(db, replica, { lagLimitMs: 0 })).ok).toBe(true);
  });

  it('lags when it applied every change yet indexes another number of documents (a skipped change)', async () => {
    const replica = new SearchService(db);
    await replica.sync();
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE status = 'active'`);
    const skipped = { feedStatus: replica.feedStatus, index: { size: { documents: rows[0].n - 1 } } };
    expect(await replicaHealth(db, skipped)).toMatchObject({ ok: false, feed: { pending: 0, libraryDocuments: rows[0].n, lagging: true } });
  });
});
