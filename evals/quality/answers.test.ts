import { describe, expect, it } from 'vitest';
import type { EvalDoc, GoldSet } from '../data/types';
import { evaluateAnswers } from './answers';
import type { Answerer } from './answers';
import { citedSentences, PassageIndex } from './citations';
import { bestSentenceAnswerer } from './extractive';

const doc = (id: string, title: string, text: string): EvalDoc => ({
  id, title, text, category: null, docNumber: null, issuer: null, published: null, site: null,
});
const docs = [
  doc('d1', '发票领用通知', '纳税信用B级的纳税人可以一次领取不超过2个月的发票用量。其他纳税人按原规定执行。'),
  doc('d2', '复工通知', '企业复工前须向街道报备。员工返岗须测量体温。'),
];
const set: GoldSet = {
  name: 'policy', source: 'test', docFiles: [],
  queries: [
    { qid: 'a', query: '纳税信用B级纳税人一次领取多少发票？', relevant: ['d1'], exclude: [], answer: '可以一次领取不超过2个月的发票用量。' },
    { qid: 'b', query: '企业复工前要做什么？', relevant: ['d2'], exclude: [], answer: '须向街道报备' },
  ],
};
const idf = (): number => 1;

describe('citedSentences', () => {
  it('maps [n] markers to citations; no markers → every sentence cites all', () => {
    expect(citedSentences('甲。乙[2]。丙[^1]', ['x', 'y'])).toEqual([
      { sentence: '甲。', cites: [] },
      { sentence: '乙。', cites: ['y'] },
      { sentence: '丙', cites: ['x'] },
    ]);
    expect(citedSentences('甲。乙。', ['x'])).toEqual([{ sentence: '甲。', cites: ['x'] }, { sentence: '乙。', cites: ['x'] }]);
  });
});

describe('PassageIndex', () => {
  it('supports a verbatim sentence and rejects an unrelated one', () => {
    const p = new PassageIndex(new Map(docs.map((d) => [d.id, d])), idf);
    expect(p.supports('员工返岗须测量体温。', 'd2')).toBe(true);
    expect(p.supports('员工返岗须测量体温。', 'd1')).toBe(false);
  });
});

describe('evaluateAnswers', () => {
  it('scores citations, spans, character F1, citation precision and declines', async () => {
    const fake: Answerer = {
      name: 'fake',
      async answer(q) {
        if (q.includes('发票')) return { text: '纳税信用B级的纳税人可以一次领取不超过2个月的发票用量。', citations: ['d1'] };
        if (q.includes('复工')) return { text: '员工返岗须测量体温。', citations: ['d1'] }; // wrong doc, unsupported
        return { text: '', citations: [], declined: true };
      },
    };
    const r = await evaluateAnswers(fake, { set, docs: new Map(docs.map((d) => [d.id, d])), idf, outOfScope: ['花呗怎么还款', '发票'] });
    expect(r.citesRight).toBe(0.5);
    expect(r.containsSpan).toBe(0.5);
    expect(r.citationPrecision).toBe(0.5);
    expect(r.citedSentences).toBe(2);
    expect(r.outOfScope).toEqual({ questions: 2, declined: 0.5 });
    expect(r.inScopeDeclined).toBe(0);
    expect(r.charF1).toBeGreaterThan(0);
  });

  it('the best-sentence baseline cites the right document and contains the span', async () => {
    const a = bestSentenceAnswerer();
    await a.index(docs);
    const r = await evaluateAnswers(a, { set, docs: new Map(docs.map((d) => [d.id, d])), idf: (t) => a.idf(t), outOfScope: [] });
    expect(r.citesRight).toBe(1);
    expect(r.containsSpan).toBe(1);
    expect(r.citationPrecision).toBe(1);
  });
});
