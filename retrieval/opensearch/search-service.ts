import { fetchDisplayRows, type DisplayRow } from '../../library/documents';
import type { Db } from '../../library/store';
import type { CurationSource } from '../curation';
import { SearchService, type Retrieval, type RetrievalRequest, type SearchServiceOptions } from '../search';
import { renderResults } from '../search/pipeline/render';
import { REPOST_SITES_SHOWN } from '../search/reposts';
import type { SearchRequest, SearchResponse } from '../search/types';
import { narrowedBy } from '../suggest';
import type { OpenSearchClient } from './client';
import { OpenSearchRetriever } from './retriever';

const NO_FACETS: SearchResponse['facets'] = { infoType: [], site: [], year: [], validity: [], topic: [], issuer: [] };

export interface OpenSearchSearchOptions extends SearchServiceOptions {
  client: OpenSearchClient;
  /** The alias the indexer keeps (OpenSearchIndexer.alias). */
  alias: string;
}

/**
 * SearchService with the ranking on OpenSearch: /v1/search, /v1/ask and everything built on
 * SearchService rank through the OpenSearch index (same request, filters, pins, validity prior, one
 * result per repost cluster; facets from aggregations). The embedded replica is still synced: it is
 * this process's source of query statistics (document frequencies for term weights, the spelling and
 * pinyin vocabulary, suggestions, the answerer's idf), of the site directory and of repost listings.
 * Not applied on this backend (yet): the spelling retry, matching strictness and hybrid (vector) fusion.
 */
export class OpenSearchSearchService extends SearchService {
  readonly retriever: OpenSearchRetriever;
  private readonly queryLog?: CurationSource;

  constructor(private readonly db: Db, options: OpenSearchSearchOptions) {
    const { client, alias, ...embedded } = options;
    // Vectors stay with the embedded pipeline; this backend ranks lexically (see the class comment).
    super(db, { ...embedded, embedder: undefined });
    this.queryLog = options.curation;
    this.retriever = new OpenSearchRetriever({
      db, client, alias, sites: this.sites, understanding: this.understanding,
      titleWeight: options.titleWeight, containedTitleBoost: options.containedTitleBoost,
    });
  }

  override retrieve(request: RetrievalRequest): Promise<Retrieval> {
    return this.retriever.retrieve(request);
  }

  override async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const { retrieval, plan, rows, facets } = await this.retriever.retrieveDetailed(request, { facets: !request.internal });
    const { query, total } = retrieval;
    const others = retrieval.documents.map((d) => this.repostIds(d.id));
    const otherRows = await fetchDisplayRows(this.db, others.flatMap((ids) => ids.slice(0, REPOST_SITES_SHOWN)).map((docId) => ({ docId, chunkId: -1 })));
    const allRows = new Map<number, DisplayRow>([...rows, ...otherRows]);
    const results = renderResults({ documents: retrieval.documents, others, rows: allRows }, query.terms.map((t) => t.term), this.sites, request.publicBase);
    const response: SearchResponse = {
      query: query.original,
      total,
      offset: request.offset ?? 0,
      limit: request.limit ?? 10,
      results,
      facets: facets ?? NO_FACETS,
      truncated: query.truncated,
      ...(query.expansions.length ? { expansions: query.expansions } : {}),
      ...(total === 0 ? { noResults: this.suggestions.noResults(plan, request.site, narrowedBy(request).length ? await this.platformCount(request.q) : undefined) } : {}),
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (response.offset === 0 && !request.internal) {
      this.queryLog?.logQuery({
        query: query.original, normalized: query.normalized, site: request.site ?? null, resultCount: total, correctedTo: null, tookMs: response.tookMs,
        client: request.client ?? null,
      });
    }
    return response;
  }

  /** The other copies of a document's repost cluster, canonical first (from the synced replica). */
  private repostIds(docId: number): number[] {
    const slot = this.index.slotOf(docId);
    return slot === undefined ? [] : this.reposts.othersOf(slot).map((s) => this.index.docIdAt(s));
  }

  private async platformCount(q: string): Promise<number> {
    return (await this.retriever.retrieve({ q, limit: 1 })).total;
  }
}
