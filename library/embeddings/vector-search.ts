import type { Db } from '../store';
import { modelSql } from './vector-index';

export interface VectorHit {
  chunkId: number;
  /** The chunk's document (withdrawn documents included: see vectorSearch). */
  documentId: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

/** pgvector's default candidate list: a k above it needs a larger one to return k rows. */
const DEFAULT_EF_SEARCH = 40;

/**
 * The k chunks nearest to `queryVector` among `model`'s vectors, most similar first, through the
 * model's HNSW index (approximate). Chunks of withdrawn documents may be among them: callers filter
 * by document status as they do for lexical hits.
 */
export async function vectorSearch(
  db: Db,
  queryVector: Float32Array,
  k: number,
  model: string,
): Promise<VectorHit[]> {
  if (!Number.isInteger(k) || k < 1 || k > 1000)
    throw new RangeError(`vectorSearch k must be an integer from 1 to 1000, got ${k}`);
  const { where, column } = modelSql(model, queryVector.length);
  // The nearest-neighbour scan alone in the inner query (so it stays an HNSW index scan), then the
  // k rows' documents by primary key.
  const sql = `SELECT n.chunk_id, c.document_id, n.similarity
                 FROM (SELECT chunk_id, 1 - (${column} <=> $1::vector(${queryVector.length})) AS similarity
                         FROM chunk_embeddings WHERE ${where}
                        ORDER BY ${column} <=> $1::vector(${queryVector.length}) LIMIT $2) n
                 JOIN chunks c ON c.id = n.chunk_id
                ORDER BY n.similarity DESC, n.chunk_id`;
  const params = [toVectorLiteral(queryVector), k];
  type Row = { chunk_id: number; document_id: number; similarity: number };
  const rows =
    k <= DEFAULT_EF_SEARCH
      ? (await db.query<Row>(sql, params)).rows
      : await db.transaction(async (tx) => {
          await tx.query(`SET LOCAL hnsw.ef_search = ${k}`);
          return (await tx.query<Row>(sql, params)).rows;
        });
  return rows.map((r) => ({
    chunkId: Number(r.chunk_id),
    documentId: Number(r.document_id),
    similarity: Number(r.similarity),
  }));
}

/** pgvector's text form: "[0.1,0.2,…]". */
export function toVectorLiteral(v: Float32Array): string {
  return `[${Array.from(v).join(',')}]`;
}
