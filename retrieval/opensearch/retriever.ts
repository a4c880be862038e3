import { fetchDisplayRows, type DisplayRow } from '../../library/documents';
import { zhiwenError } from '../../library/errors';
import type { SiteDirectory } from '../../library/sites';
import type { Queryable } from '../../library/store/db';
import { documentUrl } from '../documents';
import type { QueryPlan, QueryUnderstanding } from '../query';
import { MIN_TITLE_KEY, normalizeTitle } from '../search/document-keys';
import type { FoundBy, PinReason, Retrieval, RetrievalRequest, RetrievedDocument, Retriever } from '../search/retrieval';
import { isCurrent } from '../search/signals';
import type { SearchResponse as PageResponse } from '../search/types';
import type { OpenSearchClient } from './client';
import { facetAggregations, facetsFrom, type FacetBuckets } from './facets';
import { containedTitleFunctions, exactTitleQuery, filterClauses, textQuery } from './query';

export interface OpenSearchRetrieverOptions {
  /** The library, for what a page shows (library/documents fetchDisplayRows, as the embedded backend). */
  db: Queryable;
  client: OpenSearchClient;
  /** The alias the indexer keeps (OpenSearchIndexer.alias). */
  alias: string;
  /** Site codes, scopes and regions; the caller reloads it as the library changes (openSearchBackend does, at each sync). */
  sites: SiteDirectory;
  /** How queries are understood (expansions, pinyin, curated pins): the same object as the embedded backend's gives the same terms. */
  understanding: QueryUnderstanding;
  /** Weight of the title field against the best chunk. Default 2, the embedded index's (retrieval/lexical). */
  titleWeight?: number;
  /**
   * Multiplier per unit of query covered by a title named inside it; 0 turns it off. Default 2, the
   * embedded backend's (SearchService containedTitleBoost, chosen on the dev gold sets: evals/README.md).
   */
  containedTitleBoost?: number;
}

interface Hit {
  _id: string;
  _score: number | null;
  _source: { collapseKey: string; externalId: string };
  inner_hits?: { chunks: { hits: { hits: Array<{ _source?: { id?: number } }> } } };
}

interface SearchResponse {
  hits: { hits: Hit[] };
  aggregations?: { total: { value: number } } & Partial<Record<keyof PageResponse['facets'], FacetBuckets>>;
  error?: { reason: string };
}

interface Ranked {
  docId: number;
  score: number;
  chunkId: number;
  collapseKey: string;
  externalId: string;
  by?: PinReason;
}

/** A retrieval with what a result page adds: the plan (no-results help), display rows, facets. */
export interface DetailedRetrieval {
  retrieval: Retrieval;
  plan: QueryPlan;
  /** The display rows of the page's documents, by document id. */
  rows: ReadonlyMap<number, DisplayRow>;
  /** Present when asked for: the facets of the text matches (aggregations). */
  facets?: PageResponse['facets'];
}

const MAX_PINS = 20;
const SOURCE = ['collapseKey', 'externalId'];

/**
 * The retrieval seam (retrieval/search/retrieval.ts) over an OpenSearch index: BM25 on title and best
 * chunk with the plan's weighted terms, scope and filters as filter clauses, one result per repost
 * cluster (collapse), pins first (editors' best bets, 文号, exact title), passages from the library.
 * Lexical only: hybrid search stays with the embedded backend's pgvector ranking. Spelling correction
 * and matching strictness are not applied here yet (the embedded backend's searchWithCorrection).
 */
export class OpenSearchRetriever implements Retriever {
  private readonly titleWeight: number;
  private readonly containedTitleBoost: number;

  constructor(private readonly options: OpenSearchRetrieverOptions) {
    this.titleWeight = options.titleWeight ?? 2;
    this.containedTitleBoost = options.containedTitleBoost ?? 2;
  }

  async retrieve(request: RetrievalRequest): Promise<Retrieval> {
    return (await this.retrieveDetailed(request)).retrieval;
  }

