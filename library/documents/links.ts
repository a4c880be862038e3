/**
 * Links between documents, stored once and read both ways: a 政策解读 (from) interprets a 政策文件
 * (to). Ingest decides the links (ingest/link); this file stores and reads them.
 */
import type { Queryable } from '../store/db';

export type LinkEvidence = 'title' | 'docNumber';

export interface DocumentLink {
  /** The other document of the link, seen from the document asked about. */
  documentId: number;
  externalId: string;
  title: string;
  /** 'interprets': the asked document explains this one; 'interpretedBy': this one explains it. */
  direction: 'interprets' | 'interpretedBy';
  evidence: LinkEvidence;
}

/**
 * Makes `interpretationId`'s outgoing links exactly `targets` (a recomputation replaces the old
 * set). Returns how many links are new.
 */
export async function replaceInterpretationLinks(
  db: Queryable,
  interpretationId: number,
  targets: Array<{ policyId: number; evidence: LinkEvidence }>,
): Promise<{ added: number; removed: number }> {
  const { rows: old } = await db.query<{ to_document_id: number }>(
    `SELECT to_document_id FROM document_links WHERE from_document_id = $1 AND kind = 'interprets'`,
    [interpretationId],
  );
  const before = new Set(old.map((r) => Number(r.to_document_id)));
  const after = new Set(targets.map((t) => t.policyId));
  const removed = [...before].filter((id) => !after.has(id));
  if (removed.length > 0) {
    await db.query(
      `DELETE FROM document_links WHERE from_document_id = $1 AND kind = 'interprets' AND to_document_id = ANY($2::bigint[])`,
      [interpretationId, removed],
    );
  }
  const fresh = targets.filter((t) => !before.has(t.policyId));
  if (fresh.length > 0) {
    await db.query(
      `INSERT INTO document_links (from_document_id, to_document_id, kind, evidence)
       SELECT $1, t.to_id, 'interprets', t.evidence FROM unnest($2::bigint[], $3::text[]) AS t(to_id, evidence)
       ON CONFLICT DO NOTHING`,
      [interpretationId, fresh.map((t) => t.policyId), fresh.map((t) => t.evidence)],
    );
  }
  return { added: fresh.length, removed: removed.length };
}

/** Interpretations that currently link to any of these documents. */
export async function interpretationsLinkedTo(db: Queryable, documentIds: number[]): Promise<number[]> {
  if (documentIds.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT DISTINCT from_document_id AS id FROM document_links WHERE to_document_id = ANY($1::bigint[]) AND kind = 'interprets'`,
    [documentIds],
  );
  return rows.map((r) => Number(r.id));
}

/** Removes every link from or to a document (it was withdrawn or quarantined). */
export async function removeLinksOf(db: Queryable, documentId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM document_links WHERE from_document_id = $1 OR to_document_id = $1 RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [documentId],
  );
  return rows[0].n;
}

/** The links of each document, both directions, for display beside a result. */
export async function fetchDocumentLinks(db: Queryable, documentIds: number[]): Promise<Map<number, DocumentLink[]>> {
  const out = new Map<number, DocumentLink[]>();
  if (documentIds.length === 0) return out;
  const { rows } = await db.query<{
    asked: number; other: number; external_id: string; title: string; direction: DocumentLink['direction']; evidence: LinkEvidence;
  }>(
    `SELECT l.from_document_id AS asked, d.id AS other, d.external_id, d.title, 'interprets' AS direction, l.evidence
       FROM document_links l JOIN documents d ON d.id = l.to_document_id
      WHERE l.from_document_id = ANY($1::bigint[]) AND d.status = 'active'
     UNION ALL
     SELECT l.to_document_id AS asked, d.id AS other, d.external_id, d.title, 'interpretedBy' AS direction, l.evidence
       FROM document_links l JOIN documents d ON d.id = l.from_document_id
      WHERE l.to_document_id = ANY($1::bigint[]) AND d.status = 'active'
     ORDER BY asked, other`,
    [documentIds],
  );
  for (const r of rows) {
    const list = out.get(Number(r.asked)) ?? [];
    list.push({ documentId: Number(r.other), externalId: r.external_id, title: r.title, direction: r.direction, evidence: r.evidence });
    out.set(Number(r.asked), list);
  }
  return out;
}

export async function countLinks(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM document_links`);
  return rows[0].n;
}
