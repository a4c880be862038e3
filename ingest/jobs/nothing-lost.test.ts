import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openPglite } from '../../library/store';
import { enqueueInputs } from './enqueue-feed';
import { INGEST_QUEUE, type IngestDocumentData } from './ingest-document';
import type { JobQueue } from './job-queue';
import { openJobQueue } from './open-queue';
import { TEST_REDIS_URL } from './testing/backends';
import { waitForDrain } from './wait-for-drain';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOCS = 200;

/**
 * The library is shared by processes over the PostgreSQL wire protocol: PGlite served by pglite-socket
 * (as a real deployment shares one PostgreSQL). Each worker is a real child process.
 */
describe('nothing lost: a worker killed mid-run', () => {
  let server: PGLiteSocketServer;
  let databaseUrl: string;
  let db: Awaited<ReturnType<typeof openPglite>>;
  let queue: JobQueue<IngestDocumentData, unknown>;
  let dir: string;
  const prefix = `test-${randomUUID()}`;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // Migrated in-process (quicker), then served; this process queries it only once the workers are done.
    db = await openPglite();
    await migrate(db);
    server = new PGLiteSocketServer({ db: db.pglite, port: 0, host: '127.0.0.1', maxConnections: 32 });
    await server.start();
    databaseUrl = `postgres://postgres@${server.getServerConn()}/postgres`;
    queue = openJobQueue(INGEST_QUEUE, { redisUrl: TEST_REDIS_URL, prefix, lockMs: 2000 });
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-nothing-lost-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await queue?.obliterate();
    await queue?.close();
    await server?.stop();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function startWorker(): ChildProcess {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'testing/ingest-worker-entry.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          REDIS_URL: TEST_REDIS_URL,
          ZHIWEN_QUEUE_PREFIX: prefix,
          ZHIWEN_JOB_LOCK_MS: '2000',
          TEST_JOB_DELAY_MS: '5',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code, signal) => {
      if (code && code !== 0) console.error(`worker exited ${code} ${signal ?? ''}: ${stderr}`);
    });
    children.push(child);
    return child;
  }

  it('stores every document exactly once after SIGKILL and a restart', async () => {
    const file = path.join(dir, 'feed.jsonl');
    const ids = Array.from({ length: DOCS }, (_, i) => `doc-${String(i).padStart(4, '0')}`);
    await writeFile(
      file,
      ids
        .map((id, i) =>
          JSON.stringify({
            id,
            site: 'kill-test',
            title: `关于第${i}号事项的通知`,
            category: '通知公告',
            text: `第${i}号事项。\n${'各有关单位要认真贯彻落实。'.repeat(8)}\n${'请按时报送材料。'.repeat(6)}`,
          }),
        )
        .join('\n'),
    );
    expect((await enqueueInputs(queue, [file])).enqueued).toBe(DOCS);

    const first = startWorker();
    let mid = await queue.counts();
    for (let i = 0; i < 600 && mid.completed < 30; i++) {
      await new Promise((r) => setTimeout(r, 50));
      mid = await queue.counts();
    }
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    mid = await queue.counts();
    expect(mid.completed).toBeGreaterThanOrEqual(30);
    expect(mid.completed).toBeLessThan(DOCS);

    startWorker();
    const final = await waitForDrain(queue, { intervalMs: 100 });
    expect(final).toEqual({ waiting: 0, active: 0, completed: DOCS, failed: 0, dead: 0 });

    const { rows } = await db.query<{ external_id: string; title: string; n: number; chunks: number }>(
      `SELECT d.external_id, d.title, count(DISTINCT d.id)::int AS n, count(c.id)::int AS chunks
         FROM documents d LEFT JOIN chunks c ON c.document_id = d.id GROUP BY d.external_id, d.title ORDER BY d.external_id`,
    );
    expect(rows.map((r) => r.external_id)).toEqual(ids);
    expect(rows.every((r) => r.n === 1 && r.chunks > 0)).toBe(true);
    expect(rows.every((r, i) => r.title === `关于第${i}号事项的通知`)).toBe(true);
    const chunkTotals = await db.query<{ n: number; distinct_n: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT (document_id, ordinal))::int AS distinct_n FROM chunks',
    );
    expect(chunkTotals.rows[0].n).toBe(chunkTotals.rows[0].distinct_n);
  });
});
