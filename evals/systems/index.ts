export { Bm25Index, BM25_DEFAULTS } from './bm25';
export type { Bm25Params, Scored } from './bm25';
export { bm25Fields, bm25TitleTwice, FIELD_WEIGHTS } from './bm25-systems';
export { PgFtsSystem, pgAndOr, pgTsRankCd, toTsquery, toTsvector } from './pglite-fts';
export type { PgQueryMode } from './pglite-fts';
export { SYSTEMS, selectSystems } from './registry';
export type { RetrievalSystem, SystemFactory } from './types';
