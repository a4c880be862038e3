import { InvalidRecordError, NotFoundError } from '../errors';
import type { Db, Queryable } from '../store/db';
import { htmlToText, sanitizeHtml } from './sanitize-html';
import { FAQ_SCOPES, FAQ_STATUSES, type FaqAction, type FaqEntry, type FaqEntryInput, type FaqSource, type FaqStatus } from './types';

/** Limits that keep one entry readable on a phone and cheap to index. */
export const FAQ_LIMITS = { question: 200, alternatives: 50, answerHtml: 20_000, relatedDocuments: 50 } as const;

/** Columns of an entry, dates as ISO text so no driver turns them into local-time Date objects. */
export const ENTRY_COLUMNS = `id, question, alternatives, answer_html, answer_text, scope, site_code, region_code, category,
  to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(expires_on, 'YYYY-MM-DD') AS expires_on,
  related_documents, status, version, author, last_editor, reviewer, published_at, created_at, updated_at, change_seq, source`;

export interface EntryRow {
  id: number; question: string; alternatives: string[]; answer_html: string; answer_text: string; scope: FaqEntry['scope'];
  site_code: string | null; region_code: string | null; category: string | null; effective_from: string | null;
  expires_on: string | null; related_documents: string[]; status: FaqStatus; version: number; author: string;
  last_editor: string; reviewer: string | null; published_at: Date | string | null; created_at: Date | string;
  updated_at: Date | string; change_seq: number | string; source: FaqSource | string | null;
}

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

