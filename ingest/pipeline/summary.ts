/** What an ingest run did, item by item, added up: the CLI prints it and the service sends it back. */
import type { SkippedFile } from '../feeds';
import type { PreparedDocument } from '../../library/documents';
import type { StoredDocument } from './library-writer';
import type { StoredQa } from './qa-to-entries';

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

export function emptySummary(): IngestSummary {
  return {
    added: 0, updated: 0, unchanged: 0, rejected: [], byCategory: {}, quarantined: [], masked: 0,
    clustered: 0, clustersCreated: 0, linksAdded: 0, skipped: [],
    qa: { added: 0, updated: 0, published: 0, unchanged: 0, kept: 0, drafts: 0, live: 0, masked: 0, converted: 0, notes: [] },
  };
}

export function accountQa(summary: QaSummary, stored: StoredQa): void {
  summary[stored.outcome]++;
  if (stored.status === 'draft') summary.drafts++;
  if (stored.status === 'published') summary.live++;
  if (stored.masked) summary.masked++;
  if (stored.converted) summary.converted++;
  if (stored.note) summary.notes.push({ id: stored.recordId, note: stored.note });
}

export function account(summary: IngestSummary, stored: StoredDocument, doc: PreparedDocument): void {
  summary[stored.outcome]++;
  summary.byCategory[stored.infoType] = (summary.byCategory[stored.infoType] ?? 0) + 1;
  if (stored.status === 'quarantined') summary.quarantined.push({ id: stored.externalId, reason: doc.screen?.reason ?? 'screening' });
  if (doc.extra?.masked) summary.masked++;
  if (stored.cluster?.joined) summary.clustered++;
  if (stored.cluster?.created) summary.clustersCreated++;
  summary.linksAdded += stored.linksAdded;
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
