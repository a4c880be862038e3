import type { Queryable } from '../../library/store/db';
import { FollowLoop } from '../search/follow-loop';
import type { OpenSearchIndexer } from './indexer';

/** Queue and job names of the index writes (cli/serve opens the queue: BullMQ with REDIS_URL, else in-process). */
export const OPENSEARCH_WRITE_QUEUE = 'opensearch-writes';
export const APPLY_FEED_RANGE = 'apply-feed-range';

/** One write job: apply the library's changes after `after` up to at least `upTo` (change_seq values). */
export interface FeedRangeJob {
  alias: string;
  after: number;
  upTo: number;
}

/**
 * The slice of a job queue (ingest/jobs JobQueue) the writes need: add with a stable id, and a worker.
 * Declared here so retrieval does not import ingest; both JobQueue backends fit it.
 */
export interface WriteQueue {
  add(name: string, data: FeedRangeJob, opts?: { jobId?: string; attempts?: number }): Promise<string>;
  process(handler: (data: FeedRangeJob) => Promise<number>, options?: { concurrency?: number }): { close(): Promise<void> };
}

/** The library's latest change: the feed's head. */
export async function feedHead(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: string | number }>('SELECT coalesce(max(change_seq), 0) AS seq FROM documents');
  return Number(rows[0].seq);
}

/**
 * Enqueues, from the index's recorded position, the range of the feed it does not hold yet. The
 * position lives in the index (OpenSearchIndexer.applyRange advances it), not in this process: a lost
 * job is enqueued again at the next tick, a follower restarted anywhere resumes where the index stands,
 * and the job id (alias and range) makes a tick that finds the same gap add nothing twice.
 * Returns the job's id, or null when the index is current.
 */
export async function enqueueFeedGap(db: Queryable, indexer: OpenSearchIndexer, queue: WriteQueue, round = 0): Promise<string | null> {
  const after = (await indexer.ensureTarget()).stamp.appliedSeq;
  const upTo = await feedHead(db);
  if (upTo <= after) return null;
  const jobId = `os-${indexer.alias}-${after}-${upTo}${round ? `-r${round}` : ''}`;
  return queue.add(APPLY_FEED_RANGE, { alias: indexer.alias, after, upTo }, { jobId, attempts: 5 });
}

/** Ticks a gap may stay the same before it is enqueued again under a new id (its job was lost, or ran without moving the position). */
const STALE_TICKS = 10;

/** Keeps enqueueing the index's gap every `intervalMs` (retrying with backoff while a dependency is down); returns a function that stops. */
export function followFeedIntoQueue(db: Queryable, indexer: OpenSearchIndexer, queue: WriteQueue, intervalMs = 1000): () => void {
  let last: string | null = null;
  let ticks = 0;
  let round = 0;
  return new FollowLoop('opensearch write follower', async () => {
    const id = await enqueueFeedGap(db, indexer, queue, round);
    ticks = id !== null && id === last ? ticks + 1 : 0;
    last = id;
    // A job id still known to the queue adds nothing: a gap that outlives its job gets a fresh id.
    if (ticks >= STALE_TICKS) [round, ticks] = [round + 1, 0];
    else if (id === null) round = 0;
  }, intervalMs).start();
}

/** The worker: applies each range job to the index (idempotent: see OpenSearchIndexer.applyRange). */
export function startOpenSearchWriter(indexer: OpenSearchIndexer, queue: WriteQueue, concurrency = 1): { close(): Promise<void> } {
  return queue.process(async (job) => {
    if (job.alias !== indexer.alias) throw new RangeError(`write job for alias "${job.alias}" reached the writer of "${indexer.alias}": give each alias its own queue`);
    return indexer.applyRange(job.after, job.upTo);
  }, { concurrency });
}

/**
 * What a serving process runs for the OpenSearch backend: catches the index up in this process (so the
 * first request finds the library), then the follower and a writer on `queue` (every replica runs
 * both on the shared queue: the job ids keep one gap from being applied twice). Returns the stop.
 */
export async function startOpenSearchWrites(db: Queryable, indexer: OpenSearchIndexer, queue: WriteQueue & { close(): Promise<void> }): Promise<{ caughtUp: number; stop(): Promise<void> }> {
  const from = (await indexer.ensureTarget()).stamp.appliedSeq;
  const caughtUp = await indexer.applyRange(from, await feedHead(db));
  const writer = startOpenSearchWriter(indexer, queue);
  const stopFollowing = followFeedIntoQueue(db, indexer, queue);
  return {
    caughtUp,
    async stop() {
      stopFollowing();
      await writer.close();
      await queue.close();
    },
  };
}
