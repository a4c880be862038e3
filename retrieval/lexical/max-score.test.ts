import { describe, expect, it } from 'vitest';
// Seeded, so a failure replays.
import { mulberry32 as prng } from '../../evals/bench/prng';
import { DEFAULT_BM25 } from './bm25';
import type { Collector, DocumentScores } from './collector';
import { DocumentScorer } from './document-scorer';
import { MaxScoreScorer } from './max-score';
import { Segment } from './segment';
import { weighTerms } from './term-bounds';
import type { FieldModel, ScoringModel, WeightedTerm } from './types';

const words = (rand: () => number, n: number) => Array.from({ length: n }, () => `w${Math.floor(80 * rand() ** 3)}`);

function library(seed: number, fieldModel: FieldModel = 'bm25f') {
  const rand = prng(seed);
  const model: ScoringModel = { bm25: DEFAULT_BM25, titleWeight: 2, fieldModel };
  const segment = new Segment(model.bm25.b);
  for (let id = 1; id <= 500; id++) {
    segment.upsert({
      id, titleTokens: words(rand, 1 + Math.floor(rand() * 6)), prior: rand() < 0.2 ? 0.5 : 1,
      chunks: Array.from({ length: Math.floor(rand() * 4) }, (_, c) => ({ id: id * 10 + c, tokens: words(rand, 5 + Math.floor(rand() * 50)) })),
    });
  }
  for (let id = 3; id <= 500; id += 17) segment.remove(id);
  segment.settle();
  return { rand, model, segment, doc: new DocumentScorer(model) };
}

/** Keeps every document offered at or above a fixed threshold, and counts the offers. */
class AtLeast implements Collector {
  readonly kept = new Map<number, { score: number; title: number; body: number; chunk: number }>();
  offers = 0;
  constructor(readonly threshold: number) {}
  collect(slot: number, score: number, parts: DocumentScores): void {
    this.offers++;
    if (score >= this.threshold && score > 0) this.kept.set(slot, { score, title: parts.titleScore, body: parts.bodyScore, chunk: parts.bestChunkSlot });
  }
}

describe('MaxScoreScorer (BM25F over an accept set, pushing to a collector)', () => {
  for (const fieldModel of ['bm25f', 'separate'] as const) {
    it(`offers every accepted document that reaches the collector's threshold, skipping others (${fieldModel})`, () => {
      const { rand, model, segment, doc } = library(3, fieldModel);
      const accept = (slot: number) => slot % 3 !== 1;
      let pruned = 0;
      for (let q = 0; q < 30; q++) {
        const query: WeightedTerm[] = words(rand, 2 + Math.floor(rand() * 5)).map((term) => ({ term, weight: rand() < 0.3 ? 0.4 : 1 }));
        segment.refreshNorms();
        const terms = weighTerms(segment, model, query);
        const everything = new AtLeast(-Infinity);
        new MaxScoreScorer(segment, model, doc, terms, { accept, exhaustive: true }).run(everything);
        const ranked = [...everything.kept.values()].map((k) => k.score).sort((a, b) => b - a);
        if (ranked.length < 12) continue;
        // Halfway between the 10th and 11th scores, so summing terms in another order cannot cross it.
        if (ranked[9] - ranked[10] < 1e-9 * ranked[9]) continue;
        const threshold = (ranked[9] + ranked[10]) / 2;
        const top = new AtLeast(threshold);
        new MaxScoreScorer(segment, model, doc, terms, { accept }).run(top);
        const expected = [...everything.kept].filter(([, k]) => k.score >= threshold);
        expect([...top.kept.keys()].sort((a, b) => a - b)).toEqual(expected.map(([slot]) => slot).sort((a, b) => a - b));
        for (const [slot, k] of expected) {
          expect(top.kept.get(slot)!.score).toBeCloseTo(k.score, 9);
          expect(top.kept.get(slot)!.chunk).toBe(k.chunk);
        }
        for (const slot of everything.kept.keys()) expect(accept(slot) && segment.docAlive[slot] === 1).toBe(true);
        if (top.offers < everything.offers) pruned++;
      }
      // The walk did skip documents (else this test would not test pruning).
      expect(pruned).toBeGreaterThan(10);
    });
  }

  it('scores a document on its own exactly as the walk scores it', () => {
    const { rand, model, segment, doc } = library(5);
    for (let q = 0; q < 10; q++) {
      segment.refreshNorms();
      const terms = weighTerms(segment, model, words(rand, 3).map((term) => ({ term, weight: 1 })));
      const everything = new AtLeast(-Infinity);
      const scorer = new MaxScoreScorer(segment, model, doc, terms, { exhaustive: true });
      scorer.run(everything);
      for (const [slot, k] of everything.kept) {
        // The walk adds essential terms last-bound-first, scoreAlone in bound order: equal to rounding.
        expect(scorer.scoreAlone(slot)).toBeCloseTo(k.score, 12);
        expect(scorer.parts.titleScore).toBeCloseTo(k.title, 12);
        expect(scorer.parts.bodyScore).toBeCloseTo(k.body, 12);
        expect(scorer.parts.bestChunkSlot).toBe(k.chunk);
      }
    }
  });

  it('bounds every term\'s share of a score, also after the averages drift within a bound epoch', () => {
    const { rand, model, segment, doc } = library(8);
    const epoch = segment.norms.epoch;
    const before = segment.norms.avgChunk;
    // Longer chunks raise the average ~4%: every earlier chunk's norm grows, its bound must still hold.
    for (let id = 1000; id < 1012; id++) segment.upsert({ id, titleTokens: ['新'], chunks: [{ id: id * 10, tokens: words(rand, 110) }] });
    segment.refreshNorms();
    expect(segment.norms.avgChunk / before).toBeGreaterThan(1.02);
    expect(segment.norms.epoch).toBe(epoch);
    let checked = 0;
    for (let w = 0; w < 80; w++) {
      const [term] = weighTerms(segment, model, [{ term: `w${w}`, weight: 1 }]);
      if (!term) continue;
      const all = new AtLeast(-Infinity);
      new MaxScoreScorer(segment, model, doc, [term], { exhaustive: true }).run(all);
      for (const [slot, k] of all.kept) {
        const unweighted = k.score / segment.docPrior[slot];
        expect(unweighted).toBeLessThanOrEqual(k.title > 0 ? term.bound : term.bodyBound);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
