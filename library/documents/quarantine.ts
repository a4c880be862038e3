/**
 * Quarantine records: why screening held a document back (status 'quarantined', never indexed),
 * and an editor's decision on that exact content: a release (the document becomes active and
 * searchable) or a rejection (it stays out, with who, when and why). Both are pinned to the content
 * hash: the same content ingested again keeps the decision, changed content is screened afresh
 * (and, if held back again, waits for a new decision).
 */
import { NotFoundError, ZhiwenError } from '../errors';
import type { Queryable } from '../store/db';

/** pending: waiting for an editor; rejected: kept out by an editor; released: published by an editor. */
export type QuarantineState = 'pending' | 'rejected' | 'released';
export const QUARANTINE_STATES: readonly QuarantineState[] = ['pending', 'rejected', 'released'];

export interface QuarantineDecision {
  by: string;
  at: string;
}

export interface QuarantineEntry {
  documentId: number;
  externalId: string;
  title: string;
  siteCode: string;
  reason: string;
  marks: string[];
  quarantinedAt: string;
  state: QuarantineState;
  released: QuarantineDecision | null;
  rejected: (QuarantineDecision & { reason: string }) | null;
}

/** One quarantined document with what an editor needs to decide: its metadata and its (masked) text. */
export interface QuarantineDetail extends QuarantineEntry {
  url: string | null;
  infoType: string;
  issuer: string | null;
  docNumber: string | null;
  publishedAt: string | null;
  status: string;
  contentHash: string;
  body: string;
}

/** Records (or refreshes) why a stored document is held back. */
export async function recordQuarantine(
  db: Queryable,
  documentId: number,
  screen: { reason: string; marks: string[] },
  contentHash: string,
): Promise<void> {
  await db.query(
    `INSERT INTO document_quarantine (document_id, reason, marks, content_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (document_id) DO UPDATE SET reason = EXCLUDED.reason, marks = EXCLUDED.marks,
       content_hash = EXCLUDED.content_hash, quarantined_at = now(), released_at = NULL, released_by = NULL,
       rejected_at = NULL, rejected_by = NULL, reject_reason = NULL`,
    [documentId, screen.reason, screen.marks, contentHash],
  );
}

/** Forgets an unreleased (pending or rejected) record once the document's new content passes screening. */
export async function clearQuarantine(db: Queryable, documentId: number): Promise<void> {
  await db.query('DELETE FROM document_quarantine WHERE document_id = $1 AND released_at IS NULL', [documentId]);
}

/** External ids (of these) whose current quarantine an editor released, with the released content hash. */
export async function releasedContent(db: Queryable, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await db.query<{ external_id: string; content_hash: string }>(
    `SELECT d.external_id, q.content_hash FROM document_quarantine q JOIN documents d ON d.id = q.document_id
      WHERE q.released_at IS NOT NULL AND d.external_id = ANY($1::text[])`,
    [externalIds],
  );
  return new Map(rows.map((r) => [r.external_id, r.content_hash]));
}

const ENTRY_COLUMNS = `q.document_id, d.external_id, d.title, s.code, q.reason, q.marks, q.quarantined_at,
  q.released_at, q.released_by, q.rejected_at, q.rejected_by, q.reject_reason`;
const FROM = `document_quarantine q JOIN documents d ON d.id = q.document_id JOIN sites s ON s.id = d.site_id`;
const STATE_WHERE: Record<QuarantineState | 'all', string> = {
  pending: `d.status = 'quarantined' AND q.released_at IS NULL AND q.rejected_at IS NULL`,
  rejected: `d.status = 'quarantined' AND q.released_at IS NULL AND q.rejected_at IS NOT NULL`,
  released: 'q.released_at IS NOT NULL',
  all: 'true',
};

interface EntryRow {
  document_id: number; external_id: string; title: string; code: string; reason: string; marks: string[];
  quarantined_at: Date | string; released_at: Date | string | null; released_by: string | null;
  rejected_at: Date | string | null; rejected_by: string | null; reject_reason: string | null;
}

const iso = (v: Date | string): string => new Date(v).toISOString();

function entryOf(r: EntryRow): QuarantineEntry {
  const released = r.released_at ? { by: r.released_by ?? '', at: iso(r.released_at) } : null;
  const rejected = r.rejected_at ? { by: r.rejected_by ?? '', at: iso(r.rejected_at), reason: r.reject_reason ?? '' } : null;
  return {
    documentId: Number(r.document_id), externalId: r.external_id, title: r.title, siteCode: r.code,
    reason: r.reason, marks: r.marks, quarantinedAt: iso(r.quarantined_at),
    state: released ? 'released' : rejected ? 'rejected' : 'pending', released, rejected,
  };
}

