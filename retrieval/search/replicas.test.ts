import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument, withdrawDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { SearchService } from './index';

/** Polls until `check` passes or the deadline passes; returns the milliseconds it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not true within ${ms} ms`);
}

describe('several API replicas over one library', () => {
  let pglite: PGlite;
  let server: PGLiteSocketServer;
  const dbs: Db[] = [];
  const replicas: SearchService[] = [];
  const stops: Array<() => void> = [];

  beforeAll(async () => {
    pglite = await PGlite.create({ extensions: { vector } });
    server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 40 });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    for (let i = 0; i < 3; i++) dbs.push(await openLibrary({ databaseUrl: url }));
    for (const db of dbs.slice(1)) {
      const replica = new SearchService(db, { followIntervalMs: 200 });
      await replica.sync();
      stops.push(replica.follow());
      replicas.push(replica);
    }
  });
  afterAll(async () => {
    stops.forEach((stop) => stop());
    for (const db of dbs) await db.close();
    await server?.stop();
    await pglite?.close();
  });

  const found = async (replica: SearchService, q: string, id: string) =>
    (await replica.search({ q })).results.some((r) => r.id === id);

  it('makes a newly ingested document searchable on every replica within seconds, and a withdrawal too', async () => {
    const writer = dbs[0];
    await upsertDocument(writer, prepareDocument({
      externalId: 'replica-doc', siteCode: 'replica-site', title: '关于开展三码合一登记试点的通知',
      body: '试点地区推行三码合一登记。', infoType: '通知公告',
    }));
    for (const replica of replicas) {
      expect(await within(5000, () => found(replica, '三码合一登记试点', 'replica-doc'))).toBeLessThan(5000);
    }
    await withdrawDocument(writer, 'replica-doc');
    for (const replica of replicas) {
      expect(await within(5000, async () => !(await found(replica, '三码合一登记试点', 'replica-doc')))).toBeLessThan(5000);
    }
  });
});
