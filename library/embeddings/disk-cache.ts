import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EmbedKind, Embedder } from './embedder';

export interface DiskCacheOptions {
  /** Folder of the cache files (one per model and size); created when missing. */
  dir: string;
  /**
   * Anything else that changes a text's vector (prefixes, the server's settings): part of every key,
   * so a change starts afresh instead of reusing stale vectors. Default ''.
   */
  variant?: string;
}

/** Counts since the cache was opened. */
export interface DiskCacheStats {
  hits: number;
  misses: number;
  /** Milliseconds spent in the wrapped embedder (the misses). */
  embedMs: number;
}

export type CachedEmbedder = Embedder & { readonly stats: DiskCacheStats; readonly file: string };

const VERSION = 'v1';

/**
 * Wraps an embedder with an append-only file of vectors keyed by sha1(model, size, variant, kind,
 * text), so reruns of an evaluation embed only what changed. Each line is `key<TAB>base64 float32`;
 * a torn last line (a run stopped mid-write) is skipped on reading. For evaluations and tools, not
 * for the API: nothing is ever evicted.
 */
export function withDiskCache(embedder: Embedder, options: DiskCacheOptions): CachedEmbedder {
  mkdirSync(options.dir, { recursive: true });
  const safeId = embedder.id.replace(/[^A-Za-z0-9._-]/g, '_');
  const file = path.join(options.dir, `${safeId}-${embedder.dimensions}.${VERSION}.tsv`);
  const bytes = embedder.dimensions * 4;
  const vectors = new Map<string, Float32Array>();
  if (existsSync(file)) {
    const content = readFileSync(file, 'utf8');
    // A torn last line must not swallow the next record appended after it.
    if (content.length > 0 && !content.endsWith('\n')) appendFileSync(file, '\n');
    for (const line of content.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab !== 40) continue;
      const raw = Buffer.from(line.slice(tab + 1), 'base64');
      if (raw.length !== bytes) continue;
      vectors.set(line.slice(0, tab), new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + bytes)));
    }
  }
  const keyOf = (kind: EmbedKind, text: string) =>
    createHash('sha1')
      .update(`${embedder.id}\0${embedder.dimensions}\0${options.variant ?? ''}\0${kind}\0${text}`)
      .digest('hex');
  const stats: DiskCacheStats = { hits: 0, misses: 0, embedMs: 0 };

  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    file,
    stats,
    async embed(texts, { kind }) {
      const keys = texts.map((t) => keyOf(kind, t));
      const missingSet = new Set(keys.filter((k) => !vectors.has(k)));
      const missing = [...missingSet];
      stats.hits += keys.filter((k) => !missingSet.has(k)).length;
      if (missing.length > 0) {
        const byKey = new Map(keys.map((k, i) => [k, texts[i]]));
        const started = performance.now();
        const fresh = await embedder.embed(
          missing.map((k) => byKey.get(k) as string),
          { kind },
        );
        stats.embedMs += performance.now() - started;
        stats.misses += missing.length;
        const lines = missing.map((k, i) => {
          vectors.set(k, fresh[i]);
          return `${k}\t${Buffer.from(fresh[i].buffer, fresh[i].byteOffset, bytes).toString('base64')}\n`;
        });
        appendFileSync(file, lines.join(''));
      }
      return keys.map((k) => vectors.get(k) as Float32Array);
    },
    close: () => embedder.close(),
  };
}
