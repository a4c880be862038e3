import type { DisplayDocument } from '../documents/feed';
import type { Queryable } from '../store/db';

/** A document with its chunks' text: what answers quote and cite (search's display fields, plus these). */
export interface PassageDocument extends Omit<DisplayDocument, 'lead'> {
  writtenAt: string | null;
  chunks: Array<{ ordinal: number; text: string }>;
}

/**
 * Active documents by external id, with their chunks in order. Documents withdrawn since the index
 * saw them are left out. `maxChunksPerDocument` bounds the work on very long texts (codes of law).
 */
export async function fetchPassageDocuments(
  db: Queryable, externalIds: string[], maxChunksPerDocument = 400,
): Promise<Map<string, PassageDocument>> {
  if (externalIds.length === 0) return new Map();
  const docs = await db.query<{
    id: number; external_id: string; title: string; url: string | null; code: string; name: string; info_type: string;
    issuer: string | null; doc_number: string | null; written_at: string | null; published_at: Date | string | null; validity: string;
  }>(
    `SELECT d.id, d.external_id, d.title, d.url, s.code, s.name, d.info_type, d.issuer, d.doc_number,
            to_char(d.written_at, 'YYYY-MM-DD') AS written_at, d.published_at, d.validity
       FROM documents d JOIN sites s ON s.id = d.site_id
      WHERE d.external_id = ANY($1::text[]) AND d.status = 'active'`,
    [externalIds],
  );
  if (docs.rows.length === 0) return new Map();
  const chunks = await db.query<{ document_id: number; ordinal: number; text: string }>(
    `SELECT document_id, ordinal, text FROM chunks WHERE document_id = ANY($1::bigint[]) AND ordinal < $2
      ORDER BY document_id, ordinal`,
    [docs.rows.map((d) => d.id), maxChunksPerDocument],
  );
  const byDoc = new Map<number, PassageDocument['chunks']>();
  for (const c of chunks.rows) {
    const list = byDoc.get(Number(c.document_id)) ?? [];
    list.push({ ordinal: c.ordinal, text: c.text });
    byDoc.set(Number(c.document_id), list);
  }
  return new Map(
    docs.rows.map((d) => [
      d.external_id,
      {
        id: Number(d.id), externalId: d.external_id, title: d.title, url: d.url, siteCode: d.code, siteName: d.name,
        infoType: d.info_type, issuer: d.issuer, docNumber: d.doc_number, writtenAt: d.written_at,
        publishedAt: d.published_at ? new Date(d.published_at).toISOString() : null, validity: d.validity,
        chunks: byDoc.get(Number(d.id)) ?? [],
      },
    ]),
  );
}

/**
 * Official interpretations (政策解读) of a policy, newest first: the documents ingest linked to it
 * (`linkedIds`), and those whose title or text contains any of `needles` (the policy's 《title》,
 * its core title, its 文号 in bracket variants). The substring test runs over interpretation documents
 * only, a small share of the library; it serves one editor- and citizen-facing route, not search.
 */
export async function findInterpretations(
  db: Queryable, policyExternalId: string, needles: string[], linkedIds: number[] = [], limit = 5,
): Promise<Array<{ id: number; externalId: string; title: string; url: string | null; publishedAt: string | null }>> {
  const wanted = needles.filter((n) => n.length >= 4);
  if (wanted.length === 0 && linkedIds.length === 0) return [];
  const { rows } = await db.query<{ id: number; external_id: string; title: string; url: string | null; published_at: Date | string | null }>(
    `SELECT id, external_id, title, url, published_at FROM documents
      WHERE status = 'active' AND external_id <> $1
        AND (id = ANY($4::bigint[]) OR (info_type = '政策解读'
             AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS n WHERE strpos(title, n) > 0 OR strpos(body, n) > 0)))
      ORDER BY published_at DESC NULLS LAST, id DESC LIMIT $3`,
    [policyExternalId, wanted, limit, linkedIds],
  );
  return rows.map((r) => ({
    id: Number(r.id), externalId: r.external_id, title: r.title, url: r.url, publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  }));
}
