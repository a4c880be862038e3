import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from './chinese-numerals';

describe('parseChineseNumber', () => {
  it.each([
    ['三十一', 31],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['七百零七', 707],
    ['三百零六', 306],
    ['一千二百', 1200],
    ['两千零二十', 2020],
    ['一万零五', 10005],
    ['二〇一七', 2017],
    ['三〇六', 306],
    ['二○二○', 2020],
    ['306', 306],
    ['047', 47],
  ])('%s → %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it('is NaN for what is not a numeral', () => {
    expect(parseChineseNumber('')).toBeNaN();
    expect(parseChineseNumber('三号')).toBeNaN();
  });
});
