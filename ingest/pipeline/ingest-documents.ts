import { InvalidRecordError } from '../../library/errors';
import type { Db } from '../../library/store';
import { documentFromValue, DOCUMENT_FIELDS, renameFields } from '../feeds';
import type { FeedItem, JsonlLine, SkippedFile } from '../feeds';
import { LibraryWriter, type StoredDocument } from './library-writer';
import { prepareDocument, type PrepareOptions } from './prepare';
import { storeQaPair, type QaStoreOptions, type StoredQa } from './qa-to-entries';
import type { PreparedDocument } from '../../library/documents';

export interface Rejection {
  /** The file it came from (absent for lines handed over without a file). */
  source?: string;
  /** The line in a feed; absent for whole-file inputs (pages, attachments). */
  lineNumber?: number;
  id?: string;
  reason: string;
}

export interface IngestSummary {
  added: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Stored documents (added, updated or unchanged) per info type. */
  byCategory: Record<string, number>;
  /** Held back by screening, with the reason (also when unchanged: they are still held). */
  quarantined: Array<{ id: string; reason: string }>;
  /** Documents whose personal data (ID cards, phones, …) was masked. */
  masked: number;
  /** Documents that joined a repost cluster (or formed one) in this run. */
  clustered: number;
  /** Repost clusters this run formed. */
  clustersCreated: number;
  /** Interpretation links this run added. */
  linksAdded: number;
  /** Files inside folders passed over on purpose. */
  skipped: SkippedFile[];
  /** Q&A pairs, written as knowledge-base entries (not documents). */
  qa: QaSummary;
}

/** Q&A pairs by what happened to their entry (see library/consultation/feed-entries.ts). */
export interface QaSummary {
  added: number;
  updated: number;
  published: number;
  unchanged: number;
  kept: number;
  /** Entries the run left as drafts (they answer nobody until an editor approves them). */
  drafts: number;
  /** Entries the run left published (they answer /v1/ask). */
  live: number;
  /** Pairs whose personal data was masked. */
  masked: number;
  /** Old 互动交流 documents of these records withdrawn (the record is an entry now). */
  converted: number;
  /** Entries kept as they were or sent back to draft, and why. */
  notes: Array<{ id: string; note: string }>;
}

export interface IngestItemsOptions {
  /** Called after each stored batch and each rejection with the number of items processed so far. */
  onProgress?: (processed: number) => void;
  /** Documents stored per transaction. Default 64: larger batches add little on PGlite (see evals/bench/ingest-bench.ts). */
  batchSize?: number;
  /** Reuse one writer across calls (its near-duplicate index is loaded once). Default: a new one. */
  writer?: LibraryWriter;
  prepare?: PrepareOptions;
  /** How Q&A pairs become entries (publish without review, or drafts). */
  qa?: QaStoreOptions;
}

export interface IngestOptions extends IngestItemsOptions {
  /** Site code for records that carry none (e.g. the feed's file name). */
  defaultSite: string;
}

export function emptySummary(): IngestSummary {
  return {
    added: 0, updated: 0, unchanged: 0, rejected: [], byCategory: {}, quarantined: [], masked: 0,
    clustered: 0, clustersCreated: 0, linksAdded: 0, skipped: [],
    qa: { added: 0, updated: 0, published: 0, unchanged: 0, kept: 0, drafts: 0, live: 0, masked: 0, converted: 0, notes: [] },
  };
}

const DEFAULT_BATCH = 64;

/**
 * Prepares and stores every item; a bad item is rejected with where it came from and why, and the
 * rest still goes in. Idempotent: the same input twice adds nothing.
 */
