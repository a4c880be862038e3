import { describe, expect, it } from 'vitest';
import type { UnansweredQuestion } from '../../library/consultation';
import { STARTER_SYNONYMS } from '../curation/starter-synonyms';
import { SynonymTable, synonymWords } from '../query';
import { createFaqMatcher, FAQ_TIERS, faqConfidence, FaqIndex, fitLogistic, groupQuestions } from './index';

const KB = [
  { id: 'sbk', question: '社会保障卡怎么申领', alternatives: ['社保卡在哪里办', '如何办理社保卡'], answer: '携带身份证到社保经办窗口申领社会保障卡，10个工作日制卡。' },
  { id: 'gjj', question: '住房公积金怎么提取', alternatives: ['公积金提取需要什么材料'], answer: '购买自住住房、退休等情形可以提取住房公积金，需提供身份证和相关证明。' },
  { id: 'hz', question: '护照办理需要多长时间', answer: '出入境管理部门受理后7个工作日内签发护照。' },
  { id: 'jzz', question: '居住证怎么办理', answer: '在居住地连续居住半年以上，可以到派出所申领居住证，需要提供身份证和居住证明材料。' },
];

describe('FAQ matching', () => {
  it('ranks by question phrasings first, the answer as a weaker field', async () => {
    const m = createFaqMatcher(KB);
    expect((await m.match('社保卡在哪里办', 3)).map((h) => h.id)[0]).toBe('sbk');
    expect((await m.match('公积金提取要带什么材料', 3)).map((h) => h.id)[0]).toBe('gjj');
    // question words weigh four times answer words: 办 in a phrasing outranks 身份证 in an answer
    expect((await m.match('办居住证要身份证吗', 3)).map((h) => h.id)).toEqual(['jzz', 'sbk', 'gjj']);
    // answer-only evidence still finds the entry
    expect((await m.match('几个工作日签发', 2))[0].id).toBe('hz');
  });

  it('is confident on an exact phrasing and not on an unrelated question', async () => {
    const m = createFaqMatcher(KB);
    const exact = await m.match('如何办理社保卡', 1);
    expect(exact[0].confidence).toBeGreaterThanOrEqual(FAQ_TIERS.high);
    const unrelated = await m.match('花呗怎么还款', 1);
    expect(unrelated[0]?.confidence ?? 0).toBeLessThan(FAQ_TIERS.medium);
    for (const h of await m.match('社保卡', 3)) {
      expect(h.confidence).toBeGreaterThanOrEqual(0);
      expect(h.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('matches a phrasing through the synonym table: 社保卡丢了 finds the entry that says 掉了', () => {
    const index = new FaqIndex();
    index.upsert({ id: 1, phrasings: ['社保卡补换流程', '社保卡掉了怎么办'], answer: '携带身份证到经办窗口挂失补卡。' });
    index.upsert({ id: 2, phrasings: ['社保卡怎么激活'], answer: '在银行网点激活金融功能。' });
    index.upsert({ id: 3, phrasings: ['身份证丢了怎么办'], answer: '到户籍派出所补领。' });
    const plain = index.match('社保卡丢了');
    const table = new SynonymTable(STARTER_SYNONYMS);
    const withSynonyms = index.match('社保卡丢了', { alsoWords: synonymWords(table, '社保卡丢了') });
    expect(synonymWords(table, '社保卡丢了')).toContain('掉了');
    expect(withSynonyms[0].id).toBe(1);
    expect(withSynonyms[0].confidence).toBeGreaterThan(plain.find((m) => m.id === 1)?.confidence ?? 0);
    expect(withSynonyms[0].phrasing).toBe('社保卡掉了怎么办');
  });

  it('filters entries (scope, status) and forgets removed ones', () => {
    const index = new FaqIndex();
    index.upsert({ id: 1, phrasings: ['社保卡怎么办'], answer: '到窗口办理' });
    index.upsert({ id: 2, phrasings: ['社保卡补办'], answer: '到窗口补办' });
    expect(index.match('社保卡怎么办', { accept: (id) => id !== 1 }).map((m) => m.id)).toEqual([2]);
    index.remove(1);
    expect(index.match('社保卡怎么办').map((m) => m.id)).toEqual([2]);
    expect(index.similarity('社保卡怎么补办', 2)).toBeGreaterThan(index.similarity('公积金怎么提取', 2));
  });

  it('gives the first entry the highest confidence and the others lower ones', () => {
    const index = new FaqIndex();
    for (const [i, e] of KB.entries()) index.upsert({ id: i, phrasings: [e.question, ...(e.alternatives ?? [])], answer: e.answer });
    const hits = index.match('社保卡在哪里办', { limit: 3 });
    expect(hits[0].confidence).toBeGreaterThan(hits[1]?.confidence ?? 0);
    expect(faqConfidence({ topScore: 0, margin: 1, coverage: 1 })).toBe(0);
  });

  it('fits a logistic function (the calibration routine)', () => {
    const examples = Array.from({ length: 200 }, (_, i) => ({ x: [i / 200], y: (i % 10 < i / 20 ? 1 : 0) as 0 | 1 }));
    const [b, w] = fitLogistic(examples);
    expect(w).toBeGreaterThan(0);
    expect(1 / (1 + Math.exp(-(b + w * 0.9)))).toBeGreaterThan(1 / (1 + Math.exp(-(b + w * 0.1))));
  });
});

describe("editors' queue grouping", () => {
  const q = (id: number, question: string, reason: UnansweredQuestion['reason'] = 'not_found'): UnansweredQuestion => ({
    id, question, siteCode: null, reason, answerId: null, comment: reason === 'disliked' ? '没说清楚' : null, createdAt: `2025-01-0${(id % 9) + 1}T00:00:00.000Z`,
  });

  it('groups similar questions and ranks groups by how often they were asked', () => {
    const groups = groupQuestions([
      q(1, '新生儿医保怎么办理'), q(2, '新生儿医保怎么办理'), q(3, '新生儿医保如何办理'), q(4, '新生儿医保怎么办理', 'disliked'),
      q(5, '驾照到期怎么换证'), q(6, '驾照到期如何换证'), q(7, '养狗需要办证吗'),
    ]);
    expect(groups.map((g) => [g.question, g.count])).toEqual([['新生儿医保怎么办理', 4], ['驾照到期如何换证', 2], ['养狗需要办证吗', 1]]);
    expect(groups[0]).toMatchObject({ notFound: 3, disliked: 1, questionIds: [1, 2, 3, 4], comments: ['没说清楚'], id: 1 });
    expect(groups[0].phrasings).toEqual([{ text: '新生儿医保怎么办理', count: 3 }, { text: '新生儿医保如何办理', count: 1 }]);
  });
});
