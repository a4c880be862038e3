import type { Db, Queryable } from '../store/db';
import { ANALYZER_VERSION } from '../analyzer';
import { siteIdFor } from './sites';
import type { PreparedDocument, UpsertResult } from './prepared';

/** What is stored of a document already, enough to tell whether a new version changes anything. */
export interface StoredState {
  id: number;
  contentHash: string;
  analyzerVersion: number;
  status: string;
}

/** Stored state of the documents with these external ids (absent ids are not stored). */
export async function storedStates(db: Queryable, externalIds: string[]): Promise<Map<string, StoredState>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; external_id: string; content_hash: string; analyzer_version: number; status: string }>(
    'SELECT id, external_id, content_hash, analyzer_version, status FROM documents WHERE external_id = ANY($1::text[])',
    [externalIds],
  );
  return new Map(rows.map((r) => [r.external_id, {
    id: Number(r.id), contentHash: r.content_hash, analyzerVersion: r.analyzer_version, status: r.status,
  }]));
}

/** True when storing `doc` would change nothing: same content, same analyzer, same status. */
export function isUnchanged(stored: StoredState | undefined, doc: PreparedDocument): stored is StoredState {
  return (
    stored !== undefined &&
    stored.contentHash === doc.contentHash &&
    stored.analyzerVersion === ANALYZER_VERSION &&
    stored.status === (doc.status ?? 'active')
  );
}

/**
 * Stores one document and its chunks. Idempotent by content hash: the same content again is a
 * no-op; changed content replaces the document in place (same id) and bumps its change sequence.
 */
export async function upsertDocument(db: Db, doc: PreparedDocument): Promise<UpsertResult> {
  return (await upsertDocuments(db, [doc]))[0];
}

/**
 * Stores several documents in one transaction (a few statements for the whole batch, which is
 * what makes bulk ingest fast on PGlite). Results are in the order of `docs`; a document given
 * twice is written in order, so the later version wins.
 */
export async function upsertDocuments(db: Db, docs: PreparedDocument[]): Promise<UpsertResult[]> {
  if (docs.length === 0) return [];
  const states = await storedStates(db, docs.map((d) => d.externalId));
  if (docs.every((d) => isUnchanged(states.get(d.externalId), d))) {
    return docs.map((d) => ({ id: states.get(d.externalId)!.id, outcome: 'unchanged' }));
  }
  return db.transaction((tx) => writeDocuments(tx, docs, states));
}

/**
 * The writes of upsertDocuments inside the caller's transaction, so that ingest can store a batch
 * and its enrichment (clusters, links, quarantine) atomically. `states` may come from storedStates
 * read before the transaction; it is updated as documents are written.
 */
export async function writeDocuments(
  tx: Queryable,
  docs: PreparedDocument[],
  states?: Map<string, StoredState>,
): Promise<UpsertResult[]> {
  const known = states ?? (await storedStates(tx, docs.map((d) => d.externalId)));
  const results: UpsertResult[] = new Array(docs.length);
  const sites = new Map<string, number>();
  // A multi-row upsert cannot touch one row twice: a repeated external id waits for the next round.
  let pending = docs.map((doc, index) => ({ doc, index }));
  while (pending.length > 0) {
    const seen = new Set<string>();
    const round: typeof pending = [];
    const later: typeof pending = [];
    for (const item of pending) {
      if (seen.has(item.doc.externalId)) later.push(item);
      else {
        seen.add(item.doc.externalId);
        round.push(item);
      }
    }
    const toWrite = round.filter(({ doc, index }) => {
      const stored = known.get(doc.externalId);
      if (!isUnchanged(stored, doc)) return true;
      results[index] = { id: stored.id, outcome: 'unchanged' };
      return false;
    });
    if (toWrite.length > 0) {
      for (const { doc } of toWrite) {
        if (!sites.has(doc.siteCode)) sites.set(doc.siteCode, await siteIdFor(tx, doc.siteCode));
      }
      const written = await writeRound(tx, toWrite.map((w) => w.doc), sites);
      for (const { doc, index } of toWrite) {
        const id = written.get(doc.externalId)!;
        results[index] = { id, outcome: known.has(doc.externalId) ? 'updated' : 'added' };
        known.set(doc.externalId, {
          id, contentHash: doc.contentHash, analyzerVersion: ANALYZER_VERSION, status: doc.status ?? 'active',
        });
      }
    }
    pending = later;
  }
  return results;
}

