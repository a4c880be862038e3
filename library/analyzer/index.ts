export { analyze, ANALYZER_VERSION } from './analyze';
export type { AnalyzeOptions } from './analyze';
export { foldWidth, toSimplifiedChinese, indexForm } from './fold';
export { segmentForSearch, addUserWords, ensureSegmenterLoaded } from './segment';
export { STOPWORDS } from './stopwords';
export { findDocNumbers, docNumberKey } from './doc-number';
export type { DocNumberMatch } from './doc-number';
