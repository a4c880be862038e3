/**
 * What ingest's enrichment (repost clusters, interpretation links, Q&A conversion) reads from the
 * library, and the lock that lets one enriching writer at a time change it. Ingest decides; these
 * functions only read and lock, so the SQL of the documents table lives in this folder.
 */
import type { Queryable } from '../store/db';

/** Arbitrary but fixed (beside store/migrate.ts's 7_421_0001): one enriching writer at a time per library. */
const ENRICH_LOCK_ID = 7_421_0005;

/**
 * Takes the enrichment lock for the rest of `tx`'s transaction: clusters and links are decided from
 * what the library holds, so two writers deciding at once could both miss each other's documents.
 */
export async function lockEnrichment(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ENRICH_LOCK_ID]);
}

/** The id of the active or quarantined document with this external id, or null (none, or withdrawn). */
export async function liveDocumentId(db: Queryable, externalId: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM documents WHERE external_id = $1 AND status <> 'withdrawn'`,
    [externalId],
  );
  return rows.length === 0 ? null : Number(rows[0].id);
}

/** Whether a Q&A record is still a live 互动交流 document (ingested before Q&A pairs became entries). */
export async function hasLiveQaDocument(db: Queryable, externalId: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM documents WHERE external_id = $1 AND status <> 'withdrawn' AND extra->>'kind' = 'qa'`,
    [externalId],
  );
  return rows.length > 0;
}

export interface LinkSubject {
  title: string;
  infoType: string;
  status: string;
  linkKeys: string[];
  /** The first `openingChars` characters of the body. */
  opening: string;
}

/** One document's facts the interpretation linker reads, or null when there is no such document. */
export async function linkSubject(db: Queryable, documentId: number, openingChars: number): Promise<LinkSubject | null> {
  const { rows } = await db.query<{ title: string; info_type: string; status: string; link_keys: string[]; opening: string }>(
    `SELECT title, info_type, status, link_keys, substr(body, 1, $2::int) AS opening FROM documents WHERE id = $1`,
    [documentId, openingChars],
  );
  const r = rows[0];
  return r ? { title: r.title, infoType: r.info_type, status: r.status, linkKeys: r.link_keys, opening: r.opening } : null;
}

/**
 * Active 政策文件 sharing a link key with `keys`, other than `exceptId`: only a cluster's canonical
 * document (or one in no cluster), so a policy reposted on ten sites is one candidate.
 */
export async function policiesSharingLinkKeys(
  db: Queryable,
  keys: string[],
  exceptId: number,
): Promise<Array<{ id: number; title: string; docNumber: string | null }>> {
  const { rows } = await db.query<{ id: number; title: string; doc_number: string | null }>(
    `SELECT d.id, d.title, d.doc_number
       FROM documents d LEFT JOIN document_clusters c ON c.id = d.cluster_id
      WHERE d.info_type = '政策文件' AND d.status = 'active' AND d.link_keys && $1::text[] AND d.id <> $2
        AND (d.cluster_id IS NULL OR c.canonical_document_id IS NULL OR c.canonical_document_id = d.id)`,
    [keys, exceptId],
  );
  return rows.map((r) => ({ id: Number(r.id), title: r.title, docNumber: r.doc_number }));
}

/** Active 政策解读 sharing a link key with `keys` (those a new or changed policy may concern). */
export async function interpretationsSharingLinkKeys(db: Queryable, keys: string[]): Promise<number[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM documents WHERE info_type = '政策解读' AND status = 'active' AND link_keys && $1::text[]`,
    [keys],
  );
  return rows.map((r) => Number(r.id));
}

/** The repost facts of a document as the change feed hands them to the cluster index. */
export interface RepostFactsRow {
  id: number;
  changeSeq: number;
  status: string;
  simhash: string | null;
  title: string;
  issuer: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
  docNumberKey: string | null;
}

/** Documents changed after `afterSeq`, in change order, at most `limit`: what the cluster index follows. */
export async function repostFactsSince(db: Queryable, afterSeq: number, limit: number): Promise<RepostFactsRow[]> {
  const { rows } = await db.query<{
    id: number; change_seq: number | string; status: string; simhash: string | null; title: string;
    issuer: string | null; written_at: string | null; published_at: Date | string | null; doc_number_key: string | null;
  }>(
    `SELECT id, change_seq, status, simhash, title, issuer, written_at::text AS written_at, published_at, doc_number_key
       FROM documents WHERE change_seq > $1 ORDER BY change_seq LIMIT $2::int`,
    [afterSeq, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id), changeSeq: Number(r.change_seq), status: r.status, simhash: r.simhash, title: r.title,
    issuer: r.issuer, writtenAt: r.written_at, publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    docNumberKey: r.doc_number_key,
  }));
}

/** The active members of a cluster other than `exceptId`. */
export async function activeClusterMembers(db: Queryable, clusterId: number, exceptId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM documents WHERE cluster_id = $1 AND status = 'active' AND id <> $2`,
    [clusterId, exceptId],
  );
  return rows.map((r) => Number(r.id));
}
