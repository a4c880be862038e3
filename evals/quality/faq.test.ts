import { describe, expect, it } from 'vitest';
import type { QaPair } from '../data/types';
import { bm25FieldsMatcher, evaluateFaq, faqCases } from './faq';
import type { FaqMatcher } from './faq';

const pairs: QaPair[] = [
  { id: 'q1', question: '公交站点更名\n建议把公交站点白竹坡改名', questionTitle: '公交站点更名', answer: '公交公司已研究站点名称' },
  { id: 'q2', question: '购房补贴申请\n研究生落户后买房能否申请补贴', questionTitle: '购房补贴申请', answer: '新落户毕业生首次购房可申请补贴' },
  { id: 'q3', question: '没有标题行的问题', questionTitle: null, answer: '答' },
];

describe('faqCases', () => {
  it('uses titles + answers as entries and the body (question minus title line) as the query', () => {
    const { entries, queries } = faqCases(pairs);
    expect(entries.map((e) => e.id)).toEqual(['q1', 'q2']);
    expect(queries).toEqual([
      { id: 'q1', query: '建议把公交站点白竹坡改名' },
      { id: 'q2', query: '研究生落户后买房能否申请补贴' },
    ]);
  });
});

describe('evaluateFaq', () => {
  it('reports top-1/top-3 for the BM25 baseline', async () => {
    const r = await evaluateFaq(bm25FieldsMatcher(), 'qa/x.jsonl', pairs);
    expect(r).toMatchObject({ matcher: 'bm25-fields', queries: 2, top1: 1, top3: 1, thresholds: null });
  });

  it('reports precision/recall at confidence thresholds when the matcher is calibrated', async () => {
    // q1 → right with confidence .95; q2 → wrong (q1) with confidence .35.
    const fake: FaqMatcher = {
      name: 'fake',
      build: () => undefined,
      match: async (q) => (q.includes('站') ? [{ id: 'q1', score: 9, confidence: 0.95 }] : [{ id: 'q1', score: 1, confidence: 0.35 }, { id: 'q2', score: 0.5, confidence: 0.2 }]),
    };
    const r = await evaluateFaq(fake, 'qa/x.jsonl', pairs);
    expect(r.top1).toBe(0.5);
    expect(r.top3).toBe(1);
    const at = (t: number) => r.thresholds?.find((p) => p.threshold === t);
    // at .3 both answered: precision 1/2, recall 1/2; at .5 only q1: precision 1, recall 1/2.
    expect(at(0.3)).toEqual({ threshold: 0.3, answered: 1, precision: 0.5, recall: 0.5 });
    expect(at(0.5)).toEqual({ threshold: 0.5, answered: 0.5, precision: 1, recall: 0.5 });
  });
});
