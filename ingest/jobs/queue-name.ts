/** The ingest job queue's name (its own module: the API enqueues without loading the pipeline). */
export const INGEST_QUEUE = 'zhiwen-ingest';
/** Attachments to read (conversion, OCR): their own queue, so slow OCR has its own workers and concurrency. */
export const ATTACHMENT_QUEUE = 'zhiwen-attachments';
