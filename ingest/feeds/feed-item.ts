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
  /** A Q&A pair (set instead of `document`): it becomes a knowledge-base entry, not a library document. */
  qa?: QaPair;
  /** Why the input cannot be stored (set instead of `document` or `qa`). */
  error?: string;
}

/**
 * A consultation Q&A pair as its feed gave it (personal data not yet masked: the writer masks it,
 * see ingest/pipeline/qa-to-entries.ts). Dates as the feed wrote them, when readable.
 */
export interface QaPair {
  /** The record's id: one knowledge-base entry per id (the external id its document had before). */
  recordId: string;
  /** The standard question: the record's subject line, else the question's first sentence. */
  subject: string;
  /** The citizen's whole message. */
  question: string;
  answer: string;
  /** The site the record names; null when it names none (the entry then answers platform-wide). */
  site: string | null;
  /** The site of a record that names none (the feed's file name or --site), kept as its source. */
  defaultSite: string;
  url: string | null;
  askedAt: string | null;
  answeredAt: string | null;
  department: string | null;
  topic: string | null;
  /** External ids of library documents the reply rests on (e.g. the policy a policy Q&A quotes). */
  relatedDocuments: string[];
}

/** A file a folder reader passed over on purpose (a gold text beside a page, an image), and why. */
export interface SkippedFile {
  source: string;
  reason: string;
}
