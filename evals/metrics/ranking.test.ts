import { describe, expect, it } from 'vitest';
import { dropExcluded, mean, mrrAtK, ndcgAtK, recallAtK } from './ranking';

const rel = (...ids: string[]): Set<string> => new Set(ids);

describe('recallAtK', () => {
  it('counts relevant ids found in the top k', () => {
    // 2 of 3 relevant ids (a, c) are in the top 3 of [a, x, c, b].
    expect(recallAtK(['a', 'x', 'c', 'b'], rel('a', 'b', 'c'), 3)).toBeCloseTo(2 / 3);
    expect(recallAtK(['a', 'x', 'c', 'b'], rel('a', 'b', 'c'), 4)).toBe(1);
    expect(recallAtK(['x', 'y'], rel('a'), 10)).toBe(0);
  });
  it('scores 0 with no relevant ids and rejects k < 1', () => {
    expect(recallAtK(['a'], rel(), 5)).toBe(0);
    expect(() => recallAtK(['a'], rel('a'), 0)).toThrow(RangeError);
  });
});

describe('mrrAtK', () => {
  it('is the reciprocal rank of the first relevant id inside k', () => {
    expect(mrrAtK(['x', 'y', 'a', 'b'], rel('a', 'b'), 10)).toBeCloseTo(1 / 3);
    expect(mrrAtK(['a'], rel('a'), 1)).toBe(1);
    expect(mrrAtK(['x', 'y', 'a'], rel('a'), 2)).toBe(0);
  });
});

describe('ndcgAtK', () => {
  it('matches a hand-computed case', () => {
    // relevant at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161
    // ideal (2 relevant): 1 + 1/log2(3) = 1.63093 → nDCG = 0.65092
    expect(ndcgAtK(['x', 'a', 'y', 'b'], rel('a', 'b'), 10)).toBeCloseTo(0.65092, 4);
  });
  it('is 1 for a perfect ranking and caps the ideal at k', () => {
    expect(ndcgAtK(['a', 'b', 'x'], rel('a', 'b'), 10)).toBeCloseTo(1);
    // 3 relevant, k = 1, first is relevant: ideal has one slot → 1.
    expect(ndcgAtK(['a', 'x'], rel('a', 'b', 'c'), 1)).toBeCloseTo(1);
  });
  it('does not count a duplicated id twice', () => {
    expect(ndcgAtK(['a', 'a'], rel('a', 'b'), 2)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)));
  });
});

describe('dropExcluded and mean', () => {
  it('removes excluded ids before the cut', () => {
    expect(dropExcluded(['q', 'a', 'b'], ['q'])).toEqual(['a', 'b']);
    expect(mrrAtK(dropExcluded(['q', 'a'], ['q']), rel('a'), 1)).toBe(1);
    expect(dropExcluded(['a'], undefined)).toEqual(['a']);
  });
  it('averages, 0 when empty', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(mean([])).toBe(0);
  });
});
