/**
 * The OpenSearch search backend: a second implementation of the retrieval seam
 * (retrieval/search/retrieval.ts) for libraries beyond one machine. PostgreSQL stays the store of
 * record and Zhiwen's analyzer the only analyzer; OpenSearch holds the analyzed tokens.
 * Start a node with scripts/opensearch.sh; choose the backend with ZHIWEN_SEARCH_BACKEND=opensearch
 * and OPENSEARCH_URL (read in cli/config.ts, built in api/compose.ts).
 */
import { SiteDirectory } from '../../library/sites';
import type { Queryable } from '../../library/store/db';
import { QueryUnderstanding } from '../query';
import { FollowLoop } from '../search/follow-loop';
import type { Db } from '../../library/store';
import { zhiwenError } from '../../library/errors';
import type { SearchServiceOptions } from '../search';
import { openSearchClient, openSearchReachable, type OpenSearchClient } from './client';
import { OpenSearchSearchService } from './search-service';
import { OpenSearchIndexer, type OpenSearchIndexerOptions } from './indexer';
import { OpenSearchRetriever } from './retriever';

export { openSearchClient, openSearchReachable } from './client';
export type { OpenSearchClient } from './client';
export { OpenSearchIndexer } from './indexer';
export type { OpenSearchIndexerOptions } from './indexer';
export { OpenSearchRetriever } from './retriever';
export type { OpenSearchRetrieverOptions } from './retriever';
export { OPENSEARCH_SCHEMA_VERSION } from './mapping';
export { OpenSearchSearchService } from './search-service';
export type { OpenSearchSearchOptions } from './search-service';
export { OPENSEARCH_WRITE_QUEUE, APPLY_FEED_RANGE, enqueueFeedGap, followFeedIntoQueue, startOpenSearchWriter, startOpenSearchWrites, feedHead } from './feed-jobs';
export type { FeedRangeJob, WriteQueue } from './feed-jobs';

export interface OpenSearchBackendOptions extends OpenSearchIndexerOptions {
  /** The node or cluster, e.g. http://127.0.0.1:9200 (OPENSEARCH_URL). */
  url: string;
  /**
   * Query understanding. Default: the analyzer's terms only (no vocabulary: no expansions, pinyin or
   * corrections). Pass the embedded backend's (SearchService.understanding) to search the same terms.
   */
  understanding?: QueryUnderstanding;
  /** Weight of the title against the best chunk; default 2 as in the embedded index. */
  titleWeight?: number;
}

/** The indexer, the site directory and the retriever over one index alias, with one `sync` that keeps them current. */
export interface OpenSearchBackend {
  client: OpenSearchClient;
  indexer: OpenSearchIndexer;
  sites: SiteDirectory;
  retriever: OpenSearchRetriever;
  /** Reloads the sites and applies the library's changes to the index; returns how many documents changed. */
  sync(): Promise<number>;
  /** Keeps syncing every `intervalMs` (default 1000), retrying with backoff while a dependency is down; returns a function that stops. */
  follow(intervalMs?: number): () => void;
}

export function openSearchBackend(db: Queryable, options: OpenSearchBackendOptions): OpenSearchBackend {
  const client = openSearchClient(options.url);
  const indexer = new OpenSearchIndexer(db, client, options);
  const sites = new SiteDirectory();
  const understanding = options.understanding ?? new QueryUnderstanding(() => 0, undefined, { enabled: false });
  const retriever = new OpenSearchRetriever({ db, client, alias: indexer.alias, sites, understanding, titleWeight: options.titleWeight });
  const sync = async () => {
    await sites.reload(db);
    return indexer.sync();
  };
  return {
    client, indexer, sites, retriever, sync,
    follow: (intervalMs = 1000) => new FollowLoop('opensearch index sync', sync, intervalMs).start(),
  };
}

/** SearchService ranking on OpenSearch, and the indexer that keeps its alias current. */
export interface OpenSearchServing {
  search: OpenSearchSearchService;
  indexer: OpenSearchIndexer;
}

/**
 * What `zhiwen serve` runs with ZHIWEN_SEARCH_BACKEND=opensearch: fails at start, with the fix, when no
 * node answers at `url`, so a replica never serves errors for want of its engine.
 */
export async function openOpenSearchServing(db: Db, options: SearchServiceOptions & { url: string; alias: string }): Promise<OpenSearchServing> {
  const { url, alias, ...searchOptions } = options;
  if (!(await openSearchReachable(url, 5000))) throw zhiwenError('SEARCH_BACKEND_UNAVAILABLE', url, 'no answer to GET /_cluster/health within 5 s');
  const client = openSearchClient(url);
  const indexer = new OpenSearchIndexer(db, client, { alias });
  // The alias exists before the first query (serve's warm-up search), empty until the writes catch up.
  await indexer.ensureTarget();
  return { search: new OpenSearchSearchService(db, { ...searchOptions, client, alias }), indexer };
}
