import { describe, expect, it } from 'vitest';
// Seeded, so a failure replays.
import { mulberry32 as prng } from '../../evals/bench/prng';
import { DEFAULT_BM25, idf } from './bm25';
import { LexicalIndex, type IndexedDocument, type WeightedTerm } from './lexical-index';
import { BLOCK, END, PostingCursor, PostingList } from './postings';

/** Zipf-ish vocabulary: word 0 is in most texts, word 199 in few. */
function randomText(rand: () => number, length: number): string[] {
  return Array.from({ length }, () => `w${Math.floor(200 * rand() ** 3)}`);
}

function randomLibrary(rand: () => number, docs: number): IndexedDocument[] {
  return Array.from({ length: docs }, (_, i) => ({
    id: i + 1,
    titleTokens: randomText(rand, 1 + Math.floor(rand() * 8)),
    chunks: Array.from({ length: Math.floor(rand() * 5) }, (__, c) => ({ id: (i + 1) * 10 + c, tokens: randomText(rand, 5 + Math.floor(rand() * 60)) })),
    prior: rand() < 0.2 ? 0.5 : 1,
  }));
}

/** BM25F written out directly from its definition, document by document. */
function referenceScores(live: IndexedDocument[], index: LexicalIndex, terms: WeightedTerm[], titleWeight = 2): Map<number, number> {
  const { k1, b } = DEFAULT_BM25;
  const chunks = live.flatMap((d) => d.chunks);
  const avgTitle = live.reduce((s, d) => s + d.titleTokens.length, 0) / live.length;
  const avgChunk = chunks.reduce((s, c) => s + c.tokens.length, 0) / chunks.length;
  const sat = (x: number) => (x * (k1 + 1)) / (x + k1);
  const count = (tokens: readonly string[], t: string) => tokens.filter((x) => x === t).length;
  // A term given twice counts once, at its highest weight.
  const merged = new Map<string, number>();
  for (const { term, weight } of terms) merged.set(term, Math.max(merged.get(term) ?? 0, weight));
  const scores = new Map<number, number>();
  for (const d of live) {
    const normT = 1 / (1 - b + (b * d.titleTokens.length) / avgTitle);
    const pseudo = (chunk: readonly string[] | null) => {
      let s = 0;
      for (const [term, weight] of merged) {
        const df = index.documentFrequency(term);
        const w = weight * idf(chunks.length, Math.min(chunks.length, Math.max(df.title, df.body)));
        const normC = chunk ? 1 / (1 - b + (b * chunk.length) / avgChunk) : 0;
        const x = titleWeight * count(d.titleTokens, term) * normT + (chunk ? count(chunk, term) * normC : 0);
        if (x > 0) s += w * sat(x);
      }
      return s;
    };
    const best = Math.max(pseudo(null), ...d.chunks.map((c) => pseudo(c.tokens)));
    if (best > 0) scores.set(d.id, best * (d.prior ?? 1));
  }
  return scores;
}

describe('compressed postings', () => {
  it('reads back every slot and term frequency, and skips to any target across blocks', () => {
    const rand = prng(7);
    const list = new PostingList();
    const slots: number[] = [];
    const tfs: number[] = [];
    let slot = -1;
    for (let i = 0; i < 5 * BLOCK + 17; i++) {
      // Mostly small gaps, now and then a gap that needs several varint bytes, and large term frequencies.
      slot += rand() < 0.05 ? 1 + Math.floor(rand() * 3_000_000) : 1 + Math.floor(rand() * 20);
      const tf = rand() < 0.1 ? 4 + Math.floor(rand() * 400) : 1 + Math.floor(rand() * 3);
      list.push(slot, tf);
      slots.push(slot);
      tfs.push(Math.min(tf, 255));
    }
    const all = new PostingCursor(list);
    const read: number[] = [];
    for (let s = all.next(); s !== END; s = all.next()) {
      expect(all.tf).toBe(tfs[read.length]);
      read.push(s);
    }
    expect(read).toEqual(slots);
    for (let trial = 0; trial < 200; trial++) {
      const cursor = new PostingCursor(list);
      let target = -1;
      for (let step = 0; step < 5; step++) {
        target += Math.floor(rand() * slots.at(-1)! * 0.3);
        const expected = slots.find((s) => s >= target) ?? END;
        expect(cursor.advance(target)).toBe(expected);
        if (expected !== END) expect(cursor.tf).toBe(tfs[slots.indexOf(expected)]);
      }
    }
    expect(list.bytes.length).toBeLessThan(4 * list.length); // smaller than a uint32 per posting
  });

  it('refuses postings out of slot order', () => {
    const list = new PostingList();
    list.push(5, 1);
    expect(() => list.push(5, 1)).toThrow(/slot order/);
  });
});

describe('MaxScore ranking', () => {
  it('returns exactly the top k of BM25F written out by hand, with or without pruning, filters and boosts', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rand = prng(seed);
      const docs = randomLibrary(rand, 400);
      const index = new LexicalIndex();
      for (const d of docs) index.upsert(d);
      // Replace and remove some, so dead slots sit in the postings.
      const live = new Map(docs.map((d) => [d.id, d]));
      for (let i = 0; i < 40; i++) {
        const id = 1 + Math.floor(rand() * docs.length);
        if (rand() < 0.5) {
          index.remove(id);
          live.delete(id);
        } else {
          const [fresh] = randomLibrary(rand, 1);
          const replaced = { ...fresh, id, chunks: fresh.chunks.map((c, k) => ({ ...c, id: id * 10 + k })) };
          index.upsert(replaced);
          live.set(id, replaced);
        }
      }
      for (let q = 0; q < 25; q++) {
        const terms = randomText(rand, 1 + Math.floor(rand() * 8)).map((term) => ({ term, weight: rand() < 0.3 ? 0.3 : 1 }));
        const limit = 1 + Math.floor(rand() * 20);
        const expected = referenceScores([...live.values()], index, terms);
        const expectedTop = [...expected.values()].sort((a, b) => b - a).slice(0, limit);
        for (const exhaustive of [false, true]) {
          const { hits, total } = index.search({ terms, limit, exhaustive });
          expect(total).toBe(expected.size);
          expect(hits.map((h) => h.score)).toHaveLength(expectedTop.length);
          hits.forEach((h, i) => {
            expect(h.score).toBeCloseTo(expectedTop[i], 6);
            expect(h.score).toBeCloseTo(expected.get(h.docId)!, 6);
          });
        }
        // A filter keeps only odd ids; a boost triples two documents.
        const odd = (slot: number) => index.docIdAt(slot) % 2 === 1;
        const boosted = [...live.keys()].slice(0, 2);
        const boosts = new Map(boosted.map((id) => [index.slotOf(id)!, 3]));
        const filtered = [...expected].filter(([id]) => id % 2 === 1).map(([id, s]) => [id, boosted.includes(id) ? 3 * s : s] as const);
        const filteredTop = filtered.map(([, s]) => s).sort((a, b) => b - a).slice(0, limit);
        const got = index.search({ terms, limit, accept: odd, boosts });
        expect(got.total).toBe(filtered.length);
        expect(got.hits.map((h) => h.score)).toHaveLength(filteredTop.length);
        got.hits.forEach((h, i) => expect(h.score).toBeCloseTo(filteredTop[i], 6));
      }
    }
  });
});
