import type { Db, Queryable } from '../store/db';
import { ANALYZER_VERSION } from '../analyzer';
import { siteIdFor } from './sites';
import type { PreparedDocument, UpsertOutcome } from './prepared';

async function columnIdFor(db: Queryable, siteId: number, path: string | null | undefined) {
  if (!path) return null;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO site_columns (site_id, path) VALUES ($1, $2)
     ON CONFLICT (site_id, path) DO UPDATE SET path = EXCLUDED.path RETURNING id`,
    [siteId, path],
  );
  return rows[0].id;
}

/**
 * Stores one document and its chunks. Idempotent by content hash: the same content again is a
 * no-op; changed content replaces the document in place (same id) and bumps its change sequence.
 */
export async function upsertDocument(db: Db, doc: PreparedDocument): Promise<{ id: number; outcome: UpsertOutcome }> {
  const existing = (
    await db.query<{ id: number; content_hash: string; analyzer_version: number; status: string }>(
      'SELECT id, content_hash, analyzer_version, status FROM documents WHERE external_id = $1',
      [doc.externalId],
    )
  ).rows[0];
  const wantedStatus = doc.status ?? 'active';
  if (
    existing &&
    existing.content_hash === doc.contentHash &&
    existing.analyzer_version === ANALYZER_VERSION &&
    existing.status === wantedStatus
  ) {
    return { id: existing.id, outcome: 'unchanged' };
  }
  return db.transaction(async (tx) => {
    const siteId = await siteIdFor(tx, doc.siteCode);
    const columnId = await columnIdFor(tx, siteId, doc.column);
    const values = [
      doc.externalId, siteId, columnId, doc.url ?? null, doc.title, doc.body, doc.infoType, doc.topic ?? null,
      doc.issuer ?? null, doc.docNumber ?? null, doc.docNumberKey, doc.indexNumber ?? null,
      doc.writtenAt ?? null, doc.publishedAt ?? null, doc.validity ?? '未知', doc.contentHash, wantedStatus,
      doc.titleTokens.join(' '), JSON.stringify(doc.extra ?? {}), ANALYZER_VERSION,
    ];
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO documents (external_id, site_id, column_id, url, title, body, info_type, topic, issuer,
         doc_number, doc_number_key, index_number, written_at, published_at, validity, content_hash, status,
         title_tokens, extra, analyzer_version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19::jsonb,$20)
       ON CONFLICT (external_id) DO UPDATE SET site_id = EXCLUDED.site_id, column_id = EXCLUDED.column_id,
         url = EXCLUDED.url, title = EXCLUDED.title, body = EXCLUDED.body, info_type = EXCLUDED.info_type,
         topic = EXCLUDED.topic, issuer = EXCLUDED.issuer, doc_number = EXCLUDED.doc_number,
         doc_number_key = EXCLUDED.doc_number_key, index_number = EXCLUDED.index_number,
         written_at = EXCLUDED.written_at, published_at = EXCLUDED.published_at, validity = EXCLUDED.validity,
         content_hash = EXCLUDED.content_hash, status = EXCLUDED.status, title_tokens = EXCLUDED.title_tokens,
         extra = EXCLUDED.extra, analyzer_version = EXCLUDED.analyzer_version,
         change_seq = nextval('library_change_seq'), updated_at = now()
       RETURNING id`,
      values,
    );
    const id = rows[0].id;
    await tx.query('DELETE FROM chunks WHERE document_id = $1', [id]);
    if (doc.chunks.length > 0) {
      await tx.query(
        `INSERT INTO chunks (document_id, ordinal, heading, text, tokens)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
        [
          id,
          doc.chunks.map((c) => c.ordinal),
          doc.chunks.map((c) => c.heading),
          doc.chunks.map((c) => c.text),
          doc.chunks.map((c) => c.tokens.join(' ')),
        ],
      );
    }
    return { id, outcome: existing ? 'updated' : 'added' };
  });
}

/** Withdraws a document: it stays stored for audit but leaves search on every replica. */
export async function withdrawDocument(db: Queryable, externalId: string): Promise<boolean> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE documents SET status = 'withdrawn', change_seq = nextval('library_change_seq'), updated_at = now()
     WHERE external_id = $1 AND status <> 'withdrawn' RETURNING id`,
    [externalId],
  );
  return rows.length > 0;
}
