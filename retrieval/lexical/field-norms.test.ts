import { describe, expect, it } from 'vitest';
import { DEFAULT_BM25 } from './bm25';
import { END, PostingCursor } from './postings';
import { Segment } from './segment';

const { b } = DEFAULT_BM25;
const words = (n: number, word = 'x') => Array.from({ length: n }, (_, i) => (i === 0 ? word : `f${i}`));
const doc = (id: number, titleLen: number, ...chunkLens: number[]) => ({
  id, titleTokens: words(titleLen, '标题'), chunks: chunkLens.map((n, i) => ({ id: id * 10 + i, tokens: words(n, '正文') })),
});
const norm = (len: number, avg: number) => 1 / (1 - b + (b * len) / avg);

describe('FieldNorms (lengths, norms, bound epochs)', () => {
  it('normalises by the live averages, leaving removed documents out of them', () => {
    const seg = new Segment(b);
    seg.upsert(doc(1, 2, 10, 30));
    seg.upsert(doc(2, 4, 20));
    seg.upsert(doc(3, 12, 100));
    seg.remove(3);
    seg.refreshNorms();
    const { norms } = seg;
    expect(norms.avgTitle).toBe(3);
    expect(norms.avgChunk).toBe(20);
    expect(norms.titleNorm[0]).toBeCloseTo(norm(2, 3), 6);
    expect(norms.titleNorm[1]).toBeCloseTo(norm(4, 3), 6);
    expect([0, 1, 2].map((c) => norms.chunkNorm[c])).toEqual([10, 30, 20].map((len) => Math.fround(norm(len, 20))));
  });

  it('keeps one bound epoch while the averages drift under 5%, then starts another', () => {
    const seg = new Segment(b);
    for (let id = 1; id <= 100; id++) seg.upsert(doc(id, 4, 20));
    seg.refreshNorms();
    const first = seg.norms.epoch;
    // Three longer chunks move the chunk average 20 → 20.9 (4.5%): same epoch.
    for (let id = 101; id <= 103; id++) seg.upsert(doc(id, 4, 50));
    seg.refreshNorms();
    expect(seg.norms.avgChunk).toBeCloseTo(20.87, 2);
    expect(seg.norms.epoch).toBe(first);
    for (let id = 104; id <= 106; id++) seg.upsert(doc(id, 4, 50));
    seg.refreshNorms();
    expect(seg.norms.epoch).toBe(first + 1);
    expect(seg.norms.epochAvgChunk).toBe(seg.norms.avgChunk);
  });

  it('gives each list its largest tf × norm for the epoch, kept current as postings arrive', () => {
    const seg = new Segment(b);
    for (let id = 1; id <= 50; id++) seg.upsert({ id, titleTokens: ['t'], chunks: [{ id, tokens: [...words(10 + id), ...Array(id % 4).fill('正文')] }] });
    seg.settle();
    const list = seg.bodyPostings.get('正文')!;
    const { norms } = seg;
    const rescan = () => {
      let most = 0;
      const cur = new PostingCursor(list);
      for (let s = cur.next(); s !== END; s = cur.next()) most = Math.max(most, cur.tf * norm(norms.chunkLen[s], norms.epochAvgChunk));
      return most;
    };
    expect(norms.maxImpact(list, 'body')).toBeCloseTo(rescan(), 12);
    // A short chunk repeating the term 9 times: its impact beats every earlier one, and the bound follows.
    seg.upsert({ id: 99, titleTokens: ['t'], chunks: [{ id: 99, tokens: Array(9).fill('正文') }] });
    expect(list.impactEpoch).toBe(norms.epoch);
    expect(norms.maxImpact(list, 'body')).toBeCloseTo(rescan(), 12);
    expect(norms.maxImpact(list, 'body')).toBeCloseTo(9 * norm(9, norms.epochAvgChunk), 12);
  });
});
