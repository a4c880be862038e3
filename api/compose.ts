import type { Db } from '../library/store';
import { AnswerService } from '../retrieval/answer';
import type { Curation } from '../retrieval/curation';
import { EditorialService } from '../retrieval/editorial';
import { FaqService } from '../retrieval/faq';
import { openOpenSearchServing, type OpenSearchIndexer } from '../retrieval/opensearch';
import { SearchService, type SearchServiceOptions } from '../retrieval/search';
import { OidcClient, type OidcSettings } from './auth';
import type { JobQueueStatusSource } from './routes/jobs';
import type { LocalWrites } from './routes/local-writes';
import type { QueueBoardOptions } from './queue-board';

/** What a process opened and started before serving (cli/serve opens them all; tests open a few). */
export interface ServiceParts {
  db: Db;
  search: SearchService;
  /** Editors' curation; without it the curation routes answer 503 CURATION_UNAVAILABLE. */
  curation?: Curation;
  /** The FAQ index (cli/serve follows the table); default: a new one, loaded on first use. */
  faqs?: FaqService;
  /** Answers (cli/serve configures the LLM); default: extractive over `search` and `faqs`. */
  answers?: AnswerService;
  /** Job queues whose status GET /v1/admin/jobs reports. */
  jobs?: JobQueueStatusSource[];
  /** The CLI's writes handed to this process when it holds the embedded library. */
  localWrites?: LocalWrites;
  /** Sign-in through the unified identity (cli/config `oidc`); unset: the OIDC routes answer OIDC_NOT_CONFIGURED. */
  oidc?: OidcSettings;
  /** The BullMQ queues bull-board shows at /console/queues/ (names and their Redis); unset or no redisUrl: the board answers 503. */
  queueBoard?: QueueBoardOptions;
}

/** Every service the API's routes call, built once. */
export interface AppServices {
  db: Db;
  search: SearchService;
  faqs: FaqService;
  answers: AnswerService;
  /** FAQ editing and search curation: one service for every editor route. */
  editorial: EditorialService;
  jobs: JobQueueStatusSource[];
  localWrites?: LocalWrites;
  /** The OIDC relying party (api/auth/oidc), when configured. */
  oidc?: OidcClient;
  queueBoard?: QueueBoardOptions;
}

/** Which engine ranks searches (cli/config `searchBackend`, ZHIWEN_SEARCH_BACKEND). */
export type SearchBackendChoice = { kind: 'embedded' } | { kind: 'opensearch'; url: string; alias: string };

/**
 * The search service the settings choose: the embedded in-memory index, or ranking on OpenSearch
 * (retrieval/opensearch) with `opensearch` the indexer its writer keeps current. Rejects with
 * SEARCH_BACKEND_UNAVAILABLE, before anything is served, when the OpenSearch node does not answer.
 */
export async function createSearchService(
  db: Db, backend: SearchBackendChoice, options: SearchServiceOptions = {},
): Promise<{ search: SearchService; opensearch?: OpenSearchIndexer }> {
  if (backend.kind === 'embedded') return { search: new SearchService(db, options) };
  const { search, indexer } = await openOpenSearchServing(db, { ...options, url: backend.url, alias: backend.alias });
  return { search, opensearch: indexer };
}

/** The composition root: the one place the API's services are built from what the process opened. */
export function composeServices(parts: ServiceParts): AppServices {
  const { db, search } = parts;
  const faqs = parts.faqs ?? new FaqService(db, { synonymsOf: search.synonymsOf, embedder: search.hybrid?.embedder ?? null });
  const answers = parts.answers ?? new AnswerService({ db, search, faqs });
  return {
    db,
    search,
    faqs,
    answers,
    editorial: new EditorialService({ db, search, faqs, answers, curation: parts.curation }),
    jobs: parts.jobs ?? [],
    localWrites: parts.localWrites,
    oidc: parts.oidc ? new OidcClient(parts.oidc) : undefined,
    queueBoard: parts.queueBoard,
  };
}