export function rowToEntry(r: EntryRow): FaqEntry {
  return {
    id: Number(r.id), question: r.question, alternatives: r.alternatives, answerHtml: r.answer_html, answerText: r.answer_text,
    scope: r.scope, siteCode: r.site_code, regionCode: r.region_code, category: r.category, effectiveFrom: r.effective_from,
    expiresOn: r.expires_on, relatedDocuments: r.related_documents, status: r.status, version: r.version, author: r.author,
    lastEditor: r.last_editor, reviewer: r.reviewer, publishedAt: iso(r.published_at), createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!, changeSeq: Number(r.change_seq),
    source: typeof r.source === 'string' ? (JSON.parse(r.source) as FaqSource) : r.source,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** The stored form of an editor's input: trimmed, deduplicated, sanitised, checked. Throws what to fix. */
export function normalizeEntryInput(input: FaqEntryInput): Required<FaqEntryInput> & { answerText: string } {
  const question = clean(input.question);
  if (!question) throw new InvalidRecordError('question is empty: write the standard question (标准问)');
  if (question.length > FAQ_LIMITS.question) {
    throw new InvalidRecordError(`question is ${question.length} characters; keep it under ${FAQ_LIMITS.question}`);
  }
  const alternatives = [...new Set((input.alternatives ?? []).map(clean).filter((a) => a && a !== question))];
  if (alternatives.length > FAQ_LIMITS.alternatives) {
    throw new InvalidRecordError(`${alternatives.length} alternative phrasings; at most ${FAQ_LIMITS.alternatives}`);
  }
  const long = alternatives.find((a) => a.length > FAQ_LIMITS.question);
  if (long) throw new InvalidRecordError(`alternative "${long.slice(0, 20)}…" is over ${FAQ_LIMITS.question} characters`);
  if ((input.answerHtml ?? '').length > FAQ_LIMITS.answerHtml) {
    throw new InvalidRecordError(`answer is over ${FAQ_LIMITS.answerHtml} characters; link to a document instead`);
  }
  const answerHtml = sanitizeHtml(input.answerHtml ?? '').trim();
  const answerText = htmlToText(answerHtml);
  if (!answerText) throw new InvalidRecordError('answer is empty (after removing unsafe HTML): write the answer text');
  const scope = input.scope ?? 'platform';
  if (!FAQ_SCOPES.includes(scope)) throw new InvalidRecordError(`scope must be one of ${FAQ_SCOPES.join(', ')}, got "${scope}"`);
  const siteCode = clean(input.siteCode) || null;
  const regionCode = clean(input.regionCode) || null;
  if (scope === 'site' && !siteCode) throw new InvalidRecordError('scope "site" needs siteCode (the 网站标识码 it answers for)');
  if (scope === 'region' && !(regionCode && /^\d{2,12}$/.test(regionCode))) {
    throw new InvalidRecordError(`scope "region" needs regionCode, a 行政区划代码 such as 330100; got "${regionCode ?? ''}"`);
  }
  for (const [name, value] of [['effectiveFrom', input.effectiveFrom], ['expiresOn', input.expiresOn]] as const) {
    if (value && !(DAY.test(value) && !Number.isNaN(Date.parse(value)))) {
      throw new InvalidRecordError(`${name} must be a day like 2025-01-31, got "${value}"`);
    }
  }
  if (input.effectiveFrom && input.expiresOn && input.expiresOn <= input.effectiveFrom) {
    throw new InvalidRecordError(`expiresOn (${input.expiresOn}) must come after effectiveFrom (${input.effectiveFrom})`);
  }
  const relatedDocuments = [...new Set((input.relatedDocuments ?? []).map(clean).filter(Boolean))];
  if (relatedDocuments.length > FAQ_LIMITS.relatedDocuments) {
    throw new InvalidRecordError(`${relatedDocuments.length} related documents; at most ${FAQ_LIMITS.relatedDocuments}`);
  }
  return {
    question, alternatives, answerHtml, answerText, scope,
    siteCode: scope === 'site' ? siteCode : null,
    regionCode: scope === 'region' ? regionCode : null,
    category: clean(input.category) || null,
    effectiveFrom: input.effectiveFrom || null,
    expiresOn: input.expiresOn || null,
    relatedDocuments,
  };
}

export async function recordVersion(
  tx: Queryable, entry: FaqEntry, action: FaqAction, actor: string, changed: string[], note: string | null = null,
): Promise<void> {
  await tx.query(
    `INSERT INTO faq_versions (entry_id, version, action, actor, changed, note, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [entry.id, entry.version, action, actor, changed, note, JSON.stringify(entry)],
  );
}

/** Creates a draft entry written by `actor`. */
export async function createEntry(db: Db, input: FaqEntryInput, actor: string, action: FaqAction = 'create'): Promise<FaqEntry> {
  const e = normalizeEntryInput(input);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<EntryRow>(
      `INSERT INTO faq_entries (question, alternatives, answer_html, answer_text, scope, site_code, region_code, category,
         effective_from, expires_on, related_documents, author, last_editor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING ${ENTRY_COLUMNS}`,
      [e.question, e.alternatives, e.answerHtml, e.answerText, e.scope, e.siteCode, e.regionCode, e.category,
        e.effectiveFrom, e.expiresOn, e.relatedDocuments, actor],
    );
    const entry = rowToEntry(rows[0]);
    await recordVersion(tx, entry, action, actor, Object.keys(EDITABLE));
    return entry;
  });
}

/** The content fields an edit can change (what a version's `changed` lists). */
export const EDITABLE: Record<string, keyof EntryRow> = {
  question: 'question', alternatives: 'alternatives', answerHtml: 'answer_html', scope: 'scope', siteCode: 'site_code',
  regionCode: 'region_code', category: 'category', effectiveFrom: 'effective_from', expiresOn: 'expires_on',
  relatedDocuments: 'related_documents',
};

export async function getEntry(db: Queryable, id: number): Promise<FaqEntry> {
  const { rows } = await db.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM faq_entries WHERE id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError(`no FAQ entry ${id}`);
  return rowToEntry(rows[0]);
}

/**
 * Changes an entry's content (a new version). Only drafts are edited: an entry under review or
 * published is taken back with `revise`/`reject` first, so a reviewer always approves what is shown.
 */
export async function updateEntry(db: Db, id: number, patch: Partial<FaqEntryInput>, actor: string): Promise<FaqEntry> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM faq_entries WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new NotFoundError(`no FAQ entry ${id}`);
    const before = rowToEntry(rows[0]);
    if (before.status !== 'draft') {
      throw new InvalidRecordError(
        `entry ${id} is ${before.status}; only drafts are edited: ` +
          (before.status === 'pending_review' ? 'reject it back to draft first' : 'revise it back to draft first'),
        { status: before.status },
      );
    }
    const merged = normalizeEntryInput({ ...before, ...patch });
    const changed = Object.keys(EDITABLE).filter(
      (k) => JSON.stringify(merged[k as keyof typeof merged]) !== JSON.stringify(before[k as keyof FaqEntry]),
    );
    if (changed.length === 0) return before;
    const updated = await tx.query<EntryRow>(
      `UPDATE faq_entries SET question = $2, alternatives = $3, answer_html = $4, answer_text = $5, scope = $6, site_code = $7,
         region_code = $8, category = $9, effective_from = $10, expires_on = $11, related_documents = $12, last_editor = $13,
         version = version + 1, updated_at = now(), change_seq = nextval('faq_change_seq')
       WHERE id = $1 RETURNING ${ENTRY_COLUMNS}`,
      [id, merged.question, merged.alternatives, merged.answerHtml, merged.answerText, merged.scope, merged.siteCode,
        merged.regionCode, merged.category, merged.effectiveFrom, merged.expiresOn, merged.relatedDocuments, actor],
    );
    const entry = rowToEntry(updated.rows[0]);
    await recordVersion(tx, entry, 'update', actor, changed);
    return entry;
  });
}

export interface EntryFilter {
  status?: FaqStatus;
  category?: string;
  /** Substring of the question or an alternative. */
  q?: string;
  /** Entries scoped to this site (scope 'site' and its 网站标识码). */
  siteCode?: string;
  /** Written or last edited by this name. */
  author?: string;
  /** Expiring within this many days from today (already expired ones included), soonest first. */
  expiringWithinDays?: number;
  /** Only entries of these sites (scope 'site') and regions (scope 'region'): a scoped caller's listing. */
  within?: { siteCodes: readonly string[]; regionCodes: readonly string[] };
  limit?: number;
  offset?: number;
}

export async function listEntries(db: Queryable, filter: EntryFilter = {}): Promise<{ total: number; entries: FaqEntry[] }> {
  if (filter.status && !FAQ_STATUSES.includes(filter.status)) {
    throw new InvalidRecordError(`status must be one of ${FAQ_STATUSES.join(', ')}, got "${filter.status}"`);
  }
  const where = `WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR category = $2)
    AND ($3::text IS NULL OR strpos(question, $3) > 0 OR strpos(array_to_string(alternatives, ' '), $3) > 0)
    AND ($4::text IS NULL OR (scope = 'site' AND site_code = $4)) AND ($5::text IS NULL OR author = $5 OR last_editor = $5)
    AND ($6::int IS NULL OR expires_on <= current_date + $6::int)
    AND ($7::text[] IS NULL OR (scope = 'site' AND site_code = ANY($7)) OR (scope = 'region' AND region_code = ANY($8)))`;
  const params = [filter.status ?? null, filter.category ?? null, filter.q || null, filter.siteCode || null, filter.author || null,
    filter.expiringWithinDays ?? null, filter.within ? [...filter.within.siteCodes] : null, filter.within ? [...filter.within.regionCodes] : null];
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM faq_entries ${where}`, params);
  const order = filter.expiringWithinDays === undefined ? 'id' : 'expires_on, id';
  const { rows } = await db.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM faq_entries ${where} ORDER BY ${order} LIMIT $9 OFFSET $10`,
    [...params, filter.limit ?? 50, filter.offset ?? 0],
  );
  return { total: total.rows[0].n, entries: rows.map(rowToEntry) };
}

/** Entries changed after `afterSeq`, oldest change first: how FAQ indexes follow the table. */
export async function readFaqFeed(db: Queryable, afterSeq: number, batchSize = 1000): Promise<FaqEntry[]> {
  const { rows } = await db.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM faq_entries WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
    [afterSeq, batchSize],
  );
  return rows.map(rowToEntry);
}
