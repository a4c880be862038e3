import { describe, expect, it } from 'vitest';
import { KeyKind, PrefixIndex, type PrefixKey } from './index';

/** Deterministic pseudo-random keys over a small alphabet, so many keys share long prefixes. */
function keys(n: number, seed = 7): { keys: PrefixKey[]; score: number[] } {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 1) / 2 ** 31;
  const out: PrefixKey[] = [];
  const score: number[] = [];
  for (let entry = 0; entry < n; entry++) {
    const len = 2 + Math.floor(next() * 8);
    let key = '';
    for (let i = 0; i < len; i++) key += 'abcd'[Math.floor(next() * 4)];
    out.push({ key, entry, kind: KeyKind.Text });
    if (next() < 0.5) out.push({ key: key.split('').reverse().join(''), entry, kind: KeyKind.Pinyin });
    score.push(Math.floor(next() * 50)); // many ties: the lower entry must win them
  }
  return { keys: out, score };
}

/** The answer by brute force: every entry with a matching key, best score first, lower entry on ties. */
function brute(all: PrefixKey[], score: number[], prefix: string, limit: number, accept?: (e: number) => boolean): number[] {
  const entries = [...new Set(all.filter((k) => k.key.startsWith(prefix)).map((k) => k.entry))].filter((e) => !accept || accept(e));
  return entries.sort((a, b) => score[b] - score[a] || a - b).slice(0, limit);
}

describe('PrefixIndex', () => {
  const { keys: all, score } = keys(5000);
  const index = PrefixIndex.of(all, score, { scanCap: 64, heavyTop: 16 });

  it('returns the best entries for short (precomputed) and long (scanned) prefixes', () => {
    for (const prefix of ['a', 'b', 'ab', 'dc', 'abc', 'abcd', 'dddd', 'abcda', 'cabbage']) {
      expect(index.search(prefix, 10).map((m) => m.entry)).toEqual(brute(all, score, prefix, 10));
    }
  });

  it('builds the same index step by step (yielding between phases) as at once', async () => {
    const built = await PrefixIndex.build(all, score, { scanCap: 64, heavyTop: 16 });
    for (const prefix of ['a', 'cd', 'abc', 'dddd', 'abcda']) expect(built.search(prefix, 10)).toEqual(index.search(prefix, 10));
  });

  it('lists each entry once even when two of its keys match, with the kind that matched', () => {
    const small = PrefixIndex.of([
      { key: 'shebaoka', entry: 0, kind: KeyKind.Pinyin },
      { key: 'sbk', entry: 0, kind: KeyKind.Initials },
      { key: 'shenqing', entry: 1, kind: KeyKind.Pinyin },
    ], [5, 9]);
    expect(small.search('s', 5)).toEqual([{ entry: 1, kind: KeyKind.Pinyin }, { entry: 0, kind: KeyKind.Initials }]);
    expect(small.search('sb', 5)).toEqual([{ entry: 0, kind: KeyKind.Initials }]);
    expect(small.search('x', 5)).toEqual([]);
    expect(small.search('', 5)).toEqual([]);
  });

  it('applies a filter, falling back to a bounded scan when the precomputed best are filtered out', () => {
    const odd = (e: number) => e % 2 === 1;
    // Long prefixes have small ranges and are scanned whole: the filtered answer is exact.
    for (const prefix of ['abca', 'dcba', 'bbbb']) expect(index.search(prefix, 5, odd).map((m) => m.entry)).toEqual(brute(all, score, prefix, 5, odd));
    // Short prefixes: every answer passes the filter and is a real match.
    const rare = (e: number) => e % 97 === 0;
    for (const m of index.search('a', 5, rare)) {
      expect(rare(m.entry)).toBe(true);
      expect(all.some((k) => k.entry === m.entry && k.key.startsWith('a'))).toBe(true);
    }
  });
});
