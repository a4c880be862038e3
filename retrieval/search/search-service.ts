import type { Embedder } from '../../library/embeddings';
import type { SiteDirectory } from '../../library/sites';
import type { Db } from '../../library/store';
import type { CurationSource } from '../curation';
import { HybridRanker, type HybridOptions } from '../hybrid';
import { LexicalIndex, type LexicalIndexOptions, type WeightedTerm } from '../lexical';
import { QueryUnderstanding, synonymWords, type QueryPlan, type QueryUnderstandingOptions } from '../query';
import { narrowedBy, SuggestService } from '../suggest';
import { DisplayCache } from './display-cache';
import type { DocAttributes } from './doc-attributes';
import { computeFacets } from './facets';
import { fuseCandidates } from './pipeline/fuse';
import { cutPage, loadPage, type LoadedPage, type Page } from './pipeline/page';
import { pinFirst } from './pipeline/pin';
import { planSearch } from './pipeline/plan';
import { renderResults } from './pipeline/render';
import { retrieveCandidates } from './pipeline/retrieve';
import { LibraryReplica, type FeedStatus } from './replica';
import type { WrittenSnapshot } from './snapshot/replica-snapshot';
import type { RepostGroups } from './repost-groups';
import type { Retrieval, RetrievalRequest, Retriever } from './retrieval';
import type { SearchRequest, SearchResponse } from './types';

export { MAX_LIMIT, MAX_OFFSET } from './retrieval';
export type { FeedStatus } from './replica';

const EMPTY_FACETS: SearchResponse['facets'] = { infoType: [], site: [], year: [], validity: [], topic: [], issuer: [] };
/**
 * Score multiplier per unit of query covered by a contained title. Chosen on the dev gold sets
 * (unified library): see evals/README.md ("ranking constants").
 */
const CONTAINED_TITLE_BOOST = 2;

export interface SearchServiceOptions extends LexicalIndexOptions {
  /** How often replicas look for library changes, ms. Default 1000 (new documents searchable in ~1 s). */
  followIntervalMs?: number;
  /** Multiplier per unit of query covered by a title named inside it; 0 turns it off. Default 2. */
  containedTitleBoost?: number;
  /** Editors' curation (synonyms, pinned results, hot words, query log); omitted = starter synonyms, no log. */
  curation?: CurationSource;
  /** Query understanding (expansions, pinyin, corrections, vocabulary); `{ enabled: false }` for baselines. */
  understanding?: QueryUnderstandingOptions;
  /**
   * Query embedder (library/embeddings `openEmbedder`). Set, and not `none`: hybrid search, the query's
   * nearest chunks fused with the lexical ranking (retrieval/hybrid). Omitted: lexical only, no model call.
   * The library's vectors must be this model's: check with `checkEmbeddingStamp` before serving.
   */
  embedder?: Embedder;
  /** Fusion settings for hybrid search (RRF k, weights, vector candidates); ignored without an embedder. */
  hybrid?: HybridOptions;
  /** Folder for the index snapshot (ZHIWEN_INDEX_SNAPSHOT; retrieval/search/snapshot): a restart loads it and catches up from the feed. */
  indexSnapshotDir?: string;
}

/** What one run of the pipeline leaves: the retrieval, and what the search response adds facets and reposts from. */
interface PipelineRun {
  retrieval: Retrieval;
  plan: QueryPlan;
  page: Page;
  loaded: LoadedPage;
}

/**
 * Search over the library: this replica's in-memory BM25 index (fed from the change sequence by
 * LibraryReplica, off the request path) and, with an embedder, the library's vectors. Every request
 * goes through one pipeline, read top to bottom in `run`: plan → retrieve (lexical ∥ vector, with the
 * spelling retry) → fuse → pin → page; `retrieve()` hands its documents out as plain text (answers),
 * `search()` renders them as results with facets (GET /v1/search).
 */
export class SearchService implements Retriever {
  readonly index: LexicalIndex;
  readonly understanding: QueryUnderstanding;
  /** The words the synonym table (starter rules, then editors') offers for a text: FAQ matching uses them too. */
  readonly synonymsOf = (text: string): string[] => synonymWords(this.understanding.synonyms, text);
  readonly suggestions: SuggestService;
  /** The vector half of hybrid search; null (lexical only) without an embedding model. */
  readonly hybrid: HybridRanker | null;
  private readonly replica: LibraryReplica;
  private readonly display: DisplayCache;
  private readonly containedTitleBoost: number;

  constructor(
    db: Db,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.index = new LexicalIndex(options);
    this.display = new DisplayCache(db);
    const df = (term: string) => {
      const { title, body } = this.index.documentFrequency(term);
      return title + body;
    };
    this.understanding = new QueryUnderstanding(df, options.curation, options.understanding);
    this.replica = new LibraryReplica(db, { index: this.index, understanding: this.understanding, display: this.display, snapshotDir: options.indexSnapshotDir }, options.followIntervalMs ?? 1000);
    this.suggestions = new SuggestService(this.understanding, (code) => this.sites.get(code)?.id, options.curation);
    this.hybrid = options.embedder?.dimensions
      ? new HybridRanker(db, options.embedder, { slotOf: (id) => this.index.slotOf(id), prior: (slot) => this.index.priorAt(slot) }, options.hybrid)
      : null;
    this.containedTitleBoost = options.containedTitleBoost ?? CONTAINED_TITLE_BOOST;
  }

