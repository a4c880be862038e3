import { InvalidRecordError } from '../../library/errors';
import type { Db } from '../../library/store';
import type { UpsertOutcome } from '../../library/documents';
import type { FeedItem } from '../feeds';
import { LibraryWriter, prepareDocument, storeQaPair, type LibraryWriterOptions } from '../pipeline';
import type { FaqEntry, FeedEntryOutcome } from '../../library/consultation';
import type { JobHandler } from './job-queue';

/** The ingest queue every `zhiwen worker` serves. */
export { INGEST_QUEUE } from './queue-name';
/** One input item (feed record, page, attachment): validated → prepared → stored with its enrichment. */
export const INGEST_DOCUMENT = 'ingest-document';

/**
 * A job's data: what the feed readers (ingest/feeds) yield, a document, a Q&A pair or the reason there
 * is none; `publishQa` carries the operator's --publish-qa with a Q&A pair.
 */
export type IngestDocumentData = FeedItem & { publishQa?: boolean };

export type IngestDocumentResult = {
  externalId: string;
  documentId: number;
  outcome: UpsertOutcome;
  status: 'active' | 'quarantined';
  category: string;
} | {
  /** A Q&A pair stored as a knowledge-base entry. */
  externalId: string;
  entryId: number;
  outcome: FeedEntryOutcome;
  status: FaqEntry['status'];
  category: 'qa';
};

/** Optional step after a document is stored (e.g. embedding its chunks); a failure retries the job. */
export type AfterStore = (db: Db, documentId: number, outcome: UpsertOutcome) => Promise<void>;

const where = (item: FeedItem) => `${item.source}${item.lineNumber ? ` line ${item.lineNumber}` : ''}`;

/**
 * The "ingest-document" job. Idempotent (stored by external id and content hash), so a job run twice,
 * say after its worker was killed, stores the document once. An item that cannot be stored throws
 * InvalidRecordError: dead-lettered with the reason, never retried. One LibraryWriter per process
 * (its near-duplicate index loads once); enrichment is serialised across processes by its lock.
 */
export function ingestDocumentHandler(
  db: Db,
  afterStore?: AfterStore,
  writerOptions: LibraryWriterOptions = {},
): JobHandler<IngestDocumentData, IngestDocumentResult> {
  const writer = new LibraryWriter(db, writerOptions);
  return async (item) => {
    const details = { source: item.source, lineNumber: item.lineNumber, id: item.id };
    if (item.qa && !item.error) {
      let stored;
      try {
        stored = await storeQaPair(db, writer, item.qa, item, { publish: item.publishQa });
      } catch (err) {
        if (err instanceof InvalidRecordError) throw new InvalidRecordError(`${where(item)}: ${err.message}`, details);
        throw err;
      }
      return { externalId: stored.recordId, entryId: stored.entryId, outcome: stored.outcome, status: stored.status, category: 'qa' };
    }
    if (item.error || !item.document) {
      throw new InvalidRecordError(`${where(item)}: ${item.error ?? 'no document in the job'}`, details);
    }
    let prepared;
    try {
      prepared = await prepareDocument(item.document);
    } catch (err) {
      throw new InvalidRecordError(
        `${where(item)}: cannot prepare the document (${(err as Error).message}); report it with the record`,
        details,
      );
    }
    const admitted = await writer.admitSite(prepared);
    if (typeof admitted === 'string') throw new InvalidRecordError(`${where(item)}: ${admitted}`, details);
    const [stored] = await writer.store([admitted]);
    if (afterStore && stored.status === 'active') await afterStore(db, stored.id, stored.outcome);
    return {
      externalId: stored.externalId,
      documentId: stored.id,
      outcome: stored.outcome,
      status: stored.status,
      category: stored.infoType,
    };
  };
}
