import type { Queryable } from '../../library/store';
import { toVectorLiteral, type Embedder } from '../../library/embeddings';

interface ChunkText {
  id: number;
  heading: string | null;
  text: string;
}

/** What a chunk is embedded as: its heading (when it has one) above its text. */
const passageOf = (c: ChunkText) => (c.heading ? `${c.heading}\n${c.text}` : c.text);

/** Embeds chunks as passages and stores the vectors stamped with the model id and dimensions. */
export async function embedAndStore(db: Queryable, embedder: Embedder, chunks: ChunkText[]): Promise<number> {
  if (embedder.dimensions === 0 || chunks.length === 0) return 0;
  const vectors = await embedder.embed(chunks.map(passageOf), { kind: 'passage' });
  await db.query(
    `INSERT INTO chunk_embeddings (chunk_id, model, dimensions, embedding)
     SELECT c, $2, $3, v::vector FROM unnest($1::bigint[], $4::text[]) AS t(c, v)
     ON CONFLICT (chunk_id) DO UPDATE SET model = EXCLUDED.model, dimensions = EXCLUDED.dimensions, embedding = EXCLUDED.embedding`,
    [chunks.map((c) => c.id), embedder.id, embedder.dimensions, vectors.map(toVectorLiteral)],
  );
  return chunks.length;
}

/** The chunks of active documents with no vector from this embedder (none, or another model's). */
const PENDING = `
  SELECT c.id, c.heading, c.text FROM chunks c
    JOIN documents d ON d.id = c.document_id AND d.status = 'active'
    LEFT JOIN chunk_embeddings e ON e.chunk_id = c.id
   WHERE (e.chunk_id IS NULL OR e.model <> $1 OR e.dimensions <> $2)`;

/** Embeds the chunks of these documents that lack this embedder's vector (active documents only); resolves to how many. */
export async function embedDocuments(db: Queryable, embedder: Embedder, documentIds: number[]): Promise<number> {
  if (embedder.dimensions === 0 || documentIds.length === 0) return 0;
  const { rows } = await db.query<ChunkText>(`${PENDING} AND c.document_id = ANY($3::bigint[]) ORDER BY c.id`, [
    embedder.id,
    embedder.dimensions,
    documentIds,
  ]);
  return embedAndStore(
    db,
    embedder,
    rows.map((r) => ({ ...r, id: Number(r.id) })),
  );
}

export interface EmbedPendingOptions {
  /** Chunks read and written per round; default 64. */
  batchSize?: number;
  onProgress?: (embedded: number) => void;
}

/** Embeds every chunk that lacks this embedder's vector, in id order; resolves to how many. */
export async function embedPendingChunks(
  db: Queryable,
  embedder: Embedder,
  options: EmbedPendingOptions = {},
): Promise<number> {
  if (embedder.dimensions === 0) return 0;
  const batchSize = options.batchSize ?? 64;
  let after = 0;
  let done = 0;
  for (;;) {
    const { rows } = await db.query<ChunkText>(`${PENDING} AND c.id > $3 ORDER BY c.id LIMIT $4`, [
      embedder.id,
      embedder.dimensions,
      after,
      batchSize,
    ]);
    if (rows.length === 0) return done;
    const chunks = rows.map((r) => ({ ...r, id: Number(r.id) }));
    done += await embedAndStore(db, embedder, chunks);
    after = chunks[chunks.length - 1].id;
    options.onProgress?.(done);
  }
}
