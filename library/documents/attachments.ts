/**
 * A page and the attachments it publishes, stored as one policy: the page's attachment links
 * (migration 018) and each attachment document's `part_of`, the page it belongs to. Ingest reads
 * the links from the page (ingest/extract/attachment-links.ts); this file stores and relinks them.
 */
import type { Queryable } from '../store/db';

export interface AttachmentLink {
  /** Absolute http(s) address of the attachment, as the page links it. */
  url: string;
  /** The link's text on the page (附件1：…), else the file name. */
  title: string;
}

/** Makes the page's attachment links exactly `links` (a page read again replaces its old list). */
export async function replaceAttachmentLinks(db: Queryable, pageId: number, links: readonly AttachmentLink[]): Promise<void> {
  await db.query('DELETE FROM document_attachment_links WHERE page_id = $1', [pageId]);
  if (links.length === 0) return;
  await db.query(
    `INSERT INTO document_attachment_links (page_id, ordinal, url, title)
     SELECT $1, t.ordinal, t.url, t.title FROM unnest($2::int[], $3::text[], $4::text[]) AS t(ordinal, url, title)
     ON CONFLICT DO NOTHING`,
    [pageId, links.map((_, i) => i), links.map((l) => l.url), links.map((l) => l.title)],
  );
}

/**
 * Sets `part_of` right around one written or withdrawn document: the document itself (an attachment
 * some active page links), the documents it links as a page, and those that were its attachments.
 * An attachment linked by several active pages belongs to the oldest one. A changed row gets a new
 * change_seq, so replicas re-read it. Returns the ids that changed.
 */
export async function relinkAttachments(db: Queryable, documentId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `WITH candidates AS (
       SELECT id, url FROM documents WHERE id = $1
       UNION SELECT d.id, d.url FROM document_attachment_links l JOIN documents d ON d.url = l.url WHERE l.page_id = $1
       UNION SELECT id, url FROM documents WHERE part_of = $1
     ), wanted AS (
       SELECT c.id, (SELECT min(l.page_id) FROM document_attachment_links l JOIN documents p ON p.id = l.page_id
                      WHERE l.url = c.url AND l.page_id <> c.id AND p.status = 'active') AS part_of
         FROM candidates c
     )
     UPDATE documents d SET part_of = w.part_of, change_seq = nextval('library_change_seq')
       FROM wanted w
      WHERE d.id = w.id AND d.part_of IS DISTINCT FROM w.part_of AND d.status <> 'withdrawn'
     RETURNING d.id`,
    [documentId],
  );
  return rows.map((r) => Number(r.id));
}

/** The page's attachment links in page order (what a result lists under the page). */
export async function attachmentLinksOf(db: Queryable, pageIds: readonly number[]): Promise<Map<number, AttachmentLink[]>> {
  const out = new Map<number, AttachmentLink[]>();
  if (pageIds.length === 0) return out;
  const { rows } = await db.query<{ page_id: number; url: string; title: string }>(
    `SELECT page_id, url, title FROM document_attachment_links WHERE page_id = ANY($1::bigint[]) ORDER BY page_id, ordinal`,
    [pageIds],
  );
  for (const r of rows) {
    const list = out.get(Number(r.page_id)) ?? [];
    list.push({ url: r.url, title: r.title });
    out.set(Number(r.page_id), list);
  }
  return out;
}
