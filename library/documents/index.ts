export type { PreparedDocument, PreparedChunk, UpsertOutcome, UpsertResult } from './prepared';
export { upsertDocument, upsertDocuments, writeDocuments, storedStates, isUnchanged, withdrawDocument } from './upsert';
export type { StoredState } from './upsert';
export {
  createCluster, joinCluster, leaveCluster, clusterOf, refreshCluster, clusterMembers, clusterStats,
} from './clusters';
export type { ClusterMember, ClusterStats } from './clusters';
export {
  replaceInterpretationLinks, interpretationsLinkedTo, removeLinksOf, fetchDocumentLinks, countLinks,
} from './links';
export type { DocumentLink, LinkEvidence } from './links';
export {
  recordQuarantine, clearQuarantine, releasedContent, releaseQuarantine, rejectQuarantine, listQuarantined,
  showQuarantined, countQuarantined, QUARANTINE_STATES,
} from './quarantine';
export type {
  QuarantineEntry, QuarantineDetail, QuarantineDecision, QuarantineState, ListQuarantineOptions,
} from './quarantine';
export {
  lockEnrichment, liveDocumentId, hasLiveQaDocument, linkSubject, policiesSharingLinkKeys, interpretationsSharingLinkKeys,
  repostFactsSince, activeClusterMembers,
} from './enrichment';
export type { LinkSubject, RepostFactsRow } from './enrichment';
export { upsertSite, siteIdFor, listSites } from './sites';
export type { SiteInput, SiteRow } from './sites';
export { readIndexFeed, fetchDisplayRows } from './feed';
export { replaceAttachmentLinks, relinkAttachments, attachmentLinksOf } from './attachments';
export type { AttachmentLink } from './attachments';
export type { IndexFeedDocument, DisplayDocument, DisplayRow, DisplayWanted } from './feed';
