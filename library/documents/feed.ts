import type { Queryable } from '../store/db';

/** What the in-memory search index needs of a document: filters, ranking signals and tokens. */
export interface IndexFeedDocument {
  id: number;
  externalId: string;
  title: string;
  changeSeq: number;
  status: 'active' | 'quarantined' | 'withdrawn';
  siteId: number;
  infoType: string;
  topic: string | null;
  issuer: string | null;
  validity: string;
  publishedAt: string | null;
  docNumberKey: string | null;
  /** Id of the newer version of this document that replaces it (migration 011), or null: see library/model/validity. */
  supersededBy: number | null;
  /** Repost cluster (the same text on several sites), or null when the document has no reposts. */
  clusterId: number | null;
  /** False for a repost whose cluster shows another document first (its canonical); true otherwise. */
  isCanonical: boolean;
  /** The page this attachment belongs to (migration 018), or null: search shows that page for it. */
  partOf: number | null;
  titleTokens: string[];
  chunks: Array<{ id: number; ordinal: number; tokens: string[] }>;
}

const split = (s: string): string[] => (s ? s.split(' ') : []);

/**
 * Documents changed after `afterSeq`, oldest change first, with their chunk tokens. Replicas call it
 * repeatedly with the last sequence they saw, so a new document reaches every replica within seconds.
 */
export async function readIndexFeed(db: Queryable, afterSeq: number, batchSize = 2000, withChunks = true): Promise<IndexFeedDocument[]> {
  const docs = await db.query<{
    id: number; external_id: string; title: string; change_seq: string | number; status: IndexFeedDocument['status']; site_id: number;
    info_type: string; topic: string | null; issuer: string | null; validity: string;
    published_at: Date | string | null; doc_number_key: string | null; title_tokens: string;
    cluster_id: number | string | null; is_canonical: boolean; superseded_by: number | string | null;
    part_of: number | string | null;
  }>(
    `SELECT d.id, d.external_id, d.title, d.change_seq, d.status, d.site_id, d.info_type, d.topic, d.issuer,
            d.validity, d.published_at, d.doc_number_key, d.title_tokens, d.cluster_id, d.superseded_by, d.part_of,
            (d.cluster_id IS NULL OR c.canonical_document_id IS NULL OR c.canonical_document_id = d.id) AS is_canonical
       FROM documents d LEFT JOIN document_clusters c ON c.id = d.cluster_id
      WHERE d.change_seq > $1 ORDER BY d.change_seq LIMIT $2`,
    [afterSeq, batchSize],
  );
  if (docs.rows.length === 0) return [];
  const ids = docs.rows.map((d) => Number(d.id));
  // withChunks false: every document with `chunks: []` (a replica restored from an index snapshot needs only the rest).
  const chunks = !withChunks ? { rows: [] } : await db.query<{ id: number; document_id: number; ordinal: number; tokens: string }>(
    `SELECT id, document_id, ordinal, tokens FROM chunks WHERE document_id = ANY($1::bigint[]) ORDER BY document_id, ordinal`,
    [ids],
  );
  const byDoc = new Map<number, IndexFeedDocument['chunks']>();
  for (const c of chunks.rows) {
    const list = byDoc.get(Number(c.document_id)) ?? [];
    list.push({ id: Number(c.id), ordinal: c.ordinal, tokens: split(c.tokens) });
    byDoc.set(Number(c.document_id), list);
  }
  return docs.rows.map((d) => ({
    id: Number(d.id),
    externalId: d.external_id,
    title: d.title,
    changeSeq: Number(d.change_seq),
    status: d.status,
    siteId: d.site_id,
    infoType: d.info_type,
    topic: d.topic,
    issuer: d.issuer,
    validity: d.validity,
    publishedAt: d.published_at ? new Date(d.published_at).toISOString() : null,
    docNumberKey: d.doc_number_key,
    supersededBy: d.superseded_by == null ? null : Number(d.superseded_by),
    clusterId: d.cluster_id == null ? null : Number(d.cluster_id),
    isCanonical: d.is_canonical,
    partOf: d.part_of == null ? null : Number(d.part_of),
    titleTokens: split(d.title_tokens),
    chunks: byDoc.get(Number(d.id)) ?? [],
  }));
}

export interface DisplayDocument {
  id: number;
  externalId: string;
  title: string;
  url: string | null;
  siteCode: string;
  siteName: string;
  infoType: string;
  issuer: string | null;
  docNumber: string | null;
  publishedAt: string | null;
  validity: string;
}

/** One result to show: the document and the chunk its snippet comes from (-1: none matched, use the opening). */
export interface DisplayWanted {
  docId: number;
  chunkId: number;
}

/** A result as shown: the document's fields and the passage its snippet is cut from. */
export interface DisplayRow {
  doc: DisplayDocument;
  /** The best chunk's text; without one, the body's first 300 characters. */
  passage: string;
}

/**
 * A result page's documents and passages in one call (migration 006's display_rows: its plan is kept,
 * where the same SELECT sent as text is planned for every page). Withdrawn documents are absent.
 */
export async function fetchDisplayRows(db: Queryable, wanted: DisplayWanted[]): Promise<Map<number, DisplayRow>> {
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<{
    id: number; external_id: string; title: string; url: string | null; site_code: string; site_name: string;
    info_type: string; issuer: string | null; doc_number: string | null; published_at: Date | string | null;
    validity: string; passage: string;
  }>('SELECT * FROM display_rows($1::bigint[], $2::bigint[])', [wanted.map((w) => w.docId), wanted.map((w) => w.chunkId)]);
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        doc: {
          id: Number(r.id), externalId: r.external_id, title: r.title, url: r.url, siteCode: r.site_code,
          siteName: r.site_name, infoType: r.info_type, issuer: r.issuer, docNumber: r.doc_number,
          publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null, validity: r.validity,
        },
        passage: r.passage,
      },
    ]),
  );
}
