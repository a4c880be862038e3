import type { DocumentInput } from '../../library/model/document';

/**
 * What every reader yields: a document ready for the pipeline, or the reason an input cannot be
 * one. A bad record never stops its file; the summary lists it with where it came from.
 */
export interface FeedItem {
  /** The file the item came from. */
  source: string;
  /** 1-based line (JSONL) or record line (CSV) in `source`; absent for whole-file inputs (pages, attachments). */
  lineNumber?: number;
  /** The record's id when it is known, also for rejected records. */
  id?: string;
  document?: DocumentInput;
  /** Why the input cannot be stored (set instead of `document`). */
  error?: string;
}

/** A file a folder reader passed over on purpose (a gold text beside a page, an image), and why. */
export interface SkippedFile {
  source: string;
  reason: string;
}
