import { clusterMembers, fetchDocumentLinks } from '../../library/documents';
import type { Queryable } from '../../library/store';
import { documentPagePath, httpUrl } from './document-url';

/** Another document shown on a document's page: a policy ↔ 解读 link, or a repost on another site. */
export interface RelatedDocument {
  id: number;
  title: string;
  /** Root-relative URL of its page on Zhiwen. */
  pageUrl: string;
  site: { code: string; name: string };
  /** YYYY-MM-DD */
  publishedAt: string | null;
  /** Its source, when that is an http(s) URL. */
  sourceUrl: string | null;
}

/** What a document's page shows. Dates are YYYY-MM-DD. */
export interface DocumentView {
  id: number;
  externalId: string;
  title: string;
  /** The source URL, only when it is http(s). */
  sourceUrl: string | null;
  site: { code: string; name: string };
  column: string | null;
  infoType: string;
  topic: string | null;
  issuer: string | null;
  docNumber: string | null;
  indexNumber: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
  validity: string;
  /** The newer version of this document that replaces it (same site and title, later date), or null. */
  supersededBy: RelatedDocument | null;
  /** The stored text (personal data already masked at ingest), paragraphs separated by "\n". */
  body: string;
  /** Section headings found by the chunker, each with its depth (0 = outermost). */
  headings: Map<string, number>;
  /** Policies this document interprets (it is their 解读). */
  interprets: RelatedDocument[];
  /** Interpretations (解读) of this document. */
  interpretedBy: RelatedDocument[];
  /** The other copies of its repost cluster, canonical first. */
  copies: RelatedDocument[];
}

export type DocumentLookup =
  | { state: 'found'; document: DocumentView }
  /** Taken down by its site (zhiwen withdraw, a crawl that found it gone). */
  | { state: 'withdrawn' }
  /** No such id, or held back (quarantined): a held-back document is not acknowledged to exist. */
  | { state: 'missing' };

const day = (d: Date | string | null): string | null => (d ? new Date(d).toISOString().slice(0, 10) : null);

/** Reads a document and what its page links to (its 解读 or policy, its reposts) from the library. */
export async function loadDocumentView(db: Queryable, id: number): Promise<DocumentLookup> {
  const { rows } = await db.query<{
    id: number; external_id: string; title: string; url: string | null; body: string; status: string; site_code: string; site_name: string;
    column_path: string | null; info_type: string; topic: string | null; issuer: string | null; doc_number: string | null;
    index_number: string | null; written_at: string | null; published_at: Date | string | null; validity: string; cluster_id: number | null;
    superseded_by: number | string | null;
  }>(
    `SELECT d.id, d.external_id, d.title, d.url, d.body, d.status, s.code AS site_code, s.name AS site_name, sc.path AS column_path,
            d.info_type, d.topic, d.issuer, d.doc_number, d.index_number, to_char(d.written_at, 'YYYY-MM-DD') AS written_at,
            d.published_at, d.validity, d.cluster_id, d.superseded_by
       FROM documents d JOIN sites s ON s.id = d.site_id LEFT JOIN site_columns sc ON sc.id = d.column_id
      WHERE d.id = $1`,
    [id],
  );
  const d = rows[0];
  if (!d || d.status === 'quarantined') return { state: 'missing' };
  if (d.status === 'withdrawn') return { state: 'withdrawn' };

  const { rows: headingRows } = await db.query<{ heading: string }>(
    'SELECT DISTINCT heading FROM chunks WHERE document_id = $1 AND heading IS NOT NULL',
    [id],
  );
  const headings = new Map<string, number>();
  for (const { heading } of headingRows) {
    heading.split(' > ').forEach((h, depth) => {
      if (!headings.has(h.trim())) headings.set(h.trim(), depth);
    });
  }

  const links = (await fetchDocumentLinks(db, [id])).get(id) ?? [];
  const members = d.cluster_id == null ? [] : (await clusterMembers(db, Number(d.cluster_id))).filter((m) => m.id !== id);
  const newer = d.superseded_by == null ? [] : [Number(d.superseded_by)];
  const related = await relatedDocuments(db, [...links.map((l) => l.documentId), ...members.map((m) => m.id), ...newer]);
  const pick = (ids: number[]) => ids.flatMap((other) => related.get(other) ?? []);

  return {
    state: 'found',
    document: {
      id: Number(d.id), externalId: d.external_id, title: d.title, sourceUrl: httpUrl(d.url),
      site: { code: d.site_code, name: d.site_name }, column: d.column_path, infoType: d.info_type, topic: d.topic,
      issuer: d.issuer, docNumber: d.doc_number, indexNumber: d.index_number, writtenAt: d.written_at,
      publishedAt: day(d.published_at), validity: d.validity, supersededBy: pick(newer)[0] ?? null, body: d.body, headings,
      interprets: pick(links.filter((l) => l.direction === 'interprets').map((l) => l.documentId)),
      interpretedBy: pick(links.filter((l) => l.direction === 'interpretedBy').map((l) => l.documentId)),
      copies: pick(members.map((m) => m.id)),
    },
  };
}

/** Active documents by id, with their sites: what a link to each shows. */
async function relatedDocuments(db: Queryable, ids: number[]): Promise<Map<number, RelatedDocument>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{
    id: number; title: string; url: string | null; code: string; name: string; published_at: Date | string | null;
  }>(
    `SELECT d.id, d.title, d.url, s.code, s.name, d.published_at
       FROM documents d JOIN sites s ON s.id = d.site_id
      WHERE d.id = ANY($1::bigint[]) AND d.status = 'active'`,
    [ids],
  );
  return new Map(rows.map((r) => [Number(r.id), {
    id: Number(r.id), title: r.title, pageUrl: documentPagePath(Number(r.id)), site: { code: r.code, name: r.name },
    publishedAt: day(r.published_at), sourceUrl: httpUrl(r.url),
  }]));
}
