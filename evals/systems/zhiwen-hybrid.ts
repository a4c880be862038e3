import path from 'node:path';
import { embedPendingChunks } from '../../ingest/embed';
import {
  checkEmbeddingStamp,
  ensureVectorIndex,
  openEmbedder,
  type Embedder,
} from '../../library/embeddings';
import type { Db } from '../../library/store';
import type { HybridOptions } from '../../retrieval/hybrid';
import type { SystemFactory } from './types';
import { ZhiwenSystem } from './zhiwen';

/**
 * Zhiwen with hybrid search: the same ingest and SearchService as `zhiwen`, plus every chunk embedded
 * as a passage with the model, its HNSW index, and the query's nearest chunks fused with BM25 by RRF.
 */
export class ZhiwenHybridSystem extends ZhiwenSystem {
  override name = 'zhiwen-hybrid';

  constructor(
    private readonly embedder: Embedder,
    hybrid: HybridOptions = {},
  ) {
    super({ embedder, hybrid });
  }

  /** Embeds every chunk (the slow part on a CPU), then builds the model's HNSW index and checks the stamp. */
  protected override async afterIngest(db: Db): Promise<void> {
    await embedPendingChunks(db, this.embedder, { batchSize: 64 });
    await ensureVectorIndex(db, this.embedder.id, this.embedder.dimensions);
    await checkEmbeddingStamp(db, this.embedder);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.embedder.close();
  }
}

/**
 * The hybrid system for one model (a hub id or a local folder, as ZHIWEN_EMBED_MODEL takes). Listed by
 * the registry only when ZHIWEN_EMBED_MODEL is set: no model can be downloaded on the machines evals run
 * on today. The generated test model (library/embeddings/fixtures) runs it end to end, but embeds a text
 * as its bag of characters: its figures say nothing about hybrid search's quality.
 */
export function zhiwenHybrid(
  model: string,
  options: { batchSize?: number; hybrid?: HybridOptions } = {},
): SystemFactory {
  const testModel = /^tiny-/.test(path.basename(model));
  return {
    name: 'zhiwen-hybrid',
    description:
      `Zhiwen hybrid: zhiwen + ${path.basename(model)} vectors (HNSW, ${options.hybrid?.vectorCandidates ?? 100} nearest chunks ` +
      'rolled up to documents) fused with BM25 by reciprocal rank (k=60, weights 1:1, untuned)' +
      (testModel ? '; GENERATED TEST MODEL: runs end to end, quality figures meaningless' : ''),
    create: async () =>
      new ZhiwenHybridSystem(await openEmbedder(model, { batchSize: options.batchSize }), options.hybrid),
  };
}
