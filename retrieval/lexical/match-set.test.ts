import { describe, expect, it } from 'vitest';
import { MatchSet, popcount32 } from './match-set';

describe('MatchSet', () => {
  it('counts, answers membership and grows when a slot beyond it is added', () => {
    const set = MatchSet.empty();
    for (const s of [3, 31, 32, 1000, 3]) set.add(s);
    expect(set.count).toBe(4);
    expect([3, 31, 32, 1000].every((s) => set.has(s))).toBe(true);
    expect(set.has(4) || set.has(5000)).toBe(false);
    const seen: number[] = [];
    set.forEach((s) => seen.push(s));
    expect(seen).toEqual([3, 31, 32, 1000]);
  });

  it('samples everything when small, and about `max` slots with the scale that restores the count when large', () => {
    const set = MatchSet.empty();
    for (let s = 0; s < 100_000; s += 2) set.add(s);
    let all = 0;
    expect(set.sample(60_000, () => all++)).toBe(1);
    expect(all).toBe(50_000);
    let some = 0;
    const scale = set.sample(5_000, () => some++);
    expect(some).toBeGreaterThan(4_000);
    expect(some).toBeLessThan(6_000);
    expect(some * scale).toBeCloseTo(50_000, 6);
  });

  it('counts bits of any word', () => {
    for (const [w, n] of [[0, 0], [1, 1], [0xffffffff, 32], [0x80000000, 1], [0x55555555, 16]] as const) expect(popcount32(w)).toBe(n);
  });
});
