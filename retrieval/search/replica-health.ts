import type { Queryable } from '../../library/store';
import type { FeedStatus } from './replica';

export interface ReplicaHealthOptions {
  /** A replica lags when changes have waited longer than this since it last caught up, ms. Default 30 000. */
  lagLimitMs?: number;
  /** How long the database check may take before the database counts as unavailable, ms. Default 2000. */
  timeoutMs?: number;
}

/** What /healthz reports: the database, and whether this replica's index has what the library has. */
export interface ReplicaHealth {
  ok: boolean;
  database: { status: 'ok' | 'unavailable'; error?: string };
  feed: FeedStatus & {
    /** Changes in the library this replica has not applied yet (null: the database did not answer). */
    pending: number | null;
    /** Active documents in the library, when every change is applied (null otherwise or unknown). */
    libraryDocuments: number | null;
    indexedDocuments: number;
    lagging: boolean;
  };
}

/** The parts of a SearchService the check reads. */
interface Replica {
  readonly feedStatus: FeedStatus;
  readonly index: { readonly size: { documents: number } };
}

/**
 * Checks the database and this replica's place in the change feed. A replica lags when changes wait
 * while it has not caught up for `lagLimitMs` (a follower stuck or failing), or when it has applied every
 * change yet indexes another number of documents than the library holds (a change it skipped).
 */
export async function replicaHealth(db: Queryable, replica: Replica, options: ReplicaHealthOptions = {}): Promise<ReplicaHealth> {
  const lagLimitMs = options.lagLimitMs ?? 30_000;
  // Read together, in one tick: a sync applies a batch and moves appliedSeq in one synchronous step.
  const status = replica.feedStatus;
  const indexed = replica.index.size.documents;
  const sinceCaughtUp = status.caughtUpAt === null ? Infinity : Date.now() - status.caughtUpAt;
  let counts: { pending: number; active: number };
  try {
    counts = await withTimeout(options.timeoutMs ?? 2000, async () => {
      // One statement, one snapshot: "no change pending" and the count describe the same library state.
      const { rows } = await db.query<{ pending: number; active: number }>(
        `SELECT (SELECT count(*) FROM documents WHERE change_seq > $1)::int AS pending,
                (SELECT count(*) FROM documents WHERE status = 'active')::int AS active`,
        [status.appliedSeq],
      );
      return rows[0];
    });
  } catch (err) {
    return {
      ok: false,
      database: { status: 'unavailable', error: (err as Error).message },
      feed: { ...status, pending: null, libraryDocuments: null, indexedDocuments: indexed, lagging: sinceCaughtUp > lagLimitMs },
    };
  }
  // A sync that ran meanwhile moved appliedSeq: the counts no longer compare.
  const comparable = counts.pending === 0 && replica.feedStatus.appliedSeq === status.appliedSeq;
  const skipped = comparable && counts.active !== replica.index.size.documents;
  const stuck = counts.pending > 0 && sinceCaughtUp > lagLimitMs;
  const lagging = skipped || stuck;
  return {
    ok: !lagging,
    database: { status: 'ok' },
    feed: { ...status, pending: counts.pending, libraryDocuments: comparable ? counts.active : null, indexedDocuments: indexed, lagging },
  };
}

async function withTimeout<T>(ms: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
