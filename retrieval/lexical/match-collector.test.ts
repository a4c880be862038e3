import { describe, expect, it } from 'vitest';
// Seeded, so a failure replays.
import { mulberry32 as prng } from '../../evals/bench/prng';
import { DEFAULT_BM25 } from './bm25';
import { MatchCollector } from './match-collector';
import { Segment } from './segment';
import { weighTerms } from './term-bounds';
import type { IndexedDocument, ScoringModel } from './types';

const model: ScoringModel = { bm25: DEFAULT_BM25, titleWeight: 2, fieldModel: 'bm25f' };
const words = (rand: () => number, n: number) => Array.from({ length: n }, () => `w${Math.floor(120 * rand() ** 3)}`);

describe('MatchCollector', () => {
  it('finds exactly the live, accepted documents holding any query term, with or without common-term bitsets', () => {
    const rand = prng(21);
    const live = new Map<number, IndexedDocument>();
    // A roomy budget keeps every common term's bitset; a tiny one drops and rebuilds them all the time.
    const segments = [new Segment(model.bm25.b), new Segment(model.bm25.b, 1)];
    const put = (d: IndexedDocument) => {
      live.set(d.id, d);
      for (const s of segments) s.upsert(d);
    };
    const random = (id: number): IndexedDocument => ({
      id, titleTokens: words(rand, 1 + Math.floor(rand() * 5)),
      chunks: Array.from({ length: Math.floor(rand() * 3) }, (_, c) => ({ id: id * 10 + c, tokens: words(rand, 3 + Math.floor(rand() * 30)) })),
    });
    for (let id = 1; id <= 700; id++) put(random(id));
    for (let i = 0; i < 80; i++) {
      const id = 1 + Math.floor(rand() * 700);
      if (rand() < 0.5) put(random(id));
      else {
        live.delete(id);
        for (const s of segments) s.remove(id);
      }
    }
    const collectors = segments.map(() => new MatchCollector());
    const first = segments.map((s, i) => collectors[i].collect(s, weighTerms(s, model, [{ term: 'w0', weight: 1 }]), undefined));
    const firstCount = first[0].count;
    for (let q = 0; q < 40; q++) {
      const query = words(rand, 1 + Math.floor(rand() * 4)).map((term) => ({ term, weight: 1 }));
      const odd = q % 2 === 1;
      const expected = [...live.values()]
        .filter((d) => !odd || d.id % 2 === 1)
        .filter((d) => query.some(({ term }) => d.titleTokens.includes(term) || d.chunks.some((c) => c.tokens.includes(term))))
        .map((d) => d.id)
        .sort((a, b) => a - b);
      segments.forEach((s, i) => {
        s.refreshNorms();
        const accept = odd ? (slot: number) => s.docIds[slot] % 2 === 1 : undefined;
        const set = collectors[i].collect(s, weighTerms(s, model, query), accept);
        const ids: number[] = [];
        set.forEach((slot) => ids.push(s.docIds[slot]));
        expect(ids.sort((a, b) => a - b)).toEqual(expected);
        expect(set.count).toBe(expected.length);
      });
    }
    // Bitsets were used (the common path ran), and the first set was not touched by later queries' scratch.
    expect(segments[0].commonBits.bytes).toBeGreaterThan(0);
    expect(first[0].count).toBe(firstCount);
    let recount = 0;
    first[0].forEach(() => recount++);
    expect(recount).toBe(firstCount);
  });
});
