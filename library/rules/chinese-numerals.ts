/**
 * Chinese numerals as government texts write them: positional (三十一, 三百零六, 一千二百),
 * digit by digit (二〇一七, 三〇六, 二OO八 with the letter O as dates sometimes have it) or Arabic (306, 047). One table for 文号 serials, dates and terms.
 */
const DIGIT: Readonly<Record<string, number>> = {
  〇: 0, '○': 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** The characters a Chinese numeral is made of, for regular expressions: `[${CHINESE_NUMERAL_CHARS}]`. */
export const CHINESE_NUMERAL_CHARS = '〇○零一二两三四五六七八九十百千万';

/** '三十一' → 31, '三百零六' → 306, '十' → 10, '二〇一七' → 2017, '047' → 47; NaN when `text` is not a numeral. */
export function parseChineseNumber(text: string): number {
  if (/^\d+$/u.test(text)) return Number(text);
  if (text === '') return Number.NaN;
  const positional = [...text].some((ch) => ch in UNIT);
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGIT) {
      digit = positional ? DIGIT[ch] : digit * 10 + DIGIT[ch];
    } else if (ch === '万') {
      total += (section + digit || 1) * 10000;
      section = 0;
      digit = 0;
    } else if (ch in UNIT) {
      section += (digit === 0 ? 1 : digit) * UNIT[ch];
      digit = 0;
    } else return Number.NaN;
  }
  return total + section + digit;
}
