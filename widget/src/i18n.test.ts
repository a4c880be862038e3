import { describe, expect, it } from 'vitest';
import { MESSAGES, resolveLang } from './i18n';

describe('resolveLang', () => {
  it('reads zh-TW, zh-HK, zh-MO and zh-Hant as Traditional, en* as English, the rest as Simplified', () => {
    const cases: Array<[string | null, string]> = [
      ['zh-TW', 'zh-Hant'], ['zh-hk', 'zh-Hant'], ['zh-MO', 'zh-Hant'], ['zh-Hant', 'zh-Hant'], ['zh-Hant-CN', 'zh-Hant'],
      ['en', 'en'], ['en-GB', 'en'], ['EN-us', 'en'],
      ['zh-CN', 'zh-Hans'], ['zh', 'zh-Hans'], ['zh-Hans-HK', 'zh-Hans'], ['', 'zh-Hans'], [null, 'zh-Hans'], ['fr', 'zh-Hans'], ['eng', 'zh-Hans'],
    ];
    expect(cases.map(([tag]) => [tag, resolveLang(tag)])).toEqual(cases);
  });

  it('has every message in each catalogue, and English without Chinese words', () => {
    const keys = Object.keys(MESSAGES['zh-Hans']).sort();
    for (const m of Object.values(MESSAGES)) expect(Object.keys(m).sort()).toEqual(keys);
    expect(MESSAGES['zh-Hant'].tabSearch).toBe('搜尋');
    expect(MESSAGES.en.statusFound(1, 1, 1)).toBe('1 result, showing 1–1.');
    expect(MESSAGES.en.statusFound(12, 1, 10)).toBe('12 results, showing 1–10.');
    // English is English: no Chinese characters in its own words.
    for (const [key, value] of Object.entries(MESSAGES.en)) {
      const text = typeof value === 'function' ? String((value as (...a: unknown[]) => string)('x', 2, 3)) : value;
      expect(text, key).not.toMatch(/[\u4e00-\u9fff]/u);
    }
  });
});
