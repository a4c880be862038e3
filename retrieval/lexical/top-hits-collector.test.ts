import { describe, expect, it } from 'vitest';
import { DEFAULT_BM25 } from './bm25';
import { DocumentScorer } from './document-scorer';
import { MaxScoreScorer } from './max-score';
import { Segment } from './segment';
import { weighTerms } from './term-bounds';
import { TopHitsCollector } from './top-hits-collector';
import type { ScoringModel } from './types';

const model: ScoringModel = { bm25: DEFAULT_BM25, titleWeight: 2, fieldModel: 'bm25f' };
const doc = (id: number, title: string[], ...chunks: string[][]) => ({
  id, titleTokens: title, chunks: chunks.map((tokens, i) => ({ id: id * 100 + i, tokens })),
});

/** A segment and a scorer for one query, the scorer serving as the collector's rescorer. */
function setup(docs: ReturnType<typeof doc>[], query: string[]) {
  const segment = new Segment(model.bm25.b);
  for (const d of docs) segment.upsert(d);
  segment.refreshNorms();
  const terms = weighTerms(segment, model, query.map((term) => ({ term, weight: 1 })));
  return { segment, scorer: new MaxScoreScorer(segment, model, new DocumentScorer(model), terms, {}) };
}

describe('TopHitsCollector', () => {
  it('keeps the best `limit`, equal scores by document id (not slot), nothing scoring 0', () => {
    // Slots 0..5 hold ids 50, 40, 35, 20, 10, 30: slot order is not id order.
    const { segment, scorer } = setup([50, 40, 35, 20, 10, 30].map((id) => doc(id, ['t'], ['b'], ['c'])), ['t']);
    const top = new TopHitsCollector(3, segment);
    const parts = (chunk: number) => ({ titleScore: 1, bodyScore: 0.5, bestChunkSlot: chunk });
    expect(top.threshold).toBe(-Infinity);
    for (const [slot, score] of [[0, 2], [1, 2], [2, 1]]) top.collect(slot, score, parts(2 * slot + 1));
    expect(top.threshold).toBe(1);
    top.collect(3, 2, parts(-1));
    expect(top.threshold).toBe(2);
    top.collect(4, 0, parts(8));
    top.collect(5, 2, parts(10)); // ties the threshold and enters by id: 30 before 50
    const hits = top.hits(scorer);
    expect(hits.map((h) => [h.docId, h.score])).toEqual([[20, 2], [30, 2], [40, 2]]);
    expect(hits.map((h) => h.bestChunkId)).toEqual([-1, 3000, 4001]);
    expect(hits[1]).toMatchObject({ docSlot: 5, titleScore: 1, bodyScore: 0.5 });
  });

  it('shows a repost group by its preferred member, scored on its own, at the group\'s best score', () => {
    // Slot 0 (a repost) and slot 1 (the canonical, a weaker match) form group 4; slot 2 stands alone.
    const { segment, scorer } = setup([doc(1, ['社保', '社保'], ['社保']), doc(2, ['社保', '其他', '其他']), doc(3, ['社保', '办法'])], ['社保']);
    const collapse = { group: new Int32Array([4, 4, 0]), preferred: new Uint8Array([0, 1, 0]), preferredSlot: (g: number) => (g === 4 ? 1 : -1) };
    const top = new TopHitsCollector(2, segment, collapse);
    const scores = [0, 1, 2].map((slot) => {
      const score = scorer.scoreAlone(slot);
      return { score, parts: { ...scorer.parts } };
    });
    expect(scores[0].score).toBeGreaterThan(scores[1].score);
    // The walk offered the repost and the lone document, not the canonical.
    top.collect(0, scores[0].score, scores[0].parts);
    top.collect(2, scores[2].score, scores[2].parts);
    const hits = top.hits(scorer);
    const shown = hits.find((h) => h.docSlot === 1)!;
    expect(hits.map((h) => h.docSlot).sort()).toEqual([1, 2]);
    expect(shown.score).toBe(scores[0].score);
    expect(shown.titleScore).toBe(scores[1].parts.titleScore);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
  });
});
