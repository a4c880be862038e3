import type { LocalWrites } from '../api/routes/local-writes';
import { FEED_KINDS, type FeedKind } from '../ingest/feeds/feed-kinds';
import { ZhiwenError } from '../library/errors';
import type { Embedder } from '../library/embeddings';
import type { Db } from '../library/store';
import type * as IngestCommandModule from './ingest-command';

const badRequest = (message: string) => new ZhiwenError('BAD_REQUEST', message);

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    throw badRequest(`${field} must be a non-empty list of strings`);
  }
  return value as string[];
}

/**
 * What `zhiwen serve` runs for the CLI's handed-over writes, in its own process: the same code the
 * CLI runs on a library it opens itself. One write at a time, in arrival order (a second CLI waits).
 * The ingest pipeline loads on the first write, not at start. `embedder` is the service's own (the
 * model its hybrid search uses): handed-over documents get their vectors as a CLI's would.
 */
export function localWriteTasks(db: Db, secret: string, embedder?: Embedder): LocalWrites {
  let tail: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  const commands = (): Promise<typeof IngestCommandModule> => import('./ingest-command');
  return {
    secret,
    tasks: {
      ingest: (body, emit, signal) => {
        const b = (body ?? {}) as Record<string, unknown>;
        const paths = stringList(b.paths, 'paths');
        if (b.kind !== undefined && !(FEED_KINDS as readonly unknown[]).includes(b.kind)) throw badRequest(`kind must be one of ${FEED_KINDS.join(', ')}`);
        if (b.site !== undefined && typeof b.site !== 'string') throw badRequest('site must be a string');
        if (b.defaultSite !== undefined && typeof b.defaultSite !== 'string') throw badRequest('defaultSite must be a string');
        return oneAtATime(async () =>
          (await commands()).ingestInLibrary(db, paths, {
            site: b.site as string | undefined,
            defaultSite: b.defaultSite as string | undefined,
            kind: b.kind as FeedKind | undefined,
            publishQa: b.publishQa === true,
            estimate: b.estimate === true,
            onProgress: (p) => emit({ ...p }),
            signal,
            embedder,
          }),
        );
      },
      withdraw: (body) => {
        const ids = stringList((body as Record<string, unknown> | null)?.ids, 'ids');
        return oneAtATime(async () => (await commands()).withdrawInLibrary(db, ids));
      },
    },
  };
}
