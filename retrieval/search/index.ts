export { SearchService, MAX_LIMIT, MAX_OFFSET } from './search-service';
export type { FeedStatus, SearchServiceOptions } from './search-service';
export type {
  Retriever, RetrievalRequest, Retrieval, RetrievedDocument, RetrievedPassage, UnderstoodRequest, FoundBy, PinReason,
} from './retrieval';
export { replicaHealth } from './replica-health';
export type { ReplicaHealth, ReplicaHealthOptions } from './replica-health';
export type { SearchRequest, SearchResponse, SearchResult, SearchScope, FacetValue, Reposts } from './types';
export { makeSnippet, highlight, findMatches } from './snippet';
export { regionPrefix } from '../../library/sites';