  /** The platform's sites as of the last sync: the one lookup of site codes (library/sites). */
  get sites(): SiteDirectory {
    return this.replica.sites;
  }

  /** Filterable attributes of the indexed documents, by slot. */
  get attributes(): DocAttributes {
    return this.replica.attributes;
  }

  /** Repost clusters by slot: one result per cluster (retrieval/search/repost-groups.ts). */
  get reposts(): RepostGroups {
    return this.replica.reposts;
  }

  /** Applies every library change since the last sync; returns how many documents changed. */
  sync(): Promise<number> {
    return this.replica.sync();
  }

  /** Writes the index snapshot now (needs indexSnapshotDir), e.g. before a planned restart. */
  writeSnapshot(): Promise<WrittenSnapshot> {
    return this.replica.writeSnapshot();
  }

  /** Keeps following the library, retrying with backoff while the database is down; returns a function that stops. */
  follow(): () => void {
    return this.replica.follow();
  }

  /** Where this replica stands in the change feed: the last change applied, when it last caught up, failures. */
  get feedStatus(): FeedStatus {
    return this.replica.feedStatus;
  }

  /** The ranked documents of a request with their best passages as plain text (see retrieval.ts). */
  async retrieve(request: RetrievalRequest): Promise<Retrieval> {
    return (await this.run(request, false)).retrieval;
  }

  /** A result page: the retrieval rendered (highlights, snippets, reposts), with facets, help when nothing matched, and the query log. */
  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const { retrieval, plan, page, loaded } = await this.run(request, true);
    const { query, total } = retrieval;
    const terms = query.terms.map((t) => t.term);
    const results = renderResults(loaded, terms, this.sites, request.publicBase);
    const response: SearchResponse = {
      query: query.original,
      total,
      offset: request.offset ?? 0,
      limit: request.limit ?? 10,
      results,
      ...(request.internal ? { facets: EMPTY_FACETS } : facetsOf(computeFacets(page.matched, this.attributes, this.sites))),
      truncated: query.truncated,
      ...(query.correction ? { correction: query.correction } : {}),
      ...(query.expansions.length ? { expansions: query.expansions } : {}),
      ...(total === 0 ? { noResults: this.noResults(request, plan, query.terms) } : {}),
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (response.offset === 0 && !request.internal) {
      this.options.curation?.logQuery({
        query: query.original, normalized: query.normalized, site: request.site ?? null, resultCount: total,
        correctedTo: query.correction?.applied ? query.correction.query : null, tookMs: response.tookMs, client: request.client ?? null,
      });
    }
    return response;
  }

  /** The pipeline, top to bottom; `withReposts` also reads the other copies rendering lists. */
  private async run(request: RetrievalRequest, withReposts: boolean): Promise<PipelineRun> {
    const replica = this.replica;
    const planned = planSearch(request, replica, this.understanding, this.containedTitleBoost);
    const candidates = await retrieveCandidates(planned, replica, this.understanding, this.hybrid);
    const fused = fuseCandidates(candidates, this.hybrid, planned.accept);
    const ranked = pinFirst(planned, fused, replica);
    const page = cutPage(planned, ranked, fused, replica);
    const loaded = await loadPage(page, fused, replica, this.display, { publicBase: request.publicBase, withReposts });
    const { query, expansions } = planned.plan;
    return {
      retrieval: {
        query: {
          original: query.original, normalized: query.normalized, truncated: query.truncated, terms: candidates.terms,
          docNumberKeys: query.docNumberKeys, expansions, ...(candidates.correction ? { correction: candidates.correction } : {}),
          ...(candidates.unmatched ? { unmatched: candidates.unmatched } : {}),
        },
        total: page.matched.count,
        documents: loaded.documents,
      },
      plan: planned.plan,
      page,
      loaded,
    };
  }

  /** Help when nothing matched: queries to try, the platform-wide count when scopes or filters narrowed it, hot topics. */
  private noResults(request: SearchRequest, plan: QueryPlan, terms: WeightedTerm[]): SearchResponse['noResults'] {
    return this.suggestions.noResults(plan, request.site, narrowedBy(request).length ? this.platformTotal(terms) : undefined);
  }

  /** What a platform-wide search for `terms` would count (one per repost cluster), for the no-results help. */
  private platformTotal(terms: WeightedTerm[]): number {
    const { matched } = this.index.search({ terms, limit: 1 });
    this.replica.parts.collapseMatches(matched, this.index);
    this.reposts.collapseMatches(matched, []);
    return matched.count;
  }
}

function facetsOf({ facets, estimated }: ReturnType<typeof computeFacets>): Pick<SearchResponse, 'facets' | 'facetsEstimated'> {
  return estimated ? { facets, facetsEstimated: true } : { facets };
}
