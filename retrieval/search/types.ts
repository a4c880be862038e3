import type { RetrievalRequest } from './retrieval';

export type { SearchScope } from './retrieval';

/** A search request: a retrieval request (retrieval.ts) and how the response is made. */
export interface SearchRequest extends RetrievalRequest {
  /**
   * A call from inside Zhiwen (answers, hit tests): no facets and no query-log entry, so answering
   * stays fast and the popular-queries log holds what people typed into search. Not an API parameter.
   */
  internal?: boolean;
  /** The caller's address (api/client-address.ts), for the query log: hashed, kept raw only for a short window. Not an API parameter. */
  client?: string;
}

export interface SearchResult {
  id: string;
  title: string;
  /** Title with matched terms in <em>, HTML-escaped. */
  titleHtml: string;
  /** What opens the document: its http(s) source, else its page on Zhiwen (retrieval/documents `documentUrl`). */
  url: string;
  site: { code: string; name: string };
  infoType: string;
  issuer: string | null;
  docNumber: string | null;
  publishedAt: string | null;
  validity: string;
  /** false for repealed or expired documents: show a label. */
  current: boolean;
  /** HTML-escaped excerpt with matched terms in <em>. */
  snippet: string;
  /** Ranking score, comparable within one response only: BM25F × signals, or with hybrid search the RRF score. */
  score: number;
  /** Why it is here when not just by text: 'pinned' (an editor's best bet) | 'docNumber' | 'exactTitle'. */
  matchedBy?: string;
  /**
   * Present when the same text is published on other sites too (a repost cluster): search shows
   * one result per cluster, and these are the other copies (`count` exact, at most 10 `sites` listed).
   */
  reposts?: Reposts;
  /** The page's attachments (附件), in page order: the page and its attachments are one policy. */
  attachments?: Array<{ title: string; url: string }>;
  /** Set when the words matched one of those attachments: the snippet is from that attachment. */
  foundIn?: { title: string; url: string };
}

/** The other copies of a result: "另有 N 个网站转载". */
export interface Reposts {
  count: number;
  sites: Array<{ code: string; name: string; url: string }>;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResponse {
  query: string;
  total: number;
  offset: number;
  limit: number;
  results: SearchResult[];
  facets: Record<'infoType' | 'site' | 'year' | 'validity' | 'topic' | 'issuer', FacetValue[]>;
  /**
   * True when so many documents matched that facet counts were estimated from an even sample of
   * them (shown as 约 N); `total` is always exact.
   */
  facetsEstimated?: boolean;
  /** True when the query was longer than we analyse; only its start was used. */
  truncated: boolean;
  /** "您是不是要找…": a likely intended query; applied = these results are for it (the query as typed found nothing). */
  correction?: { query: string; applied: boolean };
  /** Words added to the query: synonyms, official words for colloquial ones, Chinese read from pinyin. */
  expansions?: string[];
  /** Only when nothing matched: queries to try, the platform-wide count when scopes or filters narrowed it, hot topics. */
  noResults?: { docNumberNotFound?: string; suggestions: string[]; broaderScope?: { scope: 'platform'; total: number }; hotTopics: string[] };
  tookMs: number;
}
