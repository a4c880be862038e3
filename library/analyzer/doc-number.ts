/**
 * 文号 for the query side: the one grammar lives in library/rules/doc-number (ingest uses the same),
 * so an exact 文号 lookup compares the key a query gives with the key stored for the document.
 */
export { findDocNumbers, docNumberKey } from '../rules/doc-number';
export type { DocNumberMatch } from '../rules/doc-number';
