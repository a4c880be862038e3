export { decodeHtml } from './decode-html';
export type { CharsetSource, DecodedHtml, DecodeOptions } from './decode-html';
export { normalizeCharset } from './charset-label';
export { parseCleanEvalWrapper } from './prescan';
export type { CleanEvalWrapper } from './prescan';
