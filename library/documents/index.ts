export type { PreparedDocument, PreparedChunk, UpsertOutcome } from './prepared';
export { upsertDocument, withdrawDocument } from './upsert';
export { upsertSite, siteIdFor, listSites } from './sites';
export type { SiteInput, SiteRow } from './sites';
export { readIndexFeed, fetchDisplayDocuments, fetchChunkTexts } from './feed';
export type { IndexFeedDocument, DisplayDocument } from './feed';