async function columnIdFor(db: Queryable, siteId: number, path: string | null | undefined): Promise<number | null> {
  if (!path) return null;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO site_columns (site_id, path) VALUES ($1, $2)
     ON CONFLICT (site_id, path) DO UPDATE SET path = EXCLUDED.path RETURNING id`,
    [siteId, path],
  );
  return rows[0].id;
}

/** Link keys travel as one string per document: unnest would flatten a text[][] parameter. */
const KEY_SEPARATOR = '\u001f';

async function writeRound(
  tx: Queryable,
  docs: PreparedDocument[],
  sites: Map<string, number>,
): Promise<Map<string, number>> {
  const columns: Array<number | null> = [];
  for (const doc of docs) columns.push(await columnIdFor(tx, sites.get(doc.siteCode)!, doc.column));
  const col = <T>(f: (d: PreparedDocument) => T): T[] => docs.map(f);
  const { rows } = await tx.query<{ id: number; external_id: string }>(
    `INSERT INTO documents (external_id, site_id, column_id, url, title, body, info_type, topic, issuer,
       doc_number, doc_number_key, index_number, written_at, published_at, validity, content_hash, status,
       title_tokens, extra, analyzer_version, simhash, link_keys)
     SELECT u.external_id, u.site_id, u.column_id, u.url, u.title, u.body, u.info_type, u.topic, u.issuer,
       u.doc_number, u.doc_number_key, u.index_number, u.written_at::date, u.published_at::timestamptz, u.validity,
       u.content_hash, u.status, u.title_tokens, u.extra::jsonb, $20::int, u.simhash,
       CASE WHEN u.link_keys = '' THEN '{}'::text[] ELSE string_to_array(u.link_keys, chr(31)) END
     FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
       $17::text[], $18::text[], $19::text[], $21::text[], $22::text[])
       AS u(external_id, site_id, column_id, url, title, body, info_type, topic, issuer, doc_number,
            doc_number_key, index_number, written_at, published_at, validity, content_hash, status,
            title_tokens, extra, simhash, link_keys)
     ON CONFLICT (external_id) DO UPDATE SET site_id = EXCLUDED.site_id, column_id = EXCLUDED.column_id,
       url = EXCLUDED.url, title = EXCLUDED.title, body = EXCLUDED.body, info_type = EXCLUDED.info_type,
       topic = EXCLUDED.topic, issuer = EXCLUDED.issuer, doc_number = EXCLUDED.doc_number,
       doc_number_key = EXCLUDED.doc_number_key, index_number = EXCLUDED.index_number,
       written_at = EXCLUDED.written_at, published_at = EXCLUDED.published_at, validity = EXCLUDED.validity,
       content_hash = EXCLUDED.content_hash, status = EXCLUDED.status, title_tokens = EXCLUDED.title_tokens,
       extra = EXCLUDED.extra, analyzer_version = EXCLUDED.analyzer_version, simhash = EXCLUDED.simhash,
       link_keys = EXCLUDED.link_keys, change_seq = nextval('library_change_seq'), updated_at = now()
     RETURNING id, external_id`,
    [
      col((d) => d.externalId), col((d) => sites.get(d.siteCode)!), columns, col((d) => d.url ?? null),
      col((d) => d.title), col((d) => d.body), col((d) => d.infoType), col((d) => d.topic ?? null),
      col((d) => d.issuer ?? null), col((d) => d.docNumber ?? null), col((d) => d.docNumberKey),
      col((d) => d.indexNumber ?? null), col((d) => d.writtenAt ?? null), col((d) => d.publishedAt ?? null),
      col((d) => d.validity ?? '未知'), col((d) => d.contentHash), col((d) => d.status ?? 'active'),
      col((d) => d.titleTokens.join(' ')), col((d) => JSON.stringify(d.extra ?? {})), ANALYZER_VERSION,
      col((d) => d.simhash ?? null), col((d) => (d.linkKeys ?? []).join(KEY_SEPARATOR)),
    ],
  );
  const written = new Map(rows.map((r) => [r.external_id, Number(r.id)]));
  const docIds = docs.map((d) => written.get(d.externalId)!);
  await tx.query('DELETE FROM chunks WHERE document_id = ANY($1::bigint[])', [docIds]);
  const chunks = docs.flatMap((d, i) => d.chunks.map((c) => ({ documentId: docIds[i], ...c })));
  if (chunks.length > 0) {
    await tx.query(
      `INSERT INTO chunks (document_id, ordinal, heading, text, tokens)
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[])`,
      [
        chunks.map((c) => c.documentId), chunks.map((c) => c.ordinal), chunks.map((c) => c.heading),
        chunks.map((c) => c.text), chunks.map((c) => c.tokens.join(' ')),
      ],
    );
  }
  return written;
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
