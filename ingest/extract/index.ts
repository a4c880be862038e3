export { extractMainContent } from './extract-main-content';
export type { ExtractedContent, ExtractOptions } from './extract-main-content';
export { extractGovMetadata } from './gov-metadata';
export { normalizeDate } from './published-at';
export { cleanTitle } from './title';
export { DEFAULT_WEIGHTS } from './score';
export type { ScoreWeights } from './score';
export { MarkupTooDeepError, MAX_MARKUP_DEPTH, markupDepth } from './nesting';
export { attachmentLinks, attachmentLinksIn, MAX_ATTACHMENT_LINKS } from './attachment-links';
