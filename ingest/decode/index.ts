export { decodeHtml } from './decode-html';
export type { CharsetSource, DecodedHtml, DecodeOptions } from './decode-html';
export { normalizeCharset } from './charset-label';
export { parseCleanEvalWrapper } from './prescan';
export type { CleanEvalWrapper } from './prescan';
export { firstInvalidGb18030, firstInvalidUtf8, nonAsciiCount } from './validate';
export { LineDecoder } from './line-decoder';
export type { DecodedLine, LineCharset } from './line-decoder';