export async function ingestItems(db: Db, items: AsyncIterable<FeedItem>, options: IngestItemsOptions = {}): Promise<IngestSummary> {
  const summary = emptySummary();
  const writer = options.writer ?? new LibraryWriter(db);
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let processed = 0;
  let batch: PreparedDocument[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const stored = await writer.store(batch);
    stored.forEach((s, i) => account(summary, s, batch[i]));
    processed += batch.length;
    batch = [];
    options.onProgress?.(processed);
  };
  for await (const item of items) {
    const rejection = (reason: string): Rejection => ({ source: item.source, lineNumber: item.lineNumber, id: item.id, reason });
    let prepared: PreparedDocument | null = null;
    if (item.qa && !item.error) {
      try {
        accountQa(summary.qa, await storeQaPair(db, writer, item.qa, item, options.qa));
      } catch (err) {
        if (!(err instanceof InvalidRecordError)) throw err;
        summary.rejected.push(rejection(err.message));
      }
    } else if (item.error || !item.document) {
      summary.rejected.push(rejection(item.error ?? 'no document'));
    } else {
      try {
        prepared = prepareDocument(item.document, options.prepare);
      } catch (err) {
        summary.rejected.push(rejection(`cannot prepare the document (${(err as Error).message}); report it with the record`));
      }
    }
    if (prepared === null) {
      processed++;
      options.onProgress?.(processed + batch.length);
      continue;
    }
    const admitted = await writer.admitSite(prepared);
    if (typeof admitted === 'string') {
      summary.rejected.push(rejection(admitted));
      processed++;
      options.onProgress?.(processed + batch.length);
      continue;
    }
    batch.push(admitted);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}

function accountQa(summary: QaSummary, stored: StoredQa): void {
  summary[stored.outcome]++;
  if (stored.status === 'draft') summary.drafts++;
  if (stored.status === 'published') summary.live++;
  if (stored.masked) summary.masked++;
  if (stored.converted) summary.converted++;
  if (stored.note) summary.notes.push({ id: stored.recordId, note: stored.note });
}

function account(summary: IngestSummary, stored: StoredDocument, doc: PreparedDocument): void {
  summary[stored.outcome]++;
  summary.byCategory[stored.infoType] = (summary.byCategory[stored.infoType] ?? 0) + 1;
  if (stored.status === 'quarantined') summary.quarantined.push({ id: stored.externalId, reason: doc.screen?.reason ?? 'screening' });
  if (doc.extra?.masked) summary.masked++;
  if (stored.cluster?.joined) summary.clustered++;
  if (stored.cluster?.created) summary.clustersCreated++;
  summary.linksAdded += stored.linksAdded;
}

/**
 * JSONL document lines (see ingest/feeds readJsonl) into the library. A bad line is rejected with
 * its line number and reason; the rest of the feed still goes in.
 */
export async function ingestDocumentLines(db: Db, lines: AsyncIterable<JsonlLine>, options: IngestOptions): Promise<IngestSummary> {
  async function* items(): AsyncGenerator<FeedItem> {
    for await (const line of lines) {
      const where = { source: '', lineNumber: line.lineNumber };
      if (line.error) {
        yield { ...where, error: line.error };
        continue;
      }
      const v = line.value;
      const renamed = v && typeof v === 'object' && !Array.isArray(v) ? renameFields(v as Record<string, unknown>, DOCUMENT_FIELDS) : v;
      yield documentFromValue(renamed, options.defaultSite, where);
    }
  }
  const summary = await ingestItems(db, items(), options);
  for (const r of summary.rejected) delete r.source;
  return summary;
}

/** Adds one summary into another (the CLI's total over several inputs). */
export function addSummary(total: IngestSummary, s: IngestSummary): IngestSummary {
  total.added += s.added;
  total.updated += s.updated;
  total.unchanged += s.unchanged;
  total.rejected.push(...s.rejected);
  for (const [k, v] of Object.entries(s.byCategory)) total.byCategory[k] = (total.byCategory[k] ?? 0) + v;
  total.quarantined.push(...s.quarantined);
  total.masked += s.masked;
  total.clustered += s.clustered;
  total.clustersCreated += s.clustersCreated;
  total.linksAdded += s.linksAdded;
  total.skipped.push(...s.skipped);
  for (const k of ['added', 'updated', 'published', 'unchanged', 'kept', 'drafts', 'live', 'masked', 'converted'] as const) total.qa[k] += s.qa[k];
  total.qa.notes.push(...s.qa.notes);
  return total;
}
