export { LexicalIndex } from './lexical-index';
export { MatchSet } from './match-set';
export type { IndexedDocument, LexicalHit, LexicalIndexOptions, LexicalQuery, WeightedTerm } from './types';
export { DEFAULT_BM25, idf, bm25TermScore } from './bm25';
export type { Bm25Params } from './bm25';
export { Interner } from './interner';
export { TopK } from './top-k';
export { CollapsingTopK } from './collapsing-top-k';
export type { Collapse } from './collapsing-top-k';
