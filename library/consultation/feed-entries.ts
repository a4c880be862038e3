/**
 * Entries from a Q&A feed (citizens' messages with official replies, policy Q&A): one entry per feed
 * record id, found again on every re-ingest by `faq_entries.source_id`.
 *
 * - A new record becomes a draft written by the ingest (`import` in its history).
 * - The same record again writes nothing. What counts is the hash of what the feed gave, so an
 *   editor's later edit of the entry is not undone by re-ingesting an unchanged feed.
 * - A changed record is a new version by the ingest (`update`), back to draft: a reviewer approved the
 *   old content, not this one. A retired entry is left alone (an editor took it out on purpose).
 * - `publish` (the operator's explicit flag) publishes without review: the status moves to published
 *   with reviewer NULL, since nobody reviewed it (so the CHECK "reviewer is neither author nor last
 *   editor" holds), and the history records a `publish` by the ingest with the operator's note.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../store/db';
import { EDITABLE, ENTRY_COLUMNS, normalizeEntryInput, recordVersion, rowToEntry, type EntryRow } from './entries';
import type { FaqEntry, FaqEntryInput, FaqSource } from './types';

export interface FeedEntryOptions {
  /** Who writes: the ingest and its feed, e.g. "ingest:ncp2020_policy_qa.jsonl" (author and last editor). */
  actor: string;
  /** Publish without review (the operator's explicit decision); default false: drafts. */
  publish?: boolean;
  /** The history's note on a publication without review, saying who decided it and how. */
  publishNote?: string;
}

/**
 * added: a new entry; updated: the record changed, a new version; published: unchanged content, now
 * published by the flag; unchanged: nothing written; kept: the record changed but the entry is retired.
 */
export type FeedEntryOutcome = 'added' | 'updated' | 'published' | 'unchanged' | 'kept';

export interface FeedEntryResult {
  outcome: FeedEntryOutcome;
  entry: FaqEntry;
  /** Why an entry was kept as it is, or went back to draft. */
  note?: string;
}

const DEFAULT_PUBLISH_NOTE = 'published without review by the operator';

/** What the feed gave for one record, hashed: the entry content and the source, minus where it was read. */
function feedHash(entry: ReturnType<typeof normalizeEntryInput>, source: Omit<FaqSource, 'hash'>): string {
  const record = [source.recordId, source.site, source.url, source.askedAt, source.answeredAt, source.department, source.message];
  return createHash('sha256').update(JSON.stringify([entry, record])).digest('hex');
}

async function publishUnreviewed(tx: Queryable, entry: FaqEntry, options: FeedEntryOptions): Promise<FaqEntry> {
  const { rows } = await tx.query<EntryRow>(
    `UPDATE faq_entries SET status = 'published', reviewer = NULL, published_at = now(), updated_at = now(),
       change_seq = nextval('faq_change_seq')
     WHERE id = $1 RETURNING ${ENTRY_COLUMNS}`,
    [entry.id],
  );
  const published = rowToEntry(rows[0]);
  await recordVersion(tx, published, 'publish', options.actor, ['status'], options.publishNote ?? DEFAULT_PUBLISH_NOTE);
  return published;
}

/** Adds or updates the entry of one feed record (see the module comment). Throws InvalidRecordError on bad content. */
export async function upsertFeedEntry(
  db: Db, input: FaqEntryInput, source: Omit<FaqSource, 'hash'>, options: FeedEntryOptions,
): Promise<FeedEntryResult> {
  const e = normalizeEntryInput(input);
  const full: FaqSource = { ...source, hash: feedHash(e, source) };
  const where = `${source.feed}${source.line !== null ? ` line ${source.line}` : ''}`;
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM faq_entries WHERE source_id = $1 FOR UPDATE`, [source.recordId]);
    if (!rows[0]) {
      const inserted = await tx.query<EntryRow>(
        `INSERT INTO faq_entries (question, alternatives, answer_html, answer_text, scope, site_code, region_code, category,
           effective_from, expires_on, related_documents, author, last_editor, source_id, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14::jsonb) RETURNING ${ENTRY_COLUMNS}`,
        [e.question, e.alternatives, e.answerHtml, e.answerText, e.scope, e.siteCode, e.regionCode, e.category,
          e.effectiveFrom, e.expiresOn, e.relatedDocuments, options.actor, source.recordId, JSON.stringify(full)],
      );
      let entry = rowToEntry(inserted.rows[0]);
      await recordVersion(tx, entry, 'import', options.actor, Object.keys(EDITABLE), `from ${where}`);
      if (options.publish) entry = await publishUnreviewed(tx, entry, options);
      return { outcome: 'added', entry };
    }
    const before = rowToEntry(rows[0]);
    const canPublish = options.publish && before.status !== 'published' && before.status !== 'retired';
    if (before.source?.hash === full.hash) {
      return canPublish ? { outcome: 'published', entry: await publishUnreviewed(tx, before, options) } : { outcome: 'unchanged', entry: before };
    }
    if (before.status === 'retired') {
      return { outcome: 'kept', entry: before, note: `entry ${before.id} is retired: the changed record was not applied; revise the entry to bring it back` };
    }
    const changed = Object.keys(EDITABLE).filter(
      (k) => JSON.stringify(e[k as keyof typeof e]) !== JSON.stringify(before[k as keyof FaqEntry]),
    );
    if (changed.length === 0) {
      // Only where or when the record says it was asked changed: refresh the source, no new version.
      await tx.query('UPDATE faq_entries SET source = $2::jsonb WHERE id = $1', [before.id, JSON.stringify(full)]);
      const entry = { ...before, source: full };
      return canPublish ? { outcome: 'published', entry: await publishUnreviewed(tx, entry, options) } : { outcome: 'unchanged', entry };
    }
    const updated = await tx.query<EntryRow>(
      `UPDATE faq_entries SET question = $2, alternatives = $3, answer_html = $4, answer_text = $5, scope = $6, site_code = $7,
         region_code = $8, category = $9, effective_from = $10, expires_on = $11, related_documents = $12, last_editor = $13,
         source = $14::jsonb, status = 'draft', reviewer = NULL, version = version + 1, updated_at = now(),
         change_seq = nextval('faq_change_seq')
       WHERE id = $1 RETURNING ${ENTRY_COLUMNS}`,
      [before.id, e.question, e.alternatives, e.answerHtml, e.answerText, e.scope, e.siteCode, e.regionCode, e.category,
        e.effectiveFrom, e.expiresOn, e.relatedDocuments, options.actor, JSON.stringify(full)],
    );
    const entry = rowToEntry(updated.rows[0]);
    await recordVersion(tx, entry, 'update', options.actor, changed, `changed in ${where}`);
    if (options.publish) return { outcome: 'updated', entry: await publishUnreviewed(tx, entry, options) };
    const note = before.status === 'draft' ? undefined : `entry ${before.id} was ${before.status}; its new version is a draft awaiting review`;
    return { outcome: 'updated', entry, ...(note ? { note } : {}) };
  });
}
