/**
 * Platform rules, one home each (STYLE.md practice 20): 文号 grammar and keys, width folding,
 * Chinese numerals, control characters, HTML escaping, document versions. Ingest and the query side
 * import them from here, so what is stored and what is asked follow one rule. Whether a document is
 * current lives beside the document model (library/model/validity).
 */
export { findDocNumbers, docNumberKey, formatDocNumberKey, DOC_NUMBER_KEY_VERSION, rekeyDocNumbers } from './doc-number';
export type { DocNumberKey, DocNumberKind, DocNumberMatch, RekeyResult } from './doc-number';
export { foldWidth } from './width';
export type { FoldWidthOptions } from './width';
export { parseChineseNumber, CHINESE_NUMERAL_CHARS } from './chinese-numerals';
export { blankControlChars, hasControlChars, removeInvisibleChars, strayControlChar } from './control-chars';
export { escapeHtml } from './html-escape';
