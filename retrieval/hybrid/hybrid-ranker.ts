import { vectorSearch, type Embedder, type VectorHit } from '../../library/embeddings';
import type { Db } from '../../library/store';
import type { LexicalHit, MatchSet } from '../lexical';
import { fuseRankings, rollUpChunks, type DocumentLookup } from './fuse';
import { resolveHybridOptions, type HybridOptions, type ResolvedHybridOptions } from './options';

/** A lexical search's outcome, as SearchService holds it. */
export interface LexicalRanking {
  hits: LexicalHit[];
  /** Documents matched in all (not only those ranked). */
  total: number;
  /** Slots of every matched document (facets count them). */
  matched: MatchSet;
}

/**
 * The vector half of hybrid search: embeds the query, takes its nearest chunks from the library's
 * HNSW index, rolls them up to documents and fuses them with the lexical ranking by reciprocal rank.
 * Built only when a real embedder is configured, so lexical-only search never reaches it.
 */
export class HybridRanker {
  readonly options: ResolvedHybridOptions;

  constructor(
    private readonly db: Db,
    /** The model queries are embedded with (FAQ matching shares it: api/compose.ts). */
    readonly embedder: Embedder,
    private readonly docs: Omit<DocumentLookup, 'accept'>,
    options: HybridOptions = {},
  ) {
    if (embedder.dimensions === 0) {
      throw new RangeError(`hybrid search needs an embedding model; "${embedder.id}" has no vectors`);
    }
    this.options = resolveHybridOptions(options);
  }

  get model(): string {
    return this.embedder.id;
  }

  /**
   * The query's nearest chunks, most similar first. Start it before the lexical search: the model and
   * the database work while BM25 runs. Never rejects: on failure it logs and resolves to null, and the
   * search answers with its lexical ranking (every capability works without a model).
   */
  async nearest(query: string): Promise<VectorHit[] | null> {
    try {
      const [vector] = await this.embedder.embed([query], { kind: 'query' });
      return await vectorSearch(this.db, vector, this.options.vectorCandidates, this.embedder.id);
    } catch (err) {
      console.error(
        `hybrid search (${this.embedder.id}): vector search failed, lexical results only: ${(err as Error).message}`,
      );
      return null;
    }
  }

  /**
   * The fused ranking. Documents found only by vectors count as matches (total, facets), since they
   * are results. With no vector hits (or a failed vector search) the lexical ranking comes back as is.
   */
  fuse(
    lexical: LexicalRanking,
    ordered: LexicalHit[],
    nearest: VectorHit[] | null,
    accept: (slot: number) => boolean,
  ): LexicalRanking {
    if (!nearest || nearest.length === 0)
      return { hits: ordered, total: lexical.total, matched: lexical.matched };
    const vector = rollUpChunks(nearest, { ...this.docs, accept });
    const hits = fuseRankings(ordered, vector, this.options);
    if (this.options.vectorWeight === 0) return { hits, total: lexical.total, matched: lexical.matched };
    const matched = lexical.matched;
    for (const d of vector) matched.add(d.docSlot);
    return { hits, total: matched.count, matched };
  }
}
