export { SuggestService, MAX_SUGGEST_LIMIT } from './suggest-service';
export type { SuggestRequest, SuggestResponse, Suggestion, NoResultsHelp } from './suggest-service';
export { PrefixIndex, KeyKind } from './prefix-index';
export type { PrefixKey, PrefixMatch, PrefixIndexOptions } from './prefix-index';
export { suggestKey, keysFor, buildLibraryIndex, buildCuratedIndex, MAX_KEY_CHARS } from './entries';
export type { SuggestionKind, EntryTable, LibraryIndexOptions } from './entries';
export { relatedSearches } from './related';
export { narrowedBy } from './narrowed';
export type { NarrowingFields } from './narrowed';
