import { describe, expect, it } from 'vitest';
import type { VectorHit } from '../../library/embeddings';
import type { LexicalHit } from '../lexical';
import { fuseRankings, rollUpChunks, type DocumentLookup } from './fuse';
import { HYBRID_DEFAULTS, resolveHybridOptions, RRF_UNTUNED } from './options';

/** Documents 1–9 live in slots 11–19; 9 is repealed (prior 0.5); 8 is outside the request's filters. */
const docs: DocumentLookup = {
  slotOf: (id) => (id >= 1 && id <= 9 ? id + 10 : undefined),
  accept: (slot) => slot !== 18,
  prior: (slot) => (slot === 19 ? 0.5 : 1),
};
const hit = (chunkId: number, documentId: number, similarity: number): VectorHit => ({
  chunkId,
  documentId,
  similarity,
});
const lexicalHit = (docId: number, score: number, bestChunkId = docId * 100): LexicalHit => ({
  docSlot: docId + 10,
  docId,
  score,
  titleScore: 0,
  bodyScore: score,
  bestChunkId,
});

describe('rollUpChunks', () => {
  it('keeps each live, accepted document once, by its most similar chunk, demoted by its prior', () => {
    const rolled = rollUpChunks(
      [
        hit(301, 3, 0.9),
        hit(900, 9, 0.85), // repealed: (1 + .85) / 2 × 0.5 = .46, below document 2's (1 + .5) / 2 = .75
        hit(302, 3, 0.8), // document 3's second chunk: already in
        hit(800, 8, 0.7), // filtered out by the request
        hit(4200, 42, 0.65), // not in the search index (withdrawn or not synced yet)
        hit(201, 2, 0.5),
        hit(101, 1, -0.2),
      ],
      docs,
    );
    expect(rolled.map((d) => [d.docId, d.chunkId])).toEqual([
      [3, 301],
      [2, 201],
      [9, 900],
      [1, 101],
    ]);
    expect(rolled[0]).toEqual({ docSlot: 13, docId: 3, chunkId: 301, similarity: 0.9, score: 0.95 });
  });
});

describe('fuseRankings', () => {
  it('fuses lexical and vector documents by reciprocal rank, scores becoming fused scores', () => {
    const lexical = [lexicalHit(1, 9.5), lexicalHit(2, 7), lexicalHit(5, 2, -1)];
    const vector = rollUpChunks([hit(501, 5, 0.9), hit(401, 4, 0.8), hit(202, 2, 0.7)], docs);
    const fused = fuseRankings(lexical, vector, RRF_UNTUNED);
    // 2: 1/62 + 1/63; 5: 1/63 + 1/61; 1: 1/61; 4: 1/62.
    expect(fused.map((h) => h.docId)).toEqual([5, 2, 1, 4]);
    expect(fused[0].score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    // Found by both: keeps its lexical chunk (highlighted words), or takes the vector chunk when only the title matched.
    expect(fused.find((h) => h.docId === 2)?.bestChunkId).toBe(200);
    expect(fused.find((h) => h.docId === 5)?.bestChunkId).toBe(501);
    // Found by vectors only: its slot, its best chunk, no lexical scores.
    expect(fused.find((h) => h.docId === 4)).toEqual({
      docSlot: 14,
      docId: 4,
      score: 1 / 62,
      titleScore: 0,
      bodyScore: 0,
      bestChunkId: 401,
    });
  });

  it('follows the weights: lexical only at vector weight 0, vector first when it weighs more', () => {
    const lexical = [lexicalHit(1, 9), lexicalHit(2, 8)];
    const vector = rollUpChunks([hit(301, 3, 0.9), hit(201, 2, 0.8)], docs);
    const order = (lexicalWeight: number, vectorWeight: number) =>
      fuseRankings(lexical, vector, { ...RRF_UNTUNED, lexicalWeight, vectorWeight }).map((h) => h.docId);
    expect(order(1, 1)).toEqual([2, 1, 3]);
    expect(order(1, 0)).toEqual([1, 2]);
    expect(order(1, 4)).toEqual([2, 3, 1]);
    expect(fuseRankings(lexical, [], HYBRID_DEFAULTS).map((h) => h.docId)).toEqual([1, 2]);
    expect(fuseRankings(lexical, [], RRF_UNTUNED).map((h) => h.docId)).toEqual([1, 2]);
  });
});

describe('resolveHybridOptions', () => {
  it('merges defaults and rejects values it cannot use, saying which and why', () => {
    expect(resolveHybridOptions()).toEqual(HYBRID_DEFAULTS);
    expect(resolveHybridOptions({ vectorWeight: 0.5, k: undefined })).toMatchObject({
      k: 60,
      vectorWeight: 0.5,
    });
    expect(() => resolveHybridOptions({ k: 0 })).toThrow(
      /hybrid k must be a number > 0 \(default 60\), got 0/,
    );
    expect(() => resolveHybridOptions({ lexicalWeight: -1 })).toThrow(/lexicalWeight must be a number ≥ 0/);
    expect(() => resolveHybridOptions({ lexicalWeight: 0, vectorWeight: 0 })).toThrow(/both 0/);
    expect(() => resolveHybridOptions({ method: 'max' as 'rrf' })).toThrow(/method must be 'rrf' or 'blend'/);
    expect(() => resolveHybridOptions({ lexicalDepth: 101 })).toThrow(/lexicalDepth must be an integer from 1 to 100/);
    expect(() => resolveHybridOptions({ blendLexicalShare: 1.5 })).toThrow(/from 0 to 1/);
    expect(() => resolveHybridOptions({ lexicalLeadRatio: -1 })).toThrow(/lexicalLeadRatio must be a number ≥ 0/);
    expect(() => resolveHybridOptions({ vectorCandidates: 5000 })).toThrow(
      /from 1 to 1000 \(default 100\), got 5000/,
    );
  });
});
