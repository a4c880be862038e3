export { EditorialService } from './editorial';
export type { EditorialDeps } from './editorial';
export { CurationEditor } from './curation-editor';
export type { QueryLogQuery } from './curation-editor';
export { FaqEditor, XLSX_TYPE } from './faq-editor';
export type { DraftFromQueue, EntryWithDuplicates, ImportReport } from './faq-editor';
