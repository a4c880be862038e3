import { InvalidRecordError } from '../../library/errors';
import type { UpsertOutcome } from '../../library/documents';
import type { FeedItem } from '../feeds';
import type { Ingestor } from '../pipeline';
import type { FaqEntry, FeedEntryOutcome } from '../../library/consultation';
import type { JobHandler } from './job-queue';

/** The ingest queue every `zhiwen worker` serves. */
export { INGEST_QUEUE } from './queue-name';
/** One input item (feed record, page, attachment): through the Ingestor (prepared → stored and enriched → embedded). */
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

const where = (item: FeedItem) => `${item.source}${item.lineNumber ? ` line ${item.lineNumber}` : ''}`;

/**
 * The "ingest-document" job: one item through the process's Ingestor. Idempotent (stored by external
 * id and content hash), so a job run twice, say after its worker was killed, stores the document once;
 * it completes only once the document is stored and embedded. An item that cannot be stored throws
 * InvalidRecordError: dead-lettered with the reason, never retried. Concurrent jobs share the
 * Ingestor's transactions (group commit); enrichment is serialised across processes by its lock.
 */
export function ingestDocumentHandler(ingestor: Ingestor): JobHandler<IngestDocumentData, IngestDocumentResult> {
  return async (item) => {
    const outcome = await ingestor.ingestOne(item, item.qa ? { publish: item.publishQa } : {});
    if (outcome.kind === 'rejected') {
      throw new InvalidRecordError(`${where(item)}: ${outcome.rejection.reason}`, {
        source: item.source, lineNumber: item.lineNumber, id: item.id,
      });
    }
    if (outcome.kind === 'qa') {
      const { stored } = outcome;
      return { externalId: stored.recordId, entryId: stored.entryId, outcome: stored.outcome, status: stored.status, category: 'qa' };
    }
    const { stored } = outcome;
    return {
      externalId: stored.externalId,
      documentId: stored.id,
      outcome: stored.outcome,
      status: stored.status,
      category: stored.infoType,
    };
  };
}
