import { describe, expect, it } from 'vitest';
import { fuseScored } from './fuse-scored';
import { RRF_UNTUNED as HYBRID_DEFAULTS } from './options';

const lexical = [
  { id: 'a', score: 10 },
  { id: 'b', score: 9 },
  { id: 'c', score: 2 },
];
const vector = [
  { id: 'c', score: 0.9 },
  { id: 'd', score: 0.85 },
  { id: 'b', score: 0.5 },
];
const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe('fuseScored', () => {
  it('rrf: ranks only, each list cut to its depth', () => {
    const fused = fuseScored(lexical, vector, HYBRID_DEFAULTS);
    // b: 1/62 + 1/63; c: 1/63 + 1/61; a: 1/61; d: 1/62.
    expect(ids(fused)).toEqual(['c', 'b', 'a', 'd']);
    expect(fused[0].score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(ids(fuseScored(lexical, vector, { ...HYBRID_DEFAULTS, lexicalDepth: 1, vectorDepth: 1 }))).toEqual(['a', 'c']);
  });

  it('blend: min-max calibrated scores weighted by the lexical share, ties to the better lexical rank', () => {
    const blend = { ...HYBRID_DEFAULTS, method: 'blend' as const };
    // Lexical a 1, b 7/8, c 0; vector c 1, d .875, b 0. Share .5: b .4375, a .5, c .5, d .4375.
    const half = fuseScored(lexical, vector, { ...blend, blendLexicalShare: 0.5 });
    expect(ids(half)).toEqual(['a', 'c', 'b', 'd']);
    expect(half[2].score).toBeCloseTo(0.4375, 12);
    expect(ids(fuseScored(lexical, vector, { ...blend, blendLexicalShare: 1 })).slice(0, 3)).toEqual(['a', 'b', 'c']);
    expect(ids(fuseScored(lexical, vector, { ...blend, blendLexicalShare: 0 })).slice(0, 2)).toEqual(['c', 'd']);
    // One-item lists calibrate to 1.
    expect(fuseScored([{ id: 'x', score: 3 }], [], { ...blend, blendLexicalShare: 0.3 })).toEqual([{ id: 'x', score: 0.3 }]);
  });

  it('keeps a dominant lexical top first when lexicalLeadRatio says so', () => {
    const dominant = [{ id: 'a', score: 30 }, ...lexical.slice(1)];
    expect(ids(fuseScored(dominant, vector, HYBRID_DEFAULTS))[0]).toBe('c');
    const led = fuseScored(dominant, vector, { ...HYBRID_DEFAULTS, lexicalLeadRatio: 3 });
    expect(ids(led)).toEqual(['a', 'c', 'b', 'd']);
    expect(led[0].score).toBeGreaterThan(led[1].score);
    // 10 is not 3 × 9: no lead.
    expect(ids(fuseScored(lexical, vector, { ...HYBRID_DEFAULTS, lexicalLeadRatio: 3 }))[0]).toBe('c');
  });
});
