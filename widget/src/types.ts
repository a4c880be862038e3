// The API's response shapes as the widget reads them. The widget talks to the API over HTTP only,
// so these mirror (never import) retrieval/search/types.ts and the /v1/suggest, /v1/ask routes.

export interface SearchResult {
  id: string;
  title: string;
  /** HTML-escaped title with matched terms in <em>. */
  titleHtml: string;
  url: string | null;
  site: { code: string; name: string };
  infoType: string;
  docNumber: string | null;
  publishedAt: string | null;
  /** false for repealed or expired documents: labelled 已失效. */
  current: boolean;
  /** HTML-escaped excerpt with matched terms in <em>. */
  snippet: string;
  /** The same text on other sites (search shows one result per repost cluster): at most 10 listed, count exact. */
  reposts?: { count: number; sites: Array<{ code: string; name: string; url?: string }> };
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
  facets?: Partial<Record<string, FacetValue[]>>;
  /** Facet counts estimated from a sample (very broad queries): shown as 约 N. */
  facetsEstimated?: boolean;
  correction?: { query: string; applied: boolean };
  noResults?: { suggestions: string[]; broaderScope?: { scope: 'platform'; total: number }; hotTopics: string[] };
}

export interface SuggestResponse {
  suggestions: Array<{ text: string }>;
  hot?: string[];
}

export interface Citation {
  /** 1-based number the answer's [n] markers refer to. */
  n: number;
  title: string;
  url: string | null;
  /** 发文机关 · 文号 · date · site, as far as known. */
  meta: string;
  /** 已废止 / 已失效 / 已修订 beside the title; null for current documents. */
  label: string | null;
}

/** A related document (相关文件) offered beside an answer. */
export interface RelatedLink {
  title: string;
  url: string | null;
  label: string | null;
}

/** Where to turn when nothing answers: 留言咨询 (a URL when the platform has a message board), 12345 (a phone). */
export interface HelpChannel {
  label: string;
  /** http(s) or tel: link; null = shown as text. */
  href: string | null;
}

/** An answer to POST /v1/ask, normalised from JSON or the last SSE events (see ask-client.ts). */
export interface AskAnswer {
  answerId: string | null;
  /** faq | suggestions | library | not_found */
  kind: string;
  /** Plain text; [n] markers cite the citation numbered n. */
  text: string;
  /** The follow-up as the API understood it (with the previous question's terms), when it rewrote it. */
  rewrittenQuestion: string | null;
  citations: Citation[];
  related: RelatedLink[];
  /** "您是不是想问": questions that have answers. */
  suggestions: string[];
  /** When nothing was found: the honest message and where to turn (留言, 12345). */
  notFound?: { message: string; channels: HelpChannel[] };
}

export type SearchFilters = Partial<Record<'infoType' | 'year' | 'topic' | 'validity', string>>;
