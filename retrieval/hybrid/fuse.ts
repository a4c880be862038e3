import type { VectorHit } from '../../library/embeddings';
import type { LexicalHit } from '../lexical';
import { fuseScored, type FusionSettings } from './fuse-scored';

/** A document found by vector search, through its most similar chunk. */
export interface VectorDocument {
  docSlot: number;
  docId: number;
  /** The most similar chunk: the result's snippet. */
  chunkId: number;
  similarity: number;
  /** Its vector-side score: similarity shifted to [0, 1] times the document's prior. */
  score: number;
}

/** What the search index knows of documents, by slot. */
export interface DocumentLookup {
  /** The document's slot in the lexical index; undefined when it is not live there (withdrawn, not yet synced). */
  slotOf(docId: number): number | undefined;
  /** The request's scope and filters (the same test the lexical search applies). */
  accept(slot: number): boolean;
  /** The document's score multiplier (validity demotion); 1 = neutral. */
  prior(slot: number): number;
}

/**
 * Chunks (most similar first) rolled up to documents, each by its best chunk: documents not live in
 * the lexical index or outside the request's filters are dropped, as lexical search drops them. Ranked
 * by similarity shifted to [0, 1] times the document's prior, so a repealed document is demoted here
 * as it is in the lexical ranking.
 */
export function rollUpChunks(hits: readonly VectorHit[], docs: DocumentLookup): VectorDocument[] {
  const seen = new Set<number>();
  const out: VectorDocument[] = [];
  for (const hit of hits) {
    if (seen.has(hit.documentId)) continue;
    const slot = docs.slotOf(hit.documentId);
    if (slot === undefined || !docs.accept(slot)) continue;
    seen.add(hit.documentId);
    const score = ((1 + hit.similarity) / 2) * docs.prior(slot);
    out.push({ docSlot: slot, docId: hit.documentId, chunkId: hit.chunkId, similarity: hit.similarity, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * The lexical hits (in their final lexical order) and the vector documents fused by reciprocal rank;
 * each hit's score becomes its fused score. A document found only by vectors gets its best chunk as
 * snippet; one found by both keeps its lexical chunk (it holds the highlighted words), or takes the
 * vector chunk when only its title matched.
 */
export function fuseRankings(
  lexical: readonly LexicalHit[],
  vector: readonly VectorDocument[],
  options: FusionSettings,
): LexicalHit[] {
  const lexicalById = new Map(lexical.map((h) => [h.docId, h]));
  const vectorById = new Map(vector.map((d) => [d.docId, d]));
  const fused = fuseScored(
    lexical.map((h) => ({ id: h.docId, score: h.score })),
    vector.map((d) => ({ id: d.docId, score: d.score })),
    options,
  );
  return fused.flatMap(({ id, score }): LexicalHit[] => {
    const hit = lexicalById.get(id);
    const near = vectorById.get(id);
    if (hit)
      return [{ ...hit, score, bestChunkId: hit.bestChunkId < 0 && near ? near.chunkId : hit.bestChunkId }];
    if (!near) return []; // cannot happen: every fused id came from one of the two lists
    return [
      { docSlot: near.docSlot, docId: id, score, titleScore: 0, bodyScore: 0, bestChunkId: near.chunkId },
    ];
  });
}
