export { DOCUMENT_PAGE_PREFIX, documentPagePath, documentUrl, httpUrl, parseDocumentPageId } from './document-url';
export { loadDocumentView } from './document-view';
export type { DocumentLookup, DocumentView, RelatedDocument } from './document-view';
