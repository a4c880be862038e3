/**
 * A bare ingest worker process for tests: the same startIngestWorker the `zhiwen worker` command runs,
 * configured from the environment (DATABASE_URL, REDIS_URL, ZHIWEN_QUEUE_PREFIX, ZHIWEN_JOB_LOCK_MS),
 * optionally slowed by TEST_JOB_DELAY_MS after each stored job so a test can kill it mid-run.
 */
import { openLibrary } from '../../../library/store';
import { INGEST_QUEUE, type IngestDocumentData, type IngestDocumentResult } from '../ingest-document';
import { Ingestor } from '../../pipeline';
import { startIngestWorker } from '../ingest-worker';
import { openJobQueue } from '../open-queue';

const env = process.env;
const db = await openLibrary({ databaseUrl: env.DATABASE_URL });
const queue = openJobQueue<IngestDocumentData, IngestDocumentResult>(INGEST_QUEUE, {
  redisUrl: env.REDIS_URL,
  prefix: env.ZHIWEN_QUEUE_PREFIX,
  lockMs: env.ZHIWEN_JOB_LOCK_MS ? Number(env.ZHIWEN_JOB_LOCK_MS) : undefined,
});
const delayMs = Number(env.TEST_JOB_DELAY_MS ?? 0);
const worker = startIngestWorker(new Ingestor(db), queue, {
  concurrency: Number(env.TEST_WORKER_CONCURRENCY ?? 4),
  afterEach: delayMs > 0 ? () => new Promise((r) => setTimeout(r, delayMs)) : undefined,
});
console.log('worker ready');
process.once('SIGTERM', () => {
  void (async () => {
    await worker.close();
    await queue.close();
    await db.close();
    process.exit(0);
  })();
});
