/**
 * Repost clusters: documents that are the same text published on several sites. Which documents
 * belong together is decided by ingest (near-duplicate detection); this file keeps the clusters
 * consistent in the library: only clusters of two or more active documents exist, each has one
 * canonical document, and every change a search replica must see bumps the members' change_seq.
 */
import type { Queryable } from '../store/db';

/** Site levels, highest first: the tie-break after the publication date when choosing the canonical. */
const LEVEL_RANK = `CASE s.level WHEN 'platform' THEN 0 WHEN 'province' THEN 1 WHEN 'city' THEN 2
                                 WHEN 'county' THEN 3 ELSE 4 END`;

export interface ClusterMember {
  id: number;
  externalId: string;
  siteCode: string;
  publishedAt: string | null;
  canonical: boolean;
}

const bump = `change_seq = nextval('library_change_seq'), updated_at = now()`;

/** Starts a cluster of the given documents (at least two); returns its id. */
export async function createCluster(db: Queryable, documentIds: number[]): Promise<number> {
  if (documentIds.length < 2) throw new RangeError(`a cluster needs two or more documents, got ${documentIds.length}`);
  const { rows } = await db.query<{ id: number }>('INSERT INTO document_clusters DEFAULT VALUES RETURNING id');
  const clusterId = Number(rows[0].id);
  await db.query(`UPDATE documents SET cluster_id = $1, ${bump} WHERE id = ANY($2::bigint[])`, [clusterId, documentIds]);
  await refreshCluster(db, clusterId);
  return clusterId;
}

/** Puts a document into an existing cluster (out of any other) and re-chooses the canonical. */
export async function joinCluster(db: Queryable, clusterId: number, documentId: number): Promise<void> {
  const previous = await clusterOf(db, documentId);
  if (previous === clusterId) return;
  await db.query(`UPDATE documents SET cluster_id = $1, ${bump} WHERE id = $2`, [clusterId, documentId]);
  if (previous !== null) await refreshCluster(db, previous);
  await refreshCluster(db, clusterId);
}

/** Takes a document out of its cluster; a cluster left with one active document is dissolved. */
export async function leaveCluster(db: Queryable, documentId: number): Promise<number | null> {
  const previous = await clusterOf(db, documentId);
  if (previous === null) return null;
  await db.query(`UPDATE documents SET cluster_id = NULL, ${bump} WHERE id = $1`, [documentId]);
  await refreshCluster(db, previous);
  return previous;
}

export async function clusterOf(db: Queryable, documentId: number): Promise<number | null> {
  const { rows } = await db.query<{ cluster_id: number | null }>('SELECT cluster_id FROM documents WHERE id = $1', [documentId]);
  return rows[0]?.cluster_id == null ? null : Number(rows[0].cluster_id);
}

/**
 * Re-chooses a cluster's canonical document (earliest published, then highest site level, then
 * first stored) after its members changed; dissolves it when fewer than two active members remain.
 * Members whose canonical flag changed get a new change_seq. Returns the canonical id, or null.
 */
export async function refreshCluster(db: Queryable, clusterId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT d.id FROM documents d JOIN sites s ON s.id = d.site_id
      WHERE d.cluster_id = $1 AND d.status = 'active'
      ORDER BY d.published_at ASC NULLS LAST, ${LEVEL_RANK}, d.id`,
    [clusterId],
  );
  if (rows.length < 2) {
    await db.query(`UPDATE documents SET cluster_id = NULL, ${bump} WHERE cluster_id = $1`, [clusterId]);
    await db.query('DELETE FROM document_clusters WHERE id = $1', [clusterId]);
    return null;
  }
  const canonical = Number(rows[0].id);
  const { rows: before } = await db.query<{ canonical_document_id: number | null }>(
    'SELECT canonical_document_id FROM document_clusters WHERE id = $1',
    [clusterId],
  );
  const previous = before[0]?.canonical_document_id == null ? null : Number(before[0].canonical_document_id);
  if (previous !== canonical) {
    await db.query('UPDATE document_clusters SET canonical_document_id = $1, updated_at = now() WHERE id = $2', [canonical, clusterId]);
    const flipped = [canonical, previous].filter((id): id is number => id !== null);
    await db.query(`UPDATE documents SET ${bump} WHERE id = ANY($1::bigint[]) AND cluster_id = $2`, [flipped, clusterId]);
  }
  return canonical;
}

/** The members of a cluster, canonical first. */
export async function clusterMembers(db: Queryable, clusterId: number): Promise<ClusterMember[]> {
  const { rows } = await db.query<{
    id: number; external_id: string; code: string; published_at: Date | string | null; canonical: boolean;
  }>(
    `SELECT d.id, d.external_id, s.code, d.published_at, (c.canonical_document_id = d.id) AS canonical
       FROM documents d JOIN sites s ON s.id = d.site_id JOIN document_clusters c ON c.id = d.cluster_id
      WHERE d.cluster_id = $1
      ORDER BY (c.canonical_document_id = d.id) DESC, d.published_at ASC NULLS LAST, d.id`,
    [clusterId],
  );
  return rows.map((r) => ({
    id: Number(r.id), externalId: r.external_id, siteCode: r.code,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null, canonical: r.canonical,
  }));
}

export interface ClusterStats {
  clusters: number;
  /** Documents in some cluster, canonical ones included. */
  clusteredDocuments: number;
}

export async function clusterStats(db: Queryable): Promise<ClusterStats> {
  const { rows } = await db.query<{ clusters: number; docs: number }>(
    `SELECT (SELECT count(*)::int FROM document_clusters) AS clusters,
            (SELECT count(*)::int FROM documents WHERE cluster_id IS NOT NULL) AS docs`,
  );
  return { clusters: rows[0].clusters, clusteredDocuments: rows[0].docs };
}
