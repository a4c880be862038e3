import { describe, expect, it } from 'vitest';
import { evaluateTopics, taxonomyKeywordClassifier } from './topics';

describe('taxonomy keyword classifier', () => {
  it('picks the class whose taxonomy names occur most and is scored by accuracy/macro-F1', async () => {
    const c = taxonomyKeywordClassifier([
      { level1: '交通运输', level2: '公路', level3: '公交' },
      { level1: '教育文体', level2: '学校', level3: '招生' },
    ]);
    expect(await c.classify({ title: '公交线路', text: '公路上的公交站' })).toBe('交通运输');
    const r = await evaluateTopics(c, 'c.jsonl', [
      { id: '1', title: '学校招生', text: '', topic: '教育文体' },
      { id: '2', title: '公交', text: '', topic: '交通运输' },
      { id: '3', title: '医院', text: '', topic: '卫生计生' },
    ]);
    // 3 → first class (交通运输) on a 0–0 tie: accuracy 2/3; F1 交通运输 2/3, 教育文体 1, 卫生计生 0.
    expect(r.accuracy).toBeCloseTo(2 / 3);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3);
  });
});
