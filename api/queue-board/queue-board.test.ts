// bull-board over a real Redis (a unique key prefix): a job that fails into the dead letters is seen
// and retried through the board's own API, as the console's embedded board does, by a platform admin only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRecordError } from '../../library/errors';
import { openJobQueue, type JobQueue, type JobWorker } from '../../ingest/jobs';
import { TEST_REDIS_URL } from '../../ingest/jobs/testing/backends';
import { loadSampleLibrary } from '../../ingest/sample/load-sample';
import { openUsageFixture, type UsageFixture } from '../testing/usage-fixture';

const QUEUE = 'zhiwen-ingest';

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the queue board (bull-board at /console/queues/)', () => {
  const prefix = `test-${randomUUID()}`;
  let f: UsageFixture;
  let queue: JobQueue<{ n: number }, string>;
  let worker: JobWorker;
  let admin: Record<string, string>;
  let editor: Record<string, string>;
  let fixed = false;
  let jobId: string;

  beforeAll(async () => {
    f = await openUsageFixture(loadSampleLibrary, { parts: { queueBoard: { redisUrl: TEST_REDIS_URL, prefix, queues: [QUEUE] } } });
    admin = await f.person('queue-admin', [{ role: 'platform_admin', siteId: null }]);
    editor = await f.person('queue-editor', [{ role: 'editor', siteId: null }]);
    queue = openJobQueue(QUEUE, { redisUrl: TEST_REDIS_URL, prefix, attempts: 1 });
    // A bad record goes straight to the dead letters; once "fixed", the retried job succeeds.
    worker = queue.process(async (data) => {
      if (!fixed) throw new InvalidRecordError(`record ${data.n} has no title`);
      return 'stored';
    });
    jobId = await queue.add('ingest-document', { n: 7 });
    await until(async () => ((await queue.counts()).dead === 1 ? true : undefined), 'the dead letter');
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate().catch(() => undefined);
    await queue?.close();
    await f?.close();
  });

  const cookieOf = async (headers: Record<string, string>) => {
    const res = await f.app.inject({ method: 'POST', url: '/v1/admin/queue-board/session', headers });
    return { res, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] };
  };

  it('hands a platform admin\'s session to the board as an HttpOnly, SameSite=Strict cookie on its path only', async () => {
    const { res, cookie } = await cookieOf(admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ url: '/console/queues/', queues: [QUEUE] });
    expect(String(res.headers['set-cookie'])).toMatch(/^zhiwen_board=zs_[^;]+; Path=\/console\/queues; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    const page = await f.app.inject({ url: '/console/queues/', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<base href="/console/queues/"');
    // Its static files are served on this Node (a dependency of @fastify/static declares node >= 22).
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)![1];
    const js = await f.app.inject({ url: `/console/queues/${script}`, headers: { cookie } });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('shows the dead letter with its reason, and retries it: the job then completes', async () => {
    const { cookie } = await cookieOf(admin);
    const list = await f.app.inject({ url: `/console/queues/api/queues?activeQueue=${QUEUE}&status=failed&page=1&jobsPerPage=10`, headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const board = list.json<{ queues: Array<{ name: string; counts: Record<string, number>; jobs: Array<{ id: string; failedReason: string }> }> }>();
    const q = board.queues.find((x) => x.name === QUEUE)!;
    expect(q.counts.failed).toBe(1);
    expect(q.jobs).toEqual([expect.objectContaining({ id: jobId, failedReason: expect.stringContaining('record 7 has no title') })]);
    fixed = true;
    const retry = await f.app.inject({ method: 'PUT', url: `/console/queues/api/queues/${QUEUE}/${jobId}/retry`, headers: { cookie } });
    expect(retry.statusCode).toBe(204);
    const done = await until(async () => {
      const s = await queue.status(jobId);
      return s?.state === 'completed' ? s : undefined;
    }, 'the retried job to complete');
    expect(done.state).toBe('completed');
    expect((await queue.counts()).dead).toBe(0);
    // Like every admin write, the retry is in the audit log: who, what, when.
    const { rows } = await f.db.query<{ action: string; target_kind: string; target_id: string; actor_name: string }>(
      "SELECT action, target_kind, target_id, actor_name FROM audit_log WHERE action LIKE 'queue.%'");
    expect(rows).toEqual([{ action: 'queue.job_retry', target_kind: 'job', target_id: `${QUEUE}/${jobId}`, actor_name: 'queue-admin' }]);
  });

  it('refuses everyone else: no credential 401, an editor 403, a forged cookie 401; never a 500', async () => {
    const none = await f.app.inject({ url: '/console/queues/api/queues' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('CREDENTIAL_REQUIRED');
    expect((await cookieOf(editor)).res.statusCode).toBe(403);
    const asEditor = await f.app.inject({ url: '/console/queues/', headers: { cookie: `zhiwen_board=${editor.authorization.slice(7)}` } });
    expect(asEditor.statusCode).toBe(403);
    expect(asEditor.json().error.code).toBe('ACTION_FORBIDDEN');
    const forged = await f.app.inject({ method: 'PUT', url: `/console/queues/api/queues/${QUEUE}/${jobId}/retry`, headers: { cookie: 'zhiwen_board=zs_forged' } });
    expect(forged.statusCode).toBe(401);
  });
});

describe('the queue board without Redis', () => {
  let f: UsageFixture;
  beforeAll(async () => {
    f = await openUsageFixture(loadSampleLibrary);
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  it('is absent, and says why and what to do (503 QUEUE_BOARD_UNAVAILABLE), to an admin only', async () => {
    const admin = await f.person('no-redis-admin', [{ role: 'platform_admin', siteId: null }]);
    const session = await f.app.inject({ method: 'POST', url: '/v1/admin/queue-board/session', headers: admin });
    expect(session.statusCode).toBe(503);
    expect(session.json().error).toMatchObject({ code: 'QUEUE_BOARD_UNAVAILABLE', message: expect.stringContaining('REDIS_URL') });
    const page = await f.app.inject({ url: '/console/queues/', headers: admin });
    expect(page.statusCode).toBe(503);
    expect((await f.app.inject({ url: '/console/queues/' })).statusCode).toBe(401);
  });
});
