import { InvalidRecordError } from '../../library/errors';
import type { Db } from '../../library/store';
import { upsertDocument, type UpsertOutcome } from '../../library/documents';
import { describeIssues, documentRecordSchema, recordToDocument } from '../feeds/document-record';
import type { JsonlLine } from '../feeds/read-jsonl';
import { prepareDocument } from './prepare';

export interface Rejection {
  lineNumber: number;
  id?: string;
  reason: string;
}

export interface IngestSummary {
  added: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  byCategory: Record<string, number>;
}

export interface IngestOptions {
  /** Site code for records that carry none (e.g. the feed's file name). */
  defaultSite: string;
  onProgress?: (processed: number) => void;
}

export function emptySummary(): IngestSummary {
  return { added: 0, updated: 0, unchanged: 0, rejected: [], byCategory: {} };
}

/**
 * Validates, prepares and stores each record. A bad record is rejected with its line and reason;
 * the rest of the feed still goes in. Idempotent: the same feed twice adds nothing.
 */
export async function ingestDocumentLines(
  db: Db,
  lines: AsyncIterable<JsonlLine>,
  options: IngestOptions,
): Promise<IngestSummary> {
  const summary = emptySummary();
  let processed = 0;
  for await (const line of lines) {
    processed++;
    try {
      const outcome = await ingestOne(db, line, options.defaultSite);
      summary[outcome.outcome]++;
      summary.byCategory[outcome.category] = (summary.byCategory[outcome.category] ?? 0) + 1;
    } catch (err) {
      if (!(err instanceof InvalidRecordError)) throw err;
      summary.rejected.push({ lineNumber: line.lineNumber, id: err.details?.id as string | undefined, reason: err.message });
    }
    options.onProgress?.(processed);
  }
  return summary;
}

async function ingestOne(db: Db, line: JsonlLine, defaultSite: string): Promise<{ outcome: UpsertOutcome; category: string }> {
  if (line.error) throw new InvalidRecordError(line.error);
  if (typeof line.value !== 'object' || line.value === null || Array.isArray(line.value)) {
    throw new InvalidRecordError('expected a JSON object with id, title and text');
  }
  const parsed = documentRecordSchema.safeParse(line.value);
  if (!parsed.success) {
    const id = (line.value as { id?: unknown }).id;
    throw new InvalidRecordError(describeIssues(parsed.error), { id: typeof id === 'string' ? id : undefined });
  }
  const doc = recordToDocument(parsed.data, defaultSite);
  const { outcome } = await upsertDocument(db, prepareDocument(doc));
  return { outcome, category: doc.infoType };
}
