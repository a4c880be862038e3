export { prepareDocument } from './prepare';
export { ingestDocumentLines, emptySummary } from './ingest-documents';
export type { IngestOptions, IngestSummary, Rejection } from './ingest-documents';
