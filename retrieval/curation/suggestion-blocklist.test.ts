import { describe, expect, it } from 'vitest';
import { indexForm } from '../../library/analyzer';
import { isBlockedSuggestion } from './suggestion-blocklist';

const blocked = (q: string, words: string[] = []) => isBlockedSuggestion(indexForm(q), words);

describe('what is never suggested', () => {
  it('blocks phone numbers, long digit runs, e-mail, URLs and contact lines, in any width', () => {
    for (const q of [
      '社保补贴 13812345678', '社保补贴 138-1234-5678', '退税 0571-87654321', '客服 400-123-4567', '热线 8765-4321',
      '身份证 330102199001011234', 'a@b.cn 补贴', '补贴领取 www.bt-gov.top', 'https://x.example 领取', '补贴 bt-lingqu.xyz',
      '补贴 加微信', '加V领补贴', '加ＱＱ群领钱', '补贴 telegram', '刷单返利', '１３８１２３４５６７８ 补贴',
    ]) expect([q, blocked(q)]).toEqual([q, true]);
  });

  it('lets ordinary questions through, years and the 12345 hotline included', () => {
    for (const q of ['公积金贷款', '微信缴纳社保', '社保局联系电话', '拨打12345热线', '2023-2024学年 助学金', '居住证可以代办吗', '2024年养老金调整']) {
      expect([q, blocked(q)]).toEqual([q, false]);
    }
  });

  it('blocks a query holding an editor\'s word, spaces ignored', () => {
    expect(blocked('居住证 加急 办理', ['加急'])).toBe(true);
    expect(blocked('居住证加 急', ['加急'])).toBe(true);
    expect(blocked('居住证办理', ['加急'])).toBe(false);
  });
});
