/**
 * Q&A pairs → entries of the consultation knowledge base (library/consultation), not documents. The
 * FAQ index follows the entries table, so a published entry answers /v1/ask with the official reply.
 *
 * Personal data is masked here (the screening stage's masking, on subject, message and reply) before
 * anything is stored. Libraries ingested before Q&A became entries hold the pair as a 互动交流 document
 * under the record's id: when that record arrives as an entry, the old document is withdrawn (kept for
 * audit, out of search), so the pair is not both an answer and a search result.
 */
import path from 'node:path';
import { escapeHtml, FAQ_LIMITS, upsertFeedEntry, type FeedEntryOutcome } from '../../library/consultation';
import { hasLiveQaDocument } from '../../library/documents';
import type { FaqEntry } from '../../library/consultation';
import type { Db } from '../../library/store';
import type { QaPair } from '../feeds';
import { normalizeText } from '../normalize';
import { maskPersonalData } from '../screen';
import type { LibraryWriter } from './library-writer';

/** What the history says when the operator's flag publishes an entry without review. */
export const PUBLISH_QA_NOTE = 'published by ingest flag --publish-qa (operator decision, not reviewed)';

export interface QaStoreOptions {
  /** Publish the entries without review (`zhiwen ingest --publish-qa`); default false: drafts for editors. */
  publish?: boolean;
}

export interface StoredQa {
  recordId: string;
  entryId: number;
  outcome: FeedEntryOutcome;
  status: FaqEntry['status'];
  /** Why an entry was kept as it was, or went back to draft. */
  note?: string;
  /** Personal data found and masked (subject, message or reply). */
  masked: boolean;
  /** True when this record's old 互动交流 document was withdrawn (converted to the entry). */
  converted: boolean;
}

/** The ingest as an editor: who wrote an entry, e.g. "ingest:ncp2020_policy_qa.jsonl". */
export const qaActor = (feed: string): string => `ingest:${path.basename(feed) || feed}`;

/** Plain reply text → the entry's rich text: one paragraph per line, escaped. */
function answerHtml(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => `<p>${escapeHtml(l)}</p>`).join('');
}

// Citizens' messages and their replies: names and home addresses are masked too (message mode).
function masked(text: string): { text: string; found: boolean } {
  const m = maskPersonalData(normalizeText(text), { message: true });
  return { text: m.text, found: Object.values(m.masked).some((n) => n > 0) };
}

/** Writes one pair as an entry (InvalidRecordError when it cannot be one) and converts its old document. */
export async function storeQaPair(
  db: Db, writer: LibraryWriter, pair: QaPair, where: { source: string; lineNumber?: number }, options: QaStoreOptions = {},
): Promise<StoredQa> {
  const subject = masked(pair.subject.replace(/\s+/gu, ' '));
  const message = masked(pair.question);
  const answer = masked(pair.answer);
  const question = subject.text.length <= FAQ_LIMITS.question ? subject.text : `${subject.text.slice(0, FAQ_LIMITS.question - 1)}…`;
  const result = await upsertFeedEntry(db, {
    question,
    answerHtml: answerHtml(answer.text),
    scope: pair.site ? 'site' : 'platform',
    siteCode: pair.site,
    category: pair.topic,
    relatedDocuments: pair.relatedDocuments,
  }, {
    recordId: pair.recordId, feed: where.source, line: where.lineNumber ?? null, site: pair.site ?? pair.defaultSite,
    url: pair.url, askedAt: pair.askedAt, answeredAt: pair.answeredAt, department: pair.department, message: message.text,
  }, { actor: qaActor(where.source), publish: options.publish, publishNote: PUBLISH_QA_NOTE });
  return {
    recordId: pair.recordId, entryId: result.entry.id, outcome: result.outcome, status: result.entry.status,
    ...(result.note ? { note: result.note } : {}),
    masked: subject.found || message.found || answer.found,
    converted: await withdrawOldQaDocument(db, writer, pair.recordId),
  };
}

/** The record's 互动交流 document from an ingest before Q&A became entries, withdrawn; false when there is none. */
async function withdrawOldQaDocument(db: Db, writer: LibraryWriter, recordId: string): Promise<boolean> {
  return (await hasLiveQaDocument(db, recordId)) && writer.withdraw(recordId);
}
