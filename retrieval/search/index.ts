export { SearchService, MAX_LIMIT } from './search-service';
export type { FeedStatus, SearchServiceOptions } from './search-service';
export { replicaHealth } from './replica-health';
export type { ReplicaHealth, ReplicaHealthOptions } from './replica-health';
export type { SearchRequest, SearchResponse, SearchResult, SearchScope, FacetValue, Reposts } from './types';
export { makeSnippet, highlight, findMatches } from './snippet';
export { regionPrefix } from './sites';
