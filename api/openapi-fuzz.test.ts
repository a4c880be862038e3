// A schema-driven fuzzer over every route (issue 15): schemathesis (PyPI) reads the API's own OpenAPI
// document from a real listener and sends what each operation's schema allows and what it does not
// (boundaries, wrong types, NUL bytes, huge numbers, stateful sequences); any 5xx fails the test.
// Install it with `python3 -m pip install schemathesis` (.ci/run does); without it the test skips.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRecordError } from '../library/errors';
import { MemoryJobQueue, waitForDrain } from '../ingest/jobs';
import { TEST_REDIS_URL } from '../ingest/jobs/testing/backends';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { openLibrary, type Db } from '../library/store';
import { Curation } from '../retrieval/curation';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

const installed = spawnSync('schemathesis', ['--version'], { encoding: 'utf8' }).status === 0;
if (!installed) console.warn('api/openapi-fuzz.test.ts skipped: schemathesis is not installed (python3 -m pip install schemathesis)');

/**
 * Test cases per operation and phase, and a time budget for the whole run: 20 per operation were
 * about 4,800 requests over 85 operations in 120–220 s on 2 busy cores, so the budget (150 s) bounds
 * the test on a loaded machine while the coverage phase (boundaries, NUL, wrong types; ~20 s) always
 * completes. ZHIWEN_FUZZ_EXAMPLES and ZHIWEN_FUZZ_SECONDS raise them for a deeper run.
 */
const EXAMPLES = Number(process.env.ZHIWEN_FUZZ_EXAMPLES ?? 20);
const SECONDS = Number(process.env.ZHIWEN_FUZZ_SECONDS ?? 150);
const TOKEN = 'fuzz-admin-token';

/** Runs the CLI; resolves with its exit code and output (it prints each failure with a curl line to replay). */
function schemathesis(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('schemathesis', args, { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(!installed)('every route under a schema-driven fuzzer (schemathesis): no 5xx', () => {
  let db: Db;
  let app: FastifyInstance;
  let curation: Curation;
  let dir: string;
  let base: string;
  const queue = new MemoryJobQueue<{ id: string }, void>('zhiwen-ingest', { attempts: 1 });
  beforeAll(async () => {
    // A fresh library with the sample data per run, so writes (and deletes) the fuzzer makes cost nothing.
    db = await openLibrary();
    await loadSampleLibrary(db);
    curation = await Curation.open(db);
    const search = new SearchService(db, { curation });
    await search.sync();
    // A dead letter, so the job routes have a job to show.
    await queue.addBulk([{ name: 'ingest-document', data: { id: 'bad' } }]);
    queue.process(async () => {
      throw new InvalidRecordError('feed.jsonl line 1: title is missing');
    });
    await waitForDrain(queue, { intervalMs: 5 });
    // The bundles `zhiwen serve` builds at start; absent, their routes answer 500 by design (an operator's fault).
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-fuzz-'));
    const bundle = path.join(dir, 'bundle.js');
    await writeFile(bundle, 'customElements.get("zhiwen-search");\n');
    // As `zhiwen serve` composes it, Redis included (the queue board answers 503 without it, by design).
    const queueBoard = { redisUrl: TEST_REDIS_URL, prefix: `test-fuzz-${randomUUID()}`, queues: ['zhiwen-ingest'] };
    app = await buildApp(composeServices({ db, search, curation, jobs: [queue], queueBoard }), {
      adminToken: TOKEN, rateLimitPerMinute: 0, widgetFile: bundle, consoleFile: bundle, chartsFile: bundle,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await curation?.close();
    await queue.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers every generated request to every operation of /docs/json without a server error', async () => {
    const { code, output } = await schemathesis([
      'run', `${base}/docs/json`,
      '--checks', 'not_a_server_error',
      '--max-examples', String(EXAMPLES),
      '--max-time', String(SECONDS),
      // One worker: hypothesis's coverage phase is not thread-safe (its AST cache breaks with two).
      '--workers', '1',
      '--generation-database', 'none',
      // The legacy admin token acts as the platform admin on every route; a generated `Authorization`
      // header (from the bearer scheme) would take precedence and turn admin routes into 401s.
      '--generation-with-security-parameters', 'false',
      '--header', `x-zhiwen-admin-token: ${TOKEN}`,
      '--header', 'x-zhiwen-user: fuzzer',
      '--request-timeout', '30',
      '--no-color',
    ], (SECONDS + 120) * 1000);
    const failures = output.includes('FAILURES') ? output.slice(output.indexOf('FAILURES'), output.lastIndexOf('SUMMARY')) : output;
    expect(code, `schemathesis found server errors; replay each with its curl line:\n${failures.slice(0, 12_000)}\n${output.slice(output.lastIndexOf('SUMMARY'))}`).toBe(0);
    // Every operation of the document was exercised, none skipped for want of a schema.
    const operations = Object.values((await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, object> }>().paths)
      .reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(output).toContain(`Tested: ${operations}`);
    expect(Number(/(\d+) generated/u.exec(output)?.[1])).toBeGreaterThan(operations * 10);
  }, (SECONDS + 150) * 1000);
});
