import { describe, expect, it } from 'vitest';
// Seeded, so a failure replays.
import { mulberry32 as prng } from '../../evals/bench/prng';
import { CollapsingTopK } from './collapsing-top-k';
import { LexicalIndex, type LexicalHit } from './lexical-index';

function words(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, () => `w${Math.floor(60 * rand() ** 2)}`);
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

describe('collapsing top k (one hit per repost group)', () => {
  it('keeps the k best groups, each by its best score, showing the preferred member when it was offered', () => {
    const group = new Int32Array([0, 7, 7, 7, 0, 9, 9]);
    const preferred = new Uint8Array([0, 0, 1, 0, 0, 0, 0]);
    const top = new CollapsingTopK(3, { group, preferred, preferredSlot: (g) => (g === 7 ? 2 : -1) });
    for (const [score, slot] of [[5, 0], [9, 1], [4, 2], [8, 3], [6, 4], [3, 5], [7, 6]]) top.push(score, slot);
    // Group 7 ranks by slot 1's 9 and shows slot 2 (its canonical); group 9 by slot 6's 7; slot 0 (5) falls out.
    expect(top.sorted()).toEqual([{ score: 9, item: 2 }, { score: 7, item: 6 }, { score: 6, item: 4 }]);
    expect(top.threshold).toBe(6);
  });

  it('gives, with MaxScore pruning, exactly the groups an exhaustive walk gives', () => {
    const rand = prng(12);
    const index = new LexicalIndex();
    const n = 600;
    const group = new Int32Array(n);
    const preferred = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      // A third of the documents are reposts: groups of 2 to 4 with near-identical text.
      const slot = index.upsert({
        id: i + 1, titleTokens: words(rand, 1 + Math.floor(rand() * 6)),
        chunks: [{ id: (i + 1) * 10, tokens: words(rand, 10 + Math.floor(rand() * 40)) }],
      });
      group[slot] = rand() < 0.33 ? 1 + Math.floor(rand() * 60) : 0;
    }
    const firstOf = new Map<number, number>();
    for (let s = 0; s < n; s++) if (group[s] && !firstOf.has(group[s])) firstOf.set(group[s], s);
    for (const s of firstOf.values()) preferred[s] = 1;
    const collapse = { group, preferred, preferredSlot: (g: number) => firstOf.get(g) ?? -1 };
    const keyOf = (h: LexicalHit) => (group[h.docSlot] === 0 ? `d${h.docSlot}` : `g${group[h.docSlot]}`);
    for (let q = 0; q < 40; q++) {
      const terms = words(rand, 1 + Math.floor(rand() * 4)).map((term) => ({ term, weight: rand() < 0.3 ? 0.3 : 1 }));
      const limit = 1 + Math.floor(rand() * 15);
      const pruned = index.search({ terms, limit, collapse }).hits;
      const exhaustive = index.search({ terms, limit, collapse, exhaustive: true }).hits;
      expect(pruned.map(keyOf)).toEqual(exhaustive.map(keyOf));
      // (Terms are summed in another order when exhaustive: equal to float rounding.)
      expect(pruned.map((h) => round(h.score))).toEqual(exhaustive.map((h) => round(h.score)));
      expect(new Set(pruned.map(keyOf)).size).toBe(pruned.length);
      // Every group's score is its best member's, from the uncollapsed ranking of everything.
      const all = index.search({ terms, limit: n, exhaustive: true }).hits;
      const best = new Map<string, number>();
      for (const h of all) if (!best.has(keyOf(h))) best.set(keyOf(h), h.score);
      expect(pruned.map((h) => round(h.score))).toEqual([...best.values()].slice(0, limit).map(round));
      // A group shows its preferred member whenever that member matches, even one pruning skipped.
      const matching = new Set(all.map((h) => h.docSlot));
      for (const h of pruned) {
        const p = firstOf.get(group[h.docSlot]);
        if (p !== undefined && matching.has(p)) expect(h.docSlot).toBe(p);
      }
      expect(pruned.map((h) => h.docSlot)).toEqual(exhaustive.map((h) => h.docSlot));
    }
  });
});
