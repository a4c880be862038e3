/**
 * The one rule for the URL that opens a document, used by search results, answer citations and
 * related links alike: the document's source when it is an http(s) URL, otherwise the page Zhiwen
 * serves for it (`/d/<numeric id>`, api/routes/document-page.ts). A stored `javascript:`, `data:`
 * or relative URL is never passed on: the document's page is linked instead.
 */
import { httpUrl } from '../../library/model/http-url';

export { httpUrl };

/** Path prefix of the document pages. */
export const DOCUMENT_PAGE_PREFIX = '/d/';

/** Root-relative path of a document's page. */
export function documentPagePath(id: number): string {
  return `${DOCUMENT_PAGE_PREFIX}${id}`;
}

/**
 * The URL that opens a document. `publicBase` is the API's public origin (and path prefix, no
 * trailing slash), e.g. `https://zhiwen.example`: the widget is embedded on other origins, so what
 * leaves the API is absolute. '' (callers inside Zhiwen) gives the root-relative page path.
 */
export function documentUrl(doc: { id: number; url: string | null }, publicBase = ''): string {
  return httpUrl(doc.url) ?? `${publicBase}${documentPagePath(doc.id)}`;
}

/** The numeric id in a page path segment ("123"), or null: only 1 to 15 digits, no sign, no leading zero. */
export function parseDocumentPageId(segment: string): number | null {
  return /^[1-9][0-9]{0,14}$/.test(segment) ? Number(segment) : null;
}
