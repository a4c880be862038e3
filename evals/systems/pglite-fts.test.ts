import { describe, expect, it } from 'vitest';
import type { EvalDoc } from '../data/types';
import { PgFtsSystem, toTsquery, toTsvector } from './pglite-fts';

const doc = (id: string, title: string, text: string): EvalDoc => ({
  id, title, text, category: null, docNumber: null, issuer: null, published: null, site: null,
});

describe('tsvector/tsquery literals', () => {
  it('quote tokens, keep positions, deduplicate query terms', () => {
    expect(toTsvector(['a市', "it's", 'a市'])).toBe("'a市':1 'it''s':2 'a市':3");
    expect(toTsquery(['中华', '人民', '中华'], '|')).toBe("'中华' | '人民'");
  });
});

describe('PgFtsSystem (PGlite)', () => {
  it('AND-OR puts the all-terms match first and fills up with OR matches', async () => {
    const docs = [
      doc('p1', '公交线路调整', '公交 线路 调整 的 公告'),
      doc('p2', '住房补贴', '住房 补贴 发放'),
      doc('p3', '公交补贴', '公交 补贴 标准'),
    ];
    // One instance only: each PGlite start costs seconds. The OR fill exercises the OR query.
    const andOr = new PgFtsSystem('and-or', 'and-or');
    try {
      await andOr.index(docs);
      const hits = await andOr.search('公交补贴', 3);
      expect(hits[0]).toBe('p3');
      expect(new Set(hits)).toEqual(new Set(['p1', 'p2', 'p3']));
      expect(await andOr.search('住房', 3)).toEqual(['p2']);
      expect(await andOr.search('。', 3)).toEqual([]);
    } finally {
      await andOr.close();
    }
  });
});
