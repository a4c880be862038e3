import path from 'node:path';
import { embedAndStore } from '../../ingest/embed';
import { endpointOptionsFromEnv, openEmbedder, withDiskCache, type CachedEmbedder } from '../../library/embeddings';
import type { Queryable } from '../../library/store';

/**
 * Where evaluations keep vectors between runs: ZHIWEN_EVAL_EMBED_CACHE, default the repository's
 * gitignored `.tmp/embed-cache/` (files `<model>-<dims>.v1.tsv`).
 */
export const evalEmbedCacheDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.ZHIWEN_EVAL_EMBED_CACHE || path.resolve(import.meta.dirname, '../../.tmp/embed-cache');

/**
 * The evaluation's embedder: ZHIWEN_EMBED_MODEL (with ZHIWEN_EMBED_URL, an OpenAI-compatible server)
 * behind the disk cache, so a rerun embeds only texts it has not seen. The prefixes and input_type
 * setting are part of the cache key (they change the vectors).
 */
export async function openEvalEmbedder(
  model: string,
  options: { batchSize?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CachedEmbedder> {
  const env = options.env ?? process.env;
  const inner = await openEmbedder(model, { batchSize: options.batchSize, env });
  const endpoint = endpointOptionsFromEnv({ ...env, ZHIWEN_EMBED_MODEL: model });
  const variant = endpoint
    ? `q=${endpoint.queryPrefix}|p=${endpoint.passagePrefix}|t=${endpoint.sendInputType}`
    : 'transformers.js';
  return withDiskCache(inner, { dir: evalEmbedCacheDir(env), variant });
}

/** At most `maxChunks` chunks embedded for documents whose external id starts with `prefix`. */
export interface EmbedLimit {
  prefix: string;
  maxChunks: number;
}

/**
 * ZHIWEN_EVAL_EMBED_LIMIT, e.g. "law-:1" (the laws' first chunk only; several rules comma-separated).
 * A CPU budget, not a design: on the 2-core machine the laws' 16k chunks (4.9 M characters) would
 * take hours, so they join the vector index by their opening chunk (title and first articles).
 */
export function parseEmbedLimits(raw: string | undefined): EmbedLimit[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((rule) => {
    const m = /^\s*([^:\s]+):(\d+)\s*$/.exec(rule);
    if (!m) throw new Error(`ZHIWEN_EVAL_EMBED_LIMIT rule "${rule}" is not <id prefix>:<max chunks>, e.g. law-:1`);
    return { prefix: m[1], maxChunks: Number(m[2]) };
  });
}

export interface ChunkToEmbed {
  id: number;
  heading: string | null;
  text: string;
}

/** The chunks the evaluation embeds, in id order: all, except the limited documents' later chunks. */
export async function chunksToEmbed(db: Queryable, limits: readonly EmbedLimit[]): Promise<ChunkToEmbed[]> {
  const { rows } = await db.query<ChunkToEmbed & { external_id: string; ordinal: number }>(
    `SELECT c.id, c.heading, c.text, c.ordinal, d.external_id FROM chunks c
       JOIN documents d ON d.id = c.document_id AND d.status = 'active'
      ORDER BY c.id`,
  );
  const rank = new Map<string, number>();
  return rows
    .filter((r) => {
      const limit = limits.find((l) => r.external_id.startsWith(l.prefix));
      if (!limit) return true;
      const seen = rank.get(r.external_id) ?? 0;
      rank.set(r.external_id, seen + 1);
      return seen < limit.maxChunks;
    })
    .map((r) => ({ id: Number(r.id), heading: r.heading, text: r.text }));
}

/** Embeds and stores the chunks in batches; resolves to how many. */
export async function embedChunks(
  db: Queryable,
  embedder: CachedEmbedder,
  chunks: readonly ChunkToEmbed[],
  onProgress?: (done: number) => void,
): Promise<number> {
  const batch = 64;
  for (let i = 0; i < chunks.length; i += batch) {
    await embedAndStore(db, embedder, chunks.slice(i, i + batch));
    onProgress?.(Math.min(i + batch, chunks.length));
  }
  return chunks.length;
}
