import { createHash } from 'node:crypto';
import type { Queryable } from '../store';
import { ZhiwenError } from '../errors';
import { MODEL_ID_PATTERN } from './embedder';
import { assertVectorSupport } from './vector-support';

const INDEX_PREFIX = 'chunk_embeddings_hnsw_';

function checkModel(model: string, dimensions: number): void {
  if (!MODEL_ID_PATTERN.test(model)) {
    throw new ZhiwenError(
      'BAD_EMBED_MODEL',
      `embedding model id "${model}" may use letters, digits and . _ / : @ + - only`,
    );
  }
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000) {
    throw new ZhiwenError(
      'BAD_EMBED_MODEL',
      `embedding dimensions must be an integer from 1 to 16000, got ${dimensions}`,
    );
  }
}

/** chunk_embeddings_hnsw_<model slug>_<dims>_<hash>: readable, unique per model and size, ≤ 63 bytes. */
export function vectorIndexName(model: string, dimensions: number): string {
  const slug = model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 24);
  const hash = createHash('sha1').update(`${model}\n${dimensions}`).digest('hex').slice(0, 8);
  return `${INDEX_PREFIX}${slug}_${dimensions}_${hash}`;
}

/** SQL for one model's vectors: the partial-index predicate and the typed column (model id checked first). */
export function modelSql(model: string, dimensions: number): { where: string; column: string } {
  checkModel(model, dimensions);
  return {
    where: `model = '${model}' AND dimensions = ${dimensions}`,
    column: `(embedding::vector(${dimensions}))`,
  };
}

/**
 * An HNSW index (cosine) over one model's vectors: the column holds vectors of any size, so the index
 * is on an expression cast to this model's size, restricted to its rows.
 */
export async function ensureVectorIndex(db: Queryable, model: string, dimensions: number): Promise<string> {
  const { where, column } = modelSql(model, dimensions);
  const name = vectorIndexName(model, dimensions);
  await assertVectorSupport(db);
  try {
    await db.query(
      `CREATE INDEX IF NOT EXISTS ${name} ON chunk_embeddings USING hnsw (${column} vector_cosine_ops) WHERE ${where}`,
    );
  } catch (err) {
    // Two workers creating it at once: IF NOT EXISTS is not race-free in PostgreSQL; the other one won.
    const code = (err as { code?: string }).code;
    if (code !== '42P07' && code !== '23505') throw err;
  }
  return name;
}

/** Drops the HNSW indexes of every other model (after a re-embed); resolves to their names. */
export async function dropOtherVectorIndexes(db: Queryable, keep: string): Promise<string[]> {
  const { rows } = await db.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE tablename = 'chunk_embeddings' AND indexname LIKE $1 AND indexname <> $2`,
    [`${INDEX_PREFIX}%`, keep],
  );
  for (const r of rows) await db.query(`DROP INDEX IF EXISTS ${r.indexname}`);
  return rows.map((r) => r.indexname);
}
