import { VersionMismatchError } from '../errors';
import type { Queryable } from '../store';
import type { Embedder } from './embedder';
import { assertVectorSupport } from './vector-support';

export interface EmbeddingStampReport {
  model: string;
  dimensions: number;
  /** Chunks with this model's vector. */
  embedded: number;
  /** Chunks of active documents with no vector yet (ingested without the model): `zhiwen reembed` fills them. */
  missing: number;
}

/**
 * Checks, before vector search, that the stored vectors were made by the configured model. Vectors of
 * another model (or size) fail loudly with the command that fixes it; chunks with no vector are only
 * counted. With the `none` embedder, stored vectors are simply unused. A library without pgvector fails
 * here with VECTOR_EXTENSION_MISSING.
 */
export async function checkEmbeddingStamp(db: Queryable, embedder: Embedder): Promise<EmbeddingStampReport> {
  if (embedder.dimensions === 0) return { model: embedder.id, dimensions: 0, embedded: 0, missing: 0 };
  await assertVectorSupport(db);
  const { rows } = await db.query<{ model: string; dimensions: number; n: number }>(
    'SELECT model, dimensions, count(*)::int AS n FROM chunk_embeddings GROUP BY model, dimensions ORDER BY n DESC',
  );
  const mine = rows.find((r) => r.model === embedder.id && r.dimensions === embedder.dimensions);
  const others = rows.filter((r) => r !== mine);
  if (others.length > 0) {
    const stored = others.map((r) => `${r.model} (${r.dimensions} dimensions, ${r.n} chunks)`).join(', ');
    throw new VersionMismatchError(
      `the library's vectors were made by ${stored} but the configured embedding model is ${embedder.id} ` +
        `(${embedder.dimensions} dimensions): run \`zhiwen reembed\` with ZHIWEN_EMBED_MODEL=${embedder.id} to re-embed, ` +
        `or set ZHIWEN_EMBED_MODEL back to ${others[0].model}.`,
    );
  }
  const missing = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chunks c JOIN documents d ON d.id = c.document_id AND d.status = 'active'
      WHERE NOT EXISTS (SELECT 1 FROM chunk_embeddings e WHERE e.chunk_id = c.id)`,
  );
  return {
    model: embedder.id,
    dimensions: embedder.dimensions,
    embedded: mine?.n ?? 0,
    missing: missing.rows[0].n,
  };
}
