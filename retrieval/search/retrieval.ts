import type { AttachmentLink } from '../../library/documents';
/**
 * The retrieval seam: what search rendering (GET /v1/search) and answers both stand on, and what a
 * second search backend (OpenSearch, later) implements. One call: a request in, the query understood
 * once and the documents ranked, with their best passages as plain text. No HTML, no facets, no query
 * log: rendering adds highlights and snippets, the search route adds facets and logging.
 *
 * Contract for an implementation:
 * - Documents come best first and hold one entry per repost cluster (the copy a result page shows).
 * - Filters (site/scope/region/siteLevel/infoType/topic/issuer/year/validity) and `exclude` are applied
 *   before ranking, so `total` and the page agree. An unknown site code throws UNKNOWN_SITE
 *   (library/sites `SiteDirectory.require`); a query that is empty once cleaned throws EMPTY_QUERY.
 * - Range checks on `limit` and `offset` belong to the caller's schema (api/routes/search.ts); a
 *   backend may assume 1 ≤ limit ≤ MAX_LIMIT and 0 ≤ offset ≤ MAX_OFFSET.
 * - `score` is comparable within one retrieval only.
 */
import type { WeightedTerm } from '../lexical';
import type { Unmatched } from '../query';

/** site: only the request's site; region: its region (a city includes its counties); platform: everything. */
export type SearchScope = 'site' | 'region' | 'platform';

/** Most documents one retrieval returns. */
export const MAX_LIMIT = 50;
/** Deepest offset a retrieval pages to (result page 100 at 10 a page). */
export const MAX_OFFSET = 1000;

/** What to retrieve: the query, how many, and which part of the library. */
export interface RetrievalRequest {
  q: string;
  /** Documents wanted, 1..MAX_LIMIT. Default 10. */
  limit?: number;
  /** Documents skipped (paging), 0..MAX_OFFSET. Default 0. */
  offset?: number;
  /** Site code the request comes from (the widget's site); also selects the editors' pins for that site. */
  site?: string;
  /** site: only that site; region: its region (a city includes its counties); platform: everything. Default: site when `site` is set. */
  scope?: SearchScope;
  siteLevel?: string;
  /** 行政区划代码: only sites in that region. */
  region?: string;
  infoType?: string;
  topic?: string;
  issuer?: string;
  year?: number;
  /** 'current' leaves out repealed/expired documents; default keeps all, current ranked first. */
  validity?: 'current' | 'all';
  /** External ids never to return (evaluation: a query's own document). */
  exclude?: string[];
  /** The API's public origin, for `url` of documents without an http(s) source ('' = root-relative /d/<id>). */
  publicBase?: string;
}

/**
 * How a document came into the results. `lexical`: BM25 over title and chunks; `vector`: the query's
 * nearest chunks (hybrid search); `pinned`: an editor's best bet; `docNumber`: it bears the 文号 the
 * query names; `exactTitle`: its title is the query.
 */
export type FoundBy = 'lexical' | 'vector' | 'pinned' | 'docNumber' | 'exactTitle';

/** Why a document is placed first regardless of its text score (the pin reasons of FoundBy). */
export type PinReason = Extract<FoundBy, 'pinned' | 'docNumber' | 'exactTitle'>;

/** A passage of a document, as stored: plain text. */
export interface RetrievedPassage {
  /** The chunk's id in the library; null when no chunk matched and this is the document's opening. */
  chunkId: number | null;
  text: string;
}

/** One ranked document. */
export interface RetrievedDocument {
  /** The library's document id. */
  id: number;
  /** The document's stable external id (what the API calls `id`). */
  externalId: string;
  /** What opens it: its http(s) source, else its page on Zhiwen (retrieval/documents `documentUrl`). */
  url: string;
  title: string;
  /** The site that published it, its name as of the last sync. */
  site: { code: string; name: string };
  /** 文号 as printed (null when the document has none). */
  docNumber: string | null;
  /** 有效, 废止, 失效…; `current` is false for repealed or expired documents. */
  validity: string;
  current: boolean;
  /** ISO date-time of publication, when known. */
  publishedAt: string | null;
  /** Category (信息类型: 政策文件, 办事指南…). */
  infoType: string;
  issuer: string | null;
  /** BM25F × signals, the RRF score with hybrid search, 0 for a pin found by no text. */
  score: number;
  /** How it was found, pin reason first when pinned. Never empty. */
  foundBy: FoundBy[];
  /** Set when it was pinned to the top (editors' pin, 文号, exact title). */
  pinnedBy?: PinReason;
  /** Its best passages, best first: today the best-matching chunk (or the opening when none matched). */
  passages: RetrievedPassage[];
  /** The attachments the page publishes (附件), in page order: the page and these are one policy. */
  attachments?: AttachmentLink[];
  /** Set when the words matched one of those attachments: the passage is that attachment's. */
  foundIn?: { title: string; url: string };
}

/** The query as understood once: what was searched, and why. */
export interface UnderstoodRequest {
  /** The query as typed, cleaned (control characters) and capped. */
  original: string;
  /** Index form (folded, Simplified, lower case). */
  normalized: string;
  /** True when the query was longer than we analyse; only its start was used. */
  truncated: boolean;
  /** The weighted terms searched (the correction's when it was applied). */
  terms: WeightedTerm[];
  /** Canonical 文号 keys named in the query. */
  docNumberKeys: string[];
  /** Words added to the query: synonyms, official words, Chinese read from pinyin. */
  expansions: string[];
  /** "您是不是要找…": applied = these documents are for the corrected query. */
  correction?: { query: string; applied: boolean };
  /**
   * Why nothing matched on purpose (matching strictness, retrieval/query): 'docNumber' = the query asks
   * for a 文号 the library (within the filters) does not hold; 'terms' = its important words are unmatched.
   * Pins may still be returned.
   */
  unmatched?: Unmatched;
}

export interface Retrieval {
  query: UnderstoodRequest;
  /** Documents matched in all (one per repost cluster), pins included. */
  total: number;
  /** The requested page of documents, best first. */
  documents: RetrievedDocument[];
}

/** What a search backend offers: SearchService (in-memory BM25 ∥ pgvector) is the first. */
export interface Retriever {
  retrieve(request: RetrievalRequest): Promise<Retrieval>;
}
