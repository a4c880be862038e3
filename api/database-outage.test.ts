import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../ingest/pipeline';
import { upsertDocument } from '../library/documents';
import { openLibrary, openPg, type Db } from '../library/store';
import { createTestDatabase, SKIP_WITHOUT_TEST_DATABASE, TEST_DATABASE_URL, type TestDatabase } from '../library/store/test-database';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

async function until<T>(ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

if (!TEST_DATABASE_URL) console.warn(SKIP_WITHOUT_TEST_DATABASE);

/**
 * A real connection loss: every backend of the replica's database is terminated and the database
 * refuses connections for a while, as during a restart. An unhandled pool 'error' used to end the process
 * (vitest reports it as an unhandled error and fails the run).
 */
describe.skipIf(!TEST_DATABASE_URL)('an API replica while its PostgreSQL goes away and comes back', () => {
  let database: TestDatabase;
  let admin: Db;
  let db: Db;
  let writer: Db;
  let app: FastifyInstance;
  let stopFollowing: () => void;

  beforeAll(async () => {
    database = await createTestDatabase('zhiwen_outage');
    admin = await openPg(TEST_DATABASE_URL!, { max: 1 });
    db = await openLibrary({ databaseUrl: database.url });
    writer = await openLibrary({ databaseUrl: database.url });
    const doc = { siteCode: 'outage-site', infoType: '通知公告' as const };
    await upsertDocument(writer, prepareDocument({ ...doc, externalId: 'before', title: '关于做好防汛工作的通知', body: '各地做好防汛准备。' }));
    const search = new SearchService(db, { followIntervalMs: 200 });
    await search.sync();
    stopFollowing = search.follow();
    app = await buildApp(composeServices({ db, search }));
  });
  afterAll(async () => {
    stopFollowing?.();
    await admin?.exec(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
    await app?.close();
    await db?.close();
    await writer?.close();
    await admin?.close();
    await database?.drop();
  });

  const health = async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    return { status: res.statusCode, body: res.json() };
  };

  it('reports the database unavailable, keeps running, and recovers: healthy again and following the feed', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { ok: true, database: { status: 'ok' } } });
    await admin.exec(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database.name]);
    const down = await until(10_000, async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body).toMatchObject({ ok: false, database: { status: 'unavailable' } });
    await new Promise((r) => setTimeout(r, 1500));
    await admin.exec(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
    await until(40_000, async () => ((await health()).status === 200 ? true : undefined));
    await upsertDocument(writer, prepareDocument({
      siteCode: 'outage-site', infoType: '通知公告' as const, externalId: 'after', title: '关于恢复供水的通告', body: '城区恢复正常供水。',
    }));
    await until(40_000, async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/search?q=恢复供水' });
      return res.statusCode === 200 && res.json().results.some((r: { id: string }) => r.id === 'after') ? true : undefined;
    });
    expect((await health()).body).toMatchObject({ ok: true, feed: { failures: 0, pending: 0, indexedDocuments: 2, libraryDocuments: 2 } });
  });
});
