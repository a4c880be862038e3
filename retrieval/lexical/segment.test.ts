import { describe, expect, it } from 'vitest';
import { Segment } from './segment';
import { END, PostingCursor, type PostingList } from './postings';

const doc = (id: number, title: string[], ...chunks: string[][]) => ({
  id, titleTokens: title, chunks: chunks.map((tokens, i) => ({ id: id * 100 + i, tokens })),
});

function slots(list: PostingList | undefined): number[] {
  const out: number[] = [];
  if (!list) return out;
  const cur = new PostingCursor(list);
  for (let s = cur.next(); s !== END; s = cur.next()) out.push(s);
  return out;
}

describe('Segment (columns and postings)', () => {
  it('gives a document consecutive chunk slots and leaves a replaced version dead in the postings', () => {
    const seg = new Segment(0.75);
    expect(seg.upsert(doc(7, ['社保'], ['社保', '卡'], ['办理']))).toBe(0);
    expect(seg.upsert(doc(8, ['公积金'], ['社保']))).toBe(1);
    expect(seg.upsert(doc(7, ['社保', '新'], ['新', '卡']))).toBe(2);
    expect([...seg.chunkDoc.subarray(0, seg.chunkCount)]).toEqual([0, 0, 1, 2]);
    expect([seg.docFirstChunk[2], seg.docChunkCount[2]]).toEqual([3, 1]);
    expect([...seg.docAlive.subarray(0, 3)]).toEqual([0, 1, 1]);
    expect(seg.aliveBits[0]).toBe(0b110);
    expect({ docs: seg.liveDocs, chunks: seg.liveChunks }).toEqual({ docs: 2, chunks: 2 });
    expect(seg.slotOf(7)).toBe(2);
    // Append-only: the old version's postings stay, under its dead slot.
    expect(slots(seg.titlePostings.get('社保'))).toEqual([0, 2]);
    expect(slots(seg.bodyPostings.get('社保'))).toEqual([0, 2]);
    expect(slots(seg.bodyPostings.get('卡'))).toEqual([0, 3]);
    expect(seg.chunkIds[3]).toBe(700);
    // …but the term's document frequency counts live slots only, recounted after each removal.
    expect(seg.liveLength(seg.titlePostings.get('社保')!, 'title')).toBe(1);
    expect(seg.liveLength(seg.bodyPostings.get('卡')!, 'body')).toBe(1);
    expect(seg.liveLength(seg.bodyPostings.get('社保')!, 'body')).toBe(1);
    expect(seg.remove(8)).toBe(true);
    expect(seg.liveLength(seg.bodyPostings.get('社保')!, 'body')).toBe(0);
    expect(seg.remove(8)).toBe(false);
    expect({ docs: seg.liveDocs, chunks: seg.liveChunks }).toEqual({ docs: 1, chunks: 1 });
    // A new posting is live: the count stays right without a recount.
    seg.upsert(doc(9, ['社保'], ['社保']));
    expect(seg.liveLength(seg.bodyPostings.get('社保')!, 'body')).toBe(1);
  });

  it('refuses a prior that is not a positive number, naming the document', () => {
    const seg = new Segment(0.75);
    expect(() => seg.upsert({ ...doc(3, ['a']), prior: 0 })).toThrow(/document 3: prior must be a positive number, got 0/);
    expect(() => seg.upsert({ ...doc(4, ['a']), prior: Number.NaN })).toThrow(/document 4/);
    expect(seg.liveDocs).toBe(0);
    expect(seg.upsert(doc(5, ['a']))).toBe(0);
  });

  it('keeps a common term\'s document bitset current as documents are appended past its end', () => {
    const seg = new Segment(0.75);
    for (let id = 1; id <= 40; id++) seg.upsert(doc(id, ['标题'], id % 2 ? ['通知'] : ['其他']));
    const list = seg.bodyPostings.get('通知')!;
    const bits = seg.commonBits.of(list, true, seg.docCount, seg.chunkDoc)!;
    expect(bits).not.toBeNull();
    // 200 more documents: the bitset must grow and gain every new holder, without a rebuild.
    for (let id = 41; id <= 240; id++) seg.upsert(doc(id, ['标题'], id % 2 ? ['通知'] : ['其他']));
    const grown = list.docBits!;
    const held: number[] = [];
    for (let d = 0; d < seg.docCount; d++) if (grown[d >>> 5] & (1 << (d & 31))) held.push(d);
    expect(held).toEqual(Array.from({ length: 120 }, (_, i) => 2 * i));
  });
});
