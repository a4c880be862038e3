export { readJsonl } from './read-jsonl';
export type { JsonlLine } from './read-jsonl';
export { documentRecordSchema, recordToDocument, describeIssues } from './document-record';
export type { DocumentRecord } from './document-record';
