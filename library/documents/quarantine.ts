/**
 * Quarantine records: why screening held a document back (status 'quarantined', never indexed),
 * and an editor's release of that exact content. A release is pinned to the content hash, so the
 * same content ingested again stays active, while changed content is screened afresh.
 */
import { NotFoundError } from '../errors';
import type { Queryable } from '../store/db';

export interface QuarantineEntry {
  documentId: number;
  externalId: string;
  title: string;
  siteCode: string;
  reason: string;
  marks: string[];
  quarantinedAt: string;
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
       content_hash = EXCLUDED.content_hash, quarantined_at = now(), released_at = NULL, released_by = NULL`,
    [documentId, screen.reason, screen.marks, contentHash],
  );
}

/** Forgets an unreleased quarantine record once the document's new content passes screening. */
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

/**
 * An editor confirms a quarantined document may be published: it becomes active (and searchable)
 * and stays so while its content does not change. Throws NotFoundError when it is not quarantined.
 */
export async function releaseQuarantine(db: Queryable, externalId: string, releasedBy: string): Promise<void> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE documents SET status = 'active', change_seq = nextval('library_change_seq'), updated_at = now()
      WHERE external_id = $1 AND status = 'quarantined' RETURNING id`,
    [externalId],
  );
  if (rows.length === 0) {
    throw new NotFoundError(`no quarantined document "${externalId}": check the id with listQuarantined (zhiwen ingest prints them)`);
  }
  await db.query(
    'UPDATE document_quarantine SET released_at = now(), released_by = $2 WHERE document_id = $1',
    [rows[0].id, releasedBy],
  );
}

/** Documents held back now, newest first. */
export async function listQuarantined(db: Queryable, limit = 100): Promise<QuarantineEntry[]> {
  const { rows } = await db.query<{
    document_id: number; external_id: string; title: string; code: string; reason: string; marks: string[];
    quarantined_at: Date | string;
  }>(
    `SELECT q.document_id, d.external_id, d.title, s.code, q.reason, q.marks, q.quarantined_at
       FROM document_quarantine q JOIN documents d ON d.id = q.document_id JOIN sites s ON s.id = d.site_id
      WHERE d.status = 'quarantined'
      ORDER BY q.quarantined_at DESC, q.document_id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    documentId: Number(r.document_id), externalId: r.external_id, title: r.title, siteCode: r.code,
    reason: r.reason, marks: r.marks, quarantinedAt: new Date(r.quarantined_at).toISOString(),
  }));
}

export async function countQuarantined(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE status = 'quarantined'`);
  return rows[0].n;
}