export interface ListQuarantineOptions {
  /** Which records: 'pending' (default, waiting for an editor), 'rejected', 'released' or 'all'. */
  state?: QuarantineState | 'all';
  /** At most this many, newest first; default 100. */
  limit?: number;
}

/** Quarantine records in one state, newest first (default: the documents waiting for an editor). */
export async function listQuarantined(db: Queryable, options: ListQuarantineOptions = {}): Promise<QuarantineEntry[]> {
  const state = options.state ?? 'pending';
  const { rows } = await db.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM ${FROM} WHERE ${STATE_WHERE[state]}
      ORDER BY q.quarantined_at DESC, q.document_id DESC LIMIT $1`,
    [options.limit ?? 100],
  );
  return rows.map(entryOf);
}

/** One document's quarantine record with its metadata and text; NotFoundError when it has none. */
export async function showQuarantined(db: Queryable, externalId: string): Promise<QuarantineDetail> {
  const { rows } = await db.query<EntryRow & {
    url: string | null; info_type: string; issuer: string | null; doc_number: string | null;
    published_at: Date | string | null; status: string; content_hash: string; body: string;
  }>(
    `SELECT ${ENTRY_COLUMNS}, d.url, d.info_type, d.issuer, d.doc_number, d.published_at, d.status,
            q.content_hash, d.body
       FROM ${FROM} WHERE d.external_id = $1`,
    [externalId],
  );
  if (rows.length === 0) throw notQuarantined(externalId);
  const r = rows[0];
  return {
    ...entryOf(r), url: r.url, infoType: r.info_type, issuer: r.issuer, docNumber: r.doc_number,
    publishedAt: r.published_at ? iso(r.published_at) : null, status: r.status, contentHash: r.content_hash, body: r.body,
  };
}

function notQuarantined(externalId: string): NotFoundError {
  return new NotFoundError(
    `no quarantined document "${externalId}": use an external id as the quarantine list shows it`,
  );
}

function editorName(name: string, action: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new ZhiwenError('EDITOR_REQUIRED', `say who ${action} the document (--by <name>, or "by" in the request body)`);
  return trimmed;
}

/**
 * An editor confirms a quarantined document may be published: it becomes active, its change_seq is
 * bumped (so every search replica indexes it within seconds), and it stays active while its content
 * does not change. A rejected document may be released later. NotFoundError when not quarantined.
 */
export async function releaseQuarantine(db: Queryable, externalId: string, releasedBy: string): Promise<QuarantineEntry> {
  const by = editorName(releasedBy, 'releases');
  const { rows } = await db.query<{ id: number }>(
    `UPDATE documents SET status = 'active', change_seq = nextval('library_change_seq'), updated_at = now()
      WHERE external_id = $1 AND status = 'quarantined' RETURNING id`,
    [externalId],
  );
  if (rows.length === 0) throw notQuarantined(externalId);
  await db.query(
    'UPDATE document_quarantine SET released_at = now(), released_by = $2 WHERE document_id = $1',
    [rows[0].id, by],
  );
  return entryOf(await entryRow(db, Number(rows[0].id)));
}

/**
 * An editor confirms a quarantined document must not be published: it stays out of search, with who
 * rejected it, when and why recorded. Rejecting again replaces the reason. NotFoundError when the
 * document is not quarantined (a released one is withdrawn with `zhiwen withdraw` instead).
 */
export async function rejectQuarantine(
  db: Queryable,
  externalId: string,
  rejectedBy: string,
  reason: string,
): Promise<QuarantineEntry> {
  const by = editorName(rejectedBy, 'rejects');
  if (!reason.trim()) throw new ZhiwenError('REASON_REQUIRED', 'say why the document is rejected (--reason <text>, or "reason" in the request body)');
  const { rows } = await db.query<{ document_id: number }>(
    `UPDATE document_quarantine q SET rejected_at = now(), rejected_by = $2, reject_reason = $3
       FROM documents d
      WHERE d.id = q.document_id AND d.external_id = $1 AND d.status = 'quarantined'
      RETURNING q.document_id`,
    [externalId, by, reason.trim()],
  );
  if (rows.length === 0) throw notQuarantined(externalId);
  return entryOf(await entryRow(db, Number(rows[0].document_id)));
}

async function entryRow(db: Queryable, documentId: number): Promise<EntryRow> {
  const { rows } = await db.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM ${FROM} WHERE q.document_id = $1`, [documentId]);
  return rows[0];
}

/** Documents held back now (pending or rejected). */
export async function countQuarantined(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE status = 'quarantined'`);
  return rows[0].n;
}
