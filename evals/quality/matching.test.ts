import { describe, expect, it } from 'vitest';
import type { MatchPair } from '../data/types';
import { bm25Cosine, evaluateMatching, isTuneHalf, tokenJaccard } from './matching';
import type { SimilarityScorer } from './matching';

describe('isTuneHalf', () => {
  it('is a fixed function of the id and splits roughly in half', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `pair-${i}`);
    const tune = ids.filter(isTuneHalf).length;
    expect(ids.filter(isTuneHalf)).toEqual(ids.filter(isTuneHalf));
    expect(tune).toBeGreaterThan(150);
    expect(tune).toBeLessThan(250);
  });
});

describe('baseline scorers', () => {
  it('token Jaccard: identical 1, disjoint 0', () => {
    expect(tokenJaccard.score('公积金提取', '公积金提取')).toBe(1);
    expect(tokenJaccard.score('公积金', '高铁票')).toBe(0);
  });
  it('BM25 cosine is 1 for identical texts and lower for partial overlap', async () => {
    const s = bm25Cosine();
    await s.prepare?.(['公积金提取条件', '公积金贷款额度', '高铁票改签']);
    expect(s.score('公积金提取条件', '公积金提取条件')).toBeCloseTo(1);
    expect(s.score('公积金提取条件', '公积金贷款额度')).toBeLessThan(1);
  });
});

describe('evaluateMatching', () => {
  it('chooses the threshold on the tuning half and reports on the other', async () => {
    const pairs: MatchPair[] = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, a: String(i % 2), b: '', label: (i % 2) as 0 | 1 }));
    // A perfect scorer: label 1 ↔ score 1.
    const perfect: SimilarityScorer = { name: 'oracle', score: (a) => Number(a) };
    const r = await evaluateMatching(perfect, 'm.jsonl', pairs);
    expect(r.tunePairs + r.testPairs).toBe(60);
    expect(r.threshold).toBe(1);
    expect(r).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1 });
  });
});
