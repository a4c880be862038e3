import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './percentiles';

describe('percentile (nearest rank)', () => {
  const values = [15, 20, 35, 40, 50];
  it('matches the textbook example', () => {
    // nearest rank: ceil(p/100 · 5) → p30 → rank 2 = 20; p40 → 2 = 20; p50 → 3 = 35; p100 → 50
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
  });
  it('does not depend on input order and rejects p outside (0, 100]', () => {
    expect(percentile([50, 15, 40, 35, 20], 50)).toBe(35);
    expect(() => percentile(values, 0)).toThrow(RangeError);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});

describe('summarize', () => {
  it('reports p50/p95/p99 of 1..100', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(s).toMatchObject({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });
});
