/** Metadata extraction: 文号 (find, canonical key), 发文机关, dates, 索引号, validity and repeals. */
export { extractMetadata } from './extract-metadata';
export type { DocumentMetadata, MetadataInput, MetadataOptions } from './extract-metadata';
export { findDocNumbers, docNumberKey, isCitation } from './doc-number';
export type { DocNumberKind, DocNumberMatch } from './doc-number';
export { findOwnDocNumber } from './header';
export { detectValidity, bookTitles } from './validity';
export type { ValidityOptions, ValidityResult } from './validity';
