import { describe, expect, it } from 'vitest';
import { LexicalIndex } from './index';

const doc = (id: number, title: string[], ...chunks: string[][]) => ({
  id,
  titleTokens: title,
  chunks: chunks.map((tokens, i) => ({ id: id * 100 + i, tokens })),
});
const q = (...terms: string[]) => ({ terms: terms.map((term) => ({ term, weight: 1 })), limit: 10 });

describe('LexicalIndex', () => {
  it('ranks a title match above a body-only match', () => {
    const index = new LexicalIndex();
    index.upsert(doc(1, ['通知'], ['社保', '卡', '办理']));
    index.upsert(doc(2, ['社保', '卡', '指南'], ['办理', '流程']));
    index.upsert(doc(3, ['公告'], ['其他', '内容']));
    const { hits, total } = index.search(q('社保', '卡'));
    expect(hits.map((h) => h.docId)).toEqual([2, 1]);
    expect(total).toBe(2);
  });

  it('scores a document by its best chunk and reports that chunk', () => {
    const index = new LexicalIndex();
    index.upsert(doc(1, ['条例'], ['无关', '内容'], ['养老', '保险', '缴费', '养老']));
    index.upsert(doc(2, ['办法'], ['养老', '其他', '其他', '其他', '其他', '其他']));
    const { hits } = index.search(q('养老'));
    expect(hits.map((h) => h.docId)).toEqual([1, 2]);
    expect(hits[0].bestChunkId).toBe(101);
  });

  it('rarer terms weigh more than common ones', () => {
    const index = new LexicalIndex();
    for (let i = 1; i <= 8; i++) index.upsert(doc(i, ['文件'], ['市', '政府', `x${i}`]));
    index.upsert(doc(20, ['文件'], ['市', '公积金']));
    index.upsert(doc(21, ['文件'], ['市', '市', '政府']));
    expect(index.search(q('市', '公积金')).hits[0].docId).toBe(20);
  });

  it('replaces a document in place and forgets removed ones', () => {
    const index = new LexicalIndex();
    index.upsert(doc(1, ['旧', '标题'], ['旧', '正文']));
    index.upsert(doc(1, ['新', '标题'], ['新', '正文']));
    expect(index.search(q('旧')).hits).toEqual([]);
    expect(index.search(q('新')).hits.map((h) => h.docId)).toEqual([1]);
    expect(index.remove(1)).toBe(true);
    expect(index.search(q('新')).hits).toEqual([]);
    expect(index.size).toMatchObject({ documents: 0, chunks: 0 });
  });

  it('scores the same whatever versions it saw: replaced and removed documents weigh no terms', () => {
    const docs = [doc(1, ['住房', '公积金'], ['提取', '条件']), doc(2, ['公积金', '缴存'], ['比例']), doc(3, ['社保'], ['公积金', '转移'])];
    const fresh = new LexicalIndex();
    for (const d of docs) fresh.upsert(d);
    const history = new LexicalIndex();
    history.upsert(doc(1, ['公积金', '草稿'], ['公积金']));
    history.upsert(doc(9, ['公积金'], ['公积金', '公积金']));
    for (const d of docs) history.upsert(d);
    history.remove(9);
    for (const query of [q('公积金', '提取'), q('公积金')]) {
      const scores = (index: LexicalIndex) => index.search(query).hits.map((h) => [h.docId, h.score]);
      expect(scores(history)).toEqual(scores(fresh));
    }
    expect(history.documentFrequency('公积金')).toEqual(fresh.documentFrequency('公积金'));
  });

  it('applies the acceptance filter before ranking and counts only accepted matches', () => {
    const index = new LexicalIndex();
    const a = index.upsert(doc(1, ['社保'], []));
    index.upsert(doc(2, ['社保', '社保'], []));
    const { hits, total } = index.search({ ...q('社保'), accept: (slot) => slot === a });
    expect(hits.map((h) => h.docId)).toEqual([1]);
    expect(total).toBe(1);
  });

  it('demotes a document by its prior', () => {
    const index = new LexicalIndex();
    index.upsert({ ...doc(1, ['社保', '办法'], []), prior: 0.3 });
    index.upsert(doc(2, ['社保', '办法'], []));
    expect(index.search(q('社保')).hits.map((h) => h.docId)).toEqual([2, 1]);
  });

  it('keeps common terms\' match bitsets within their memory budget and counts the same after dropping one', () => {
    // 2,000 documents, 40 terms each in every document: every term is common (has a bitset).
    const terms = Array.from({ length: 40 }, (_, i) => `t${i}`);
    const build = (budget?: number) => {
      const index = new LexicalIndex({ commonBitsBudget: budget });
      for (let id = 1; id <= 2000; id++) index.upsert(doc(id, ['标题'], id % 3 === 0 ? terms : terms.slice(0, 20)));
      return index;
    };
    const bitsetBytes = (Math.ceil(2000 / 32) + 1) * 4; // one word spare, as the index allocates
    const small = build(5 * bitsetBytes);
    const roomy = build();
    for (const term of terms) {
      expect(small.search(q(term)).total).toBe(roomy.search(q(term)).total);
      expect(small.bitsetBytes).toBeLessThanOrEqual(5 * bitsetBytes);
    }
    expect(roomy.bitsetBytes).toBe(40 * bitsetBytes);
    // t0's bitset was dropped long ago: rebuilt, same count; the budget still holds.
    expect(small.search(q('t0', 't39')).total).toBe(2000);
    expect(small.search(q('t39')).total).toBe(666);
    expect(small.bitsetBytes).toBeLessThanOrEqual(5 * bitsetBytes);
  });

  it('ranks equal scores by document id, whatever order the documents were appended in', () => {
    // Twelve copies of one text (all tie) and some others; two replicas append them in opposite orders.
    const docs = [
      ...Array.from({ length: 12 }, (_, i) => doc(100 + i * 3, ['疫情', '防控', '通知'], ['复工', '复产', '指引'])),
      doc(7, ['复工', '通知'], ['复工', '复工', '指引']),
      doc(3, ['其他'], ['复产']),
    ];
    const forward = new LexicalIndex();
    const backward = new LexicalIndex();
    for (const d of docs) forward.upsert(d);
    for (const d of [...docs].reverse()) backward.upsert(d);
    for (const limit of [1, 3, 5, 13, 20]) {
      const query = { ...q('疫情', '复工', '指引'), limit };
      const a = forward.search(query).hits.map((h) => h.docId);
      expect(backward.search(query).hits.map((h) => h.docId)).toEqual(a);
      expect(forward.search({ ...query, exhaustive: true }).hits.map((h) => h.docId)).toEqual(a);
      const copies = a.filter((id) => id !== 7 && id !== 3);
      expect(copies).toEqual([...copies].sort((x, y) => x - y));
    }
    // Collapsed into one repost group, both pick the same member and the same order.
    const collapseFor = (index: LexicalIndex) => {
      const group = new Int32Array(docs.length);
      for (let id = 100; id <= 140; id++) {
        const slot = index.slotOf(id);
        if (slot !== undefined && id % 6 === 4) group[slot] = 5; // half the copies: 100, 106, …
      }
      return { group, preferred: new Uint8Array(docs.length), preferredSlot: () => -1 };
    };
    const query = { ...q('疫情', '复工'), limit: 4 };
    const a = forward.search({ ...query, collapse: collapseFor(forward) }).hits.map((h) => h.docId);
    expect(backward.search({ ...query, collapse: collapseFor(backward) }).hits.map((h) => h.docId)).toEqual(a);
    expect(a).toHaveLength(4);
  });
});
