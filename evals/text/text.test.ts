import { describe, expect, it } from 'vitest';
import { normalizeSpan, splitSentences, tokenize, tokenString } from './index';

describe('baseline analyzer', () => {
  it('cuts in search mode, lower-cases and drops punctuation', () => {
    const tokens = tokenize('中华人民共和国，COVID-19！');
    expect(tokens).toEqual(expect.arrayContaining(['中华', '人民', '共和国', '中华人民共和国', 'covid', '19']));
    expect(tokens.some((t) => /[，！-]/u.test(t))).toBe(false);
    expect(tokenString('中华人民共和国，COVID-19！')).toBe(tokens.join(' '));
    expect(tokenize('。，')).toEqual([]);
  });
});

describe('splitSentences', () => {
  it('ends sentences at 。！？ and line breaks, keeping terminators', () => {
    expect(splitSentences('第一句。第二句！\n第三句；仍是第三句？')).toEqual(['第一句。', '第二句！', '第三句；仍是第三句？']);
    expect(normalizeSpan(' a \n b ')).toBe('ab');
  });
});