  /** `retrieve`, and with `facets` the facet counts in the same request (for site search). */
  async retrieveDetailed(request: RetrievalRequest, options: { facets?: boolean } = {}): Promise<DetailedRetrieval> {
    const { understanding, sites } = this.options;
    const plan = understanding.plan(request.q ?? '', request.site);
    const query = plan.query;
    if (!query.original) throw zhiwenError('EMPTY_QUERY');
    const limit = request.limit ?? 10;
    const offset = request.offset ?? 0;
    const filters = filterClauses(request, sites);
    const exclude = request.exclude ?? [];
    const title = normalizeTitle(query.normalized);

    const searches: Array<{ by?: PinReason; body: object }> = [];
    if (plan.terms.length) {
      searches.push({
        body: {
          from: 0, size: offset + limit, query: textQuery(plan.terms, filters, exclude, this.titleWeight, containedTitleFunctions(title, this.containedTitleBoost, MIN_TITLE_KEY)),
          collapse: { field: 'collapseKey' }, _source: SOURCE, track_total_hits: false,
          aggs: { total: { cardinality: { field: 'collapseKey', precision_threshold: 40_000 } }, ...(options.facets ? facetAggregations() : {}) },
        },
      });
    }
    const pin = (by: PinReason, clause: object) =>
      searches.push({ by, body: { size: MAX_PINS, query: { bool: { filter: [...filters, clause], must_not: exclude.length ? [{ terms: { externalId: exclude } }] : [] } }, _source: SOURCE } });
    if (plan.pinned.length) pin('pinned', { terms: { externalId: plan.pinned } });
    if (query.docNumberKeys.length) pin('docNumber', { terms: { docNumberKey: query.docNumberKeys } });
    if (title.length >= MIN_TITLE_KEY) searches.push({ by: 'exactTitle', body: { size: MAX_PINS, query: exactTitleQuery(title, filters, exclude), _source: SOURCE } });

    const { responses } = await this.options.client.msearch<SearchResponse>(this.options.alias, searches.flatMap((s) => [{}, s.body]));
    responses.forEach((r) => {
      if (r.error) throw zhiwenError('SEARCH_BACKEND_FAILED', `search in ${this.options.alias}`, 500, r.error.reason);
    });
    const text = searches[0]?.by === undefined && responses[0] ? toRanked(responses[0].hits.hits) : [];
    const textTotal = searches[0]?.by === undefined ? (responses[0]?.aggregations?.total.value ?? 0) : 0;
    const scoreOf = new Map(text.map((h) => [h.docId, h]));
    const pinned: Ranked[] = [];
    searches.forEach((s, i) => {
      if (!s.by) return;
      let group = toRanked(responses[i].hits.hits).map((h) => ({ ...h, score: scoreOf.get(h.docId)?.score ?? 0, chunkId: scoreOf.get(h.docId)?.chunkId ?? -1, by: s.by }));
      // Editors' pins keep the editors' order; the other groups go by score.
      if (s.by === 'pinned') group = plan.pinned.flatMap((e) => group.filter((h) => h.externalId === e));
      else group.sort((a, b) => b.score - a.score);
      pinned.push(...group);
    });
    const ranked = dedupe([...pinned, ...text]);
    const extraPins = new Set(pinned.filter((p) => !scoreOf.has(p.docId)).map((p) => p.collapseKey)).size;
    const { documents, rows } = await this.load(ranked.slice(offset, offset + limit), new Set(text.map((h) => h.docId)), request.publicBase);
    const retrieval: Retrieval = {
      query: {
        original: query.original, normalized: query.normalized, truncated: query.truncated, terms: plan.terms,
        docNumberKeys: query.docNumberKeys, expansions: plan.expansions,
      },
      total: textTotal + extraPins,
      documents,
    };
    const facets = options.facets ? facetsFrom(searches[0]?.by === undefined ? responses[0]?.aggregations : undefined, sites) : undefined;
    return { retrieval, plan, rows, ...(facets ? { facets } : {}) };
  }

  /** What the page shows of each document and its best passage, as the embedded backend reads them. */
  private async load(page: Ranked[], lexicalIds: Set<number>, publicBase?: string): Promise<{ documents: RetrievedDocument[]; rows: Map<number, DisplayRow> }> {
    const rows = await fetchDisplayRows(this.options.db, page.map((p) => ({ docId: p.docId, chunkId: p.chunkId })));
    const documents: RetrievedDocument[] = [];
    for (const hit of page) {
      const row = rows.get(hit.docId);
      if (!row) continue; // withdrawn between index and fetch
      const d = row.doc;
      const foundBy: FoundBy[] = [];
      if (hit.by) foundBy.push(hit.by);
      if (lexicalIds.has(hit.docId)) foundBy.push('lexical');
      documents.push({
        id: hit.docId, externalId: d.externalId, url: documentUrl(d, publicBase), title: d.title,
        site: { code: d.siteCode, name: this.options.sites.get(d.siteCode)?.name ?? d.siteName },
        docNumber: d.docNumber, validity: d.validity, current: isCurrent(d.validity), publishedAt: d.publishedAt,
        infoType: d.infoType, issuer: d.issuer, score: hit.score, foundBy,
        ...(hit.by ? { pinnedBy: hit.by } : {}),
        passages: [{ chunkId: hit.chunkId >= 0 ? hit.chunkId : null, text: row.passage }],
      });
    }
    return { documents, rows };
  }
}

function toRanked(hits: Hit[]): Ranked[] {
  return hits.map((h) => ({
    docId: Number(h._id),
    score: h._score ?? 0,
    chunkId: h.inner_hits?.chunks.hits.hits[0]?._source?.id ?? -1,
    collapseKey: h._source.collapseKey,
    externalId: h._source.externalId,
  }));
}

/** One entry per repost cluster, the first (pins before text hits) kept. */
function dedupe(ranked: Ranked[]): Ranked[] {
  const seen = new Set<string>();
  return ranked.filter((r) => !seen.has(r.collapseKey) && seen.add(r.collapseKey));
}
