import { describe, expect, it } from 'vitest';
import type { EvalDoc } from '../data/types';
import { Bm25Index } from './bm25';
import { bm25Fields, bm25TitleTwice } from './bm25-systems';

const doc = (id: string, title: string, text: string): EvalDoc => ({
  id, title, text, category: null, docNumber: null, issuer: null, published: null, site: null,
});

describe('Bm25Index', () => {
  it('ranks by idf and term frequency, shorter documents first on equal counts', () => {
    const idx = new Bm25Index([1]);
    idx.add('long', [['a', 'x', 'x', 'x', 'x', 'x']]);
    idx.add('short', [['a', 'y']]);
    idx.add('twice', [['a', 'a', 'z']]);
    idx.add('none', [['q']]);
    // "a" in 3 of 4 docs: twice (tf 2) > short (len 2) > long (len 6); "none" never scores.
    expect(idx.search(['a'], 10).map((s) => s.id)).toEqual(['twice', 'short', 'long']);
    // a rare term outweighs a common one
    expect(idx.search(['a', 'q'], 1)[0].id).toBe('none');
  });

  it('counts a repeated query term once and breaks ties by insertion order', () => {
    const idx = new Bm25Index([1]);
    idx.add('first', [['a', 'b']]);
    idx.add('second', [['a', 'b']]);
    const once = idx.search(['a'], 2);
    expect(once.map((s) => s.id)).toEqual(['first', 'second']);
    expect(idx.search(['a', 'a'], 2)[0].score).toBeCloseTo(once[0].score);
  });

  it('weights fields: a title hit beats a body hit at title weight 2', () => {
    const idx = new Bm25Index([2, 1]);
    idx.add('body', [['x'], ['k', 'y']]);
    idx.add('title', [['k'], ['y', 'z']]);
    expect(idx.search(['k'], 2).map((s) => s.id)).toEqual(['title', 'body']);
  });
});

describe('baseline BM25 systems over jieba tokens', () => {
  const docs = [
    doc('d1', '关于公交站点更名的通知', '公交站点名称变更。'),
    doc('d2', '住房公积金提取办法', '职工提取住房公积金的条件和公交补贴。'),
    doc('d3', '人才购房补贴实施办法', '博士、硕士毕业生首次购房可申请购房补贴。'),
  ];
  it('bm25-title-twice and bm25-fields rank the matching document first', async () => {
    for (const factory of [bm25TitleTwice, bm25Fields]) {
      const s = await factory.create();
      await s.index(docs);
      expect(await s.search('购房补贴', 3)).toEqual(['d3', 'd2']); // d2 shares only 补贴
      expect((await s.search('公交站点', 3))[0]).toBe('d1');
      expect(await s.search('公积金 提取', 1)).toEqual(['d2']);
    }
  });
});
