import { describe, expect, it } from 'vitest';
import {
  findChineseDates,
  foldWidth,
  normalizeText,
  parseChineseDate,
  parseChineseDatePartial,
} from './index';

describe('foldWidth', () => {
  it('folds full-width letters, digits and symbols but keeps Chinese prose punctuation', () => {
    expect(foldWidth('ＡＢＣ１２３％＠／．')).toBe('ABC123%@/.');
    expect(foldWidth('第１条，办法（试行）：是否？好！；')).toBe('第1条，办法（试行）：是否？好！；');
    expect(foldWidth('《通知》〔２０１７〕、。【】')).toBe('《通知》〔2017〕、。【】');
    expect(foldWidth('a\u3000b')).toBe('a b');
  });
});

describe('normalizeText', () => {
  it('collapses nbsp/ideographic/em spaces, trims lines and drops blank lines', () => {
    const raw = '\u3000\u3000关于印发  办法的通知\u00a0\u00a0\r\n\r\n\r\n\u2003\u2003各区人民政府：\u3000 \n';
    expect(normalizeText(raw)).toBe('关于印发 办法的通知\n各区人民政府：');
  });

  it('keeps one blank line per paragraph gap when asked', () => {
    expect(normalizeText('甲\n\n\n乙\r\n', { keepBlankLines: true })).toBe('甲\n\n乙');
  });

  it('drops zero-width and control characters and unifies line terminators', () => {
    expect(normalizeText('国\u200b办\ufeff发\u0007〔2017〕\u2028第二行\u0085第三行')).toBe(
      '国办发〔2017〕\n第二行\n第三行',
    );
  });

  it('is idempotent', () => {
    const raw = ' Ａ１\u3000\u3000第一条\u00a0 本办法，自２０２０年起施行。\r\n\u200b\n';
    expect(normalizeText(normalizeText(raw))).toBe(normalizeText(raw));
  });
});

describe('parseChineseDate', () => {
  it.each([
    ['二〇一七年六月二十八日', '2017-06-28'],
    ['二○一七年六月二十八日', '2017-06-28'],
    ['二零一七年六月二十八日', '2017-06-28'],
    ['二O一七年十二月三十一日', '2017-12-31'],
    ['二〇二〇年二月十日', '2020-02-10'],
    ['2017年6月28日', '2017-06-28'],
    ['2017 年 6 月 28 日', '2017-06-28'],
    ['２０１７年６月２８日', '2017-06-28'],
    ['2017-06-28', '2017-06-28'],
    ['2017.6.28', '2017-06-28'],
    ['2017/06/28', '2017-06-28'],
    ['2020年2月29日', '2020-02-29'],
  ])('%s → %s', (input, iso) => {
    expect(parseChineseDate(input)).toBe(iso);
  });

  it.each([
    ['2019年2月29日'],
    ['2017-13-01'],
    ['2017.06/28'],
    ['二〇二〇年二月'],
    ['2017年'],
    ['文号2017-06-28'],
    [''],
  ])('rejects %s (not exactly one real calendar day)', (input) => {
    expect(parseChineseDate(input)).toBeNull();
  });
});

describe('parseChineseDatePartial', () => {
  it('returns month and year precision explicitly', () => {
    expect(parseChineseDatePartial('二〇二〇年二月')).toEqual({ iso: '2020-02', precision: 'month' });
    expect(parseChineseDatePartial('二○一七年')).toEqual({ iso: '2017', precision: 'year' });
    expect(parseChineseDatePartial('2020-02')).toEqual({ iso: '2020-02', precision: 'month' });
    expect(parseChineseDatePartial('2017年6月28日')).toEqual({ iso: '2017-06-28', precision: 'day' });
  });
});

describe('findChineseDates', () => {
  it('finds every date with its offsets, ignoring year-only mentions and 文号 years', () => {
    const text =
      '2017年以来，根据国办发〔2017〕47号，自2020年3月1日起施行。\n北京市人民政府\n二〇二〇年二月五日';
    const found = findChineseDates(text);
    expect(found.map((d) => d.iso)).toEqual(['2020-03-01', '2020-02-05']);
    expect(text.slice(found[1].start, found[1].end)).toBe('二〇二〇年二月五日');
  });
});
