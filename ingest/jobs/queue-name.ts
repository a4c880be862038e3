/** The ingest job queue's name (its own module: the API enqueues without loading the pipeline). */
export const INGEST_QUEUE = 'zhiwen-ingest';
