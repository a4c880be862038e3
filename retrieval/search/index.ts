export { SearchService, MAX_LIMIT } from './search-service';
export type { SearchServiceOptions } from './search-service';
export type { SearchRequest, SearchResponse, SearchResult, SearchScope, FacetValue } from './types';
export { makeSnippet, highlight, findMatches } from './snippet';
export { regionPrefix } from './sites';
