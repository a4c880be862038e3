import { vectorSearch, type CachedEmbedder } from '../../library/embeddings';
import { embeddingFactory, ZhiwenHybridSystem, type HybridFactoryOptions } from './zhiwen-hybrid';
import type { SystemFactory } from './types';

/** Chunks taken per query before rolling up to documents: enough for 10 documents plus exclusions. */
const VECTOR_CHUNKS = 200;

/**
 * Vectors alone: the same library and embedded chunks as zhiwen-hybrid, ranked by the query's nearest
 * chunks (HNSW, cosine) rolled up to documents by their best chunk. No BM25, no pins: what the model
 * contributes on its own.
 */
export class ZhiwenVectorSystem extends ZhiwenHybridSystem {
  override name = 'zhiwen-vector';
  private externalIds = new Map<number, string>();

  constructor(embedder: CachedEmbedder, options: HybridFactoryOptions = {}) {
    super(embedder, {}, options.limits);
  }

  /** Documents by their nearest chunk, best first (ids as the gold sets name them). */
  async ranked(query: string, k: number): Promise<Array<{ id: string; similarity: number }>> {
    if (!this.db) throw new Error('index() first');
    if (this.externalIds.size === 0) {
      const { rows } = await this.db.query<{ id: number; external_id: string }>(
        `SELECT id, external_id FROM documents WHERE status = 'active'`,
      );
      for (const r of rows) this.externalIds.set(Number(r.id), r.external_id);
    }
    const [vector] = await this.embedder.embed([query], { kind: 'query' });
    const hits = await vectorSearch(this.db, vector, Math.max(VECTOR_CHUNKS, k), this.embedder.id);
    const out: Array<{ id: string; similarity: number }> = [];
    const seen = new Set<number>();
    for (const h of hits) {
      const id = this.externalIds.get(h.documentId);
      if (!id || seen.has(h.documentId)) continue;
      seen.add(h.documentId);
      out.push({ id, similarity: h.similarity });
      if (out.length === k) break;
    }
    return out;
  }

  override async search(query: string, k: number): Promise<string[]> {
    if (!query.trim()) return [];
    return (await this.ranked(query, k)).map((d) => d.id);
  }
}

export function zhiwenVector(model: string, options: HybridFactoryOptions = {}): SystemFactory {
  return embeddingFactory(
    'zhiwen-vector',
    'Zhiwen vector only: the nearest chunks (HNSW, cosine) rolled up to documents by their best chunk; no BM25, no pins',
    (e) => new ZhiwenVectorSystem(e, options),
    model,
    options,
  );
}
