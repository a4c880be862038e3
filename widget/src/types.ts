// The API's response shapes, from the types generated out of its OpenAPI document (api-types.ts,
// scripts/generate-widget-types.ts): the widget talks to the API over HTTP only, and never mirrors
// a response by hand. Below them, the widget's own normalised view of an answer (ask-client.ts).
import type { components, paths } from './api-types';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type SearchResponse = Json<'/v1/search', 'get'>;
export type SearchResult = SearchResponse['results'][number];
export type FacetValue = NonNullable<SearchResponse['facets']>[string][number];
export type SuggestResponse = Json<'/v1/suggest', 'get'>;
/** The body of every error response: `{ error: { code, message } }`. */
export type ErrorResponse = components['schemas']['ErrorResponse'];

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
