import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, RRF_K } from './rrf';

const ids = <T>(items: Array<{ id: T }>) => items.map((i) => i.id);

describe('reciprocalRankFusion', () => {
  it('ranks an item both lists hold above items only one list holds', () => {
    const fused = reciprocalRankFusion([
      { ids: ['a', 'b', 'c'], weight: 1 },
      { ids: ['x', 'b', 'y'], weight: 1 },
    ]);
    // b: 1/62 + 1/62; a and x: 1/61 each (tie: the first list's wins); c and y: 1/63.
    expect(ids(fused)).toEqual(['b', 'a', 'x', 'c', 'y']);
    expect(fused[0]).toEqual({ id: 'b', score: 2 / (RRF_K + 2), ranks: [2, 2] });
    expect(fused[2]).toEqual({ id: 'x', score: 1 / (RRF_K + 1), ranks: [null, 1] });
  });

  it('uses ranks only: the same order whatever the scores behind them', () => {
    const fused = reciprocalRankFusion([
      { ids: [10, 20, 30], weight: 1 },
      { ids: [30, 20, 10], weight: 1 },
    ]);
    // 20 is second in both (2/62 ≈ .03226), 10 and 30 are 1st and 3rd (1/61 + 1/63 ≈ .03227).
    expect(ids(fused)).toEqual([10, 30, 20]);
  });

  it('lets a weight move one list ahead of the other', () => {
    const lists = (lexical: number, vector: number) => [
      { ids: ['lex-only', 'both'], weight: lexical },
      { ids: ['vec-only', 'other', 'both'], weight: vector },
    ];
    expect(ids(reciprocalRankFusion(lists(1, 1)))).toEqual(['both', 'lex-only', 'vec-only', 'other']);
    // Vector ×3: vec-only (3/61) and other (3/62) pass lex-only (1/61); both stays first (1/62 + 3/63).
    expect(ids(reciprocalRankFusion(lists(1, 3)))).toEqual(['both', 'vec-only', 'other', 'lex-only']);
    expect(ids(reciprocalRankFusion(lists(3, 1)))).toEqual(['both', 'lex-only', 'vec-only', 'other']);
    expect(ids(reciprocalRankFusion(lists(1, 0)))).toEqual(['lex-only', 'both']);
  });

  it('flattens the credit down the list as k grows', () => {
    // a: 1st in one list; b: 3rd in both. Small k rewards the top place, large k the agreement.
    const lists = [
      { ids: ['a', 'p', 'b'], weight: 1 },
      { ids: ['q', 'r', 'b'], weight: 1 },
    ];
    expect(ids(reciprocalRankFusion(lists, 0.5)).slice(0, 3)).toEqual(['a', 'q', 'b']);
    expect(ids(reciprocalRankFusion(lists, 60)).slice(0, 2)).toEqual(['b', 'a']);
  });

  it('breaks ties by the earlier list, then by first appearance, and counts a repeated id once', () => {
    const fused = reciprocalRankFusion([
      { ids: ['m', 'n', 'm'], weight: 1 },
      { ids: ['n', 'm'], weight: 1 },
    ]);
    expect(fused.map((f) => [f.id, f.ranks])).toEqual([
      ['m', [1, 2]],
      ['n', [2, 1]],
    ]);
    expect(fused[0].score).toBe(fused[1].score);
  });

  it('drops what only a zero-weight list holds, and keeps the other list in its order', () => {
    const fused = reciprocalRankFusion([
      { ids: ['a', 'b', 'c'], weight: 1 },
      { ids: ['z', 'c'], weight: 0 },
    ]);
    expect(ids(fused)).toEqual(['a', 'b', 'c']);
  });

  it('handles empty lists, and rejects a k or weight it cannot use', () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(
      ids(
        reciprocalRankFusion([
          { ids: [], weight: 1 },
          { ids: ['a'], weight: 1 },
        ]),
      ),
    ).toEqual(['a']);
    expect(() => reciprocalRankFusion([{ ids: ['a'], weight: 1 }], 0)).toThrow(
      /k must be a finite number > 0, got 0/,
    );
    expect(() => reciprocalRankFusion([{ ids: ['a'], weight: -1 }])).toThrow(/list 0 weight .* got -1/);
    expect(() => reciprocalRankFusion([{ ids: ['a'], weight: NaN }])).toThrow(/got NaN/);
  });
});
