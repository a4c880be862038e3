import { checkEmbeddingStamp, ensureVectorIndex, type CachedEmbedder } from '../../library/embeddings';
import type { Db } from '../../library/store';
import type { HybridOptions } from '../../retrieval/hybrid';
import { chunksToEmbed, embedChunks, openEvalEmbedder, parseEmbedLimits, type EmbedLimit } from './eval-embedder';
import type { SystemFactory } from './types';
import { ZhiwenSystem } from './zhiwen';

/** What the last index() embedded, for the report's system line. */
export interface EmbedRun {
  chunks: number;
  /** Chunks not in the disk cache (embedded by the model in this run). */
  embedded: number;
  /** Milliseconds in the model (the misses) and in the whole embedding step. */
  modelMs: number;
  stepMs: number;
}

export function describeEmbedRun(run: EmbedRun | null): string {
  if (!run) return 'not indexed yet';
  const perSecond = run.embedded > 0 ? `, ${(run.embedded / (run.modelMs / 1000)).toFixed(1)} chunks/s` : '';
  return `embedded ${run.chunks} chunks in ${(run.stepMs / 1000).toFixed(1)} s (${run.embedded} by the model in ${(run.modelMs / 1000).toFixed(1)} s${perSecond}; the rest from the disk cache)`;
}

/**
 * Zhiwen with hybrid search: the same ingest and SearchService as `zhiwen`, plus every chunk embedded
 * as a passage with the model (through the disk cache), its HNSW index, and the query's nearest
 * chunks fused with BM25 (retrieval/hybrid). ZHIWEN_EVAL_EMBED_LIMIT may leave long documents' later
 * chunks out of the vector index (a CPU budget: see eval-embedder.ts).
 */
export class ZhiwenHybridSystem extends ZhiwenSystem {
  override name = 'zhiwen-hybrid';
  lastRun: EmbedRun | null = null;

  constructor(
    protected readonly embedder: CachedEmbedder,
    hybrid: HybridOptions = {},
    private readonly limits: readonly EmbedLimit[] = [],
  ) {
    super({ embedder, hybrid });
  }

  /** Embeds the chunks (the slow part on a CPU), then builds the model's HNSW index and checks the stamp. */
  protected override async afterIngest(db: Db): Promise<void> {
    const started = performance.now();
    const before = { ...this.embedder.stats };
    const chunks = await chunksToEmbed(db, this.limits);
    await embedChunks(db, this.embedder, chunks);
    await ensureVectorIndex(db, this.embedder.id, this.embedder.dimensions);
    await checkEmbeddingStamp(db, this.embedder);
    this.lastRun = {
      chunks: chunks.length,
      embedded: this.embedder.stats.misses - before.misses,
      modelMs: this.embedder.stats.embedMs - before.embedMs,
      stepMs: performance.now() - started,
    };
    console.error(`${this.name}: ${describeEmbedRun(this.lastRun)}`);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.embedder.close();
  }
}

export interface HybridFactoryOptions {
  batchSize?: number;
  hybrid?: HybridOptions;
  /** ZHIWEN_EVAL_EMBED_LIMIT's rules (parseEmbedLimits). */
  limits?: readonly EmbedLimit[];
}

/** A factory whose description ends with what the last system it made embedded, and how long it took. */
export function embeddingFactory<S extends ZhiwenHybridSystem>(
  name: string,
  what: string,
  make: (embedder: CachedEmbedder) => S,
  model: string,
  options: HybridFactoryOptions,
): SystemFactory {
  let last: S | null = null;
  const limits = options.limits?.length ? `; vector index limited to ${options.limits.map((l) => `${l.maxChunks} chunk(s) of ${l.prefix}* documents`).join(', ')}` : '';
  return {
    name,
    get description() {
      return `${what} (${model}${limits}); ${describeEmbedRun(last?.lastRun ?? null)}`;
    },
    create: async () => (last = make(await openEvalEmbedder(model, { batchSize: options.batchSize }))),
  };
}

/** The hybrid system for one model: ZHIWEN_EMBED_MODEL (a transformers.js model, or the name served at ZHIWEN_EMBED_URL). */
export function zhiwenHybrid(model: string, options: HybridFactoryOptions = {}): SystemFactory {
  return embeddingFactory(
    'zhiwen-hybrid',
    'Zhiwen hybrid: zhiwen + the nearest chunks (HNSW) rolled up to documents and fused with BM25 (retrieval/hybrid defaults)',
    (e) => new ZhiwenHybridSystem(e, options.hybrid, options.limits),
    model,
    options,
  );
}

export { parseEmbedLimits };
