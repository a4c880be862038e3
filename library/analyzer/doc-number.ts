/**
 * 文号 (document numbers) match exactly in any bracket or spacing variant:
 * 国办发〔2017〕47号 = 国办发[2017]47号 = 国办发(2017)47号 = 国办发（2017）47 号.
 * Orders (令) match with or without the state prefix and in Chinese or Arabic numerals:
 * 中华人民共和国国务院令第306号 = 国务院令第三百零六号.
 */
const OPEN = '〔\\[(（【﹝［';
const CLOSE = '〕\\])）】﹞］';
const NUM = '(?:\\d{1,5}|[零〇一二两三四五六七八九十百千]{1,8})';
const BRACKETED = new RegExp(
  `([\\u4e00-\\u9fa5A-Za-z]{1,20}?)\\s*[${OPEN}]\\s*((?:19|20)\\d{2})\\s*[${CLOSE}]\\s*(?:第\\s*)?(${NUM})\\s*号`,
  'gu',
);
/** 国务院令第306号, 国家统计局令第1号, 国家税务总局公告2020年第4号. */
const ORDER = new RegExp(
  `([\\u4e00-\\u9fa5]{1,30}?(?:令|公告))\\s*(?:((?:19|20)\\d{2})\\s*年\\s*)?第\\s*(${NUM})\\s*号`,
  'gu',
);

export interface DocNumberMatch {
  /** As written in the text. */
  raw: string;
  /** Canonical key: prefix〔year〕n号 (or prefix第n号) with no spaces, leading zeros or state prefix. */
  key: string;
  index: number;
}

/** Words that run into a prefix in prose (根据国发…, 和财税…) but are never part of one. */
const LEADING_PROSE = /^(?:根据|依据|按照|参照|依照|对照|转发|印发|以及|和|及|与|见|据|即|按|由|经|的)+/u;
/** The state's name before an issuer adds nothing (sources even duplicate it: 中中华人民共和国…). */
const STATE_PREFIX = /^(?:中?中华人民共和国)+/u;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 306, '三百零六', '三〇六' → 306. */
export function parseSerial(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/[十百千]/.test(text)) return Number([...text].map((c) => DIGITS[c] ?? 0).join(''));
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in UNITS) {
      total += (digit || 1) * UNITS[ch];
      digit = 0;
    } else digit = DIGITS[ch] ?? 0;
  }
  return total + digit;
}

export function findDocNumbers(text: string): DocNumberMatch[] {
  const found: DocNumberMatch[] = [];
  const push = (m: RegExpMatchArray, key: (prefix: string) => string, rawPrefix: string) => {
    const prefix = rawPrefix.replace(LEADING_PROSE, '') || rawPrefix;
    const skipped = rawPrefix.length - prefix.length;
    found.push({ raw: m[0].slice(skipped), key: key(prefix.replace(STATE_PREFIX, '') || prefix), index: (m.index ?? 0) + skipped });
  };
  for (const m of text.matchAll(BRACKETED)) push(m, (p) => `${p}〔${m[2]}〕${parseSerial(m[3])}号`, m[1]);
  for (const m of text.matchAll(ORDER)) push(m, (p) => `${p}${m[2] ? `${m[2]}年` : ''}第${parseSerial(m[3])}号`, m[1]);
  return found.sort((a, b) => a.index - b.index);
}

/** The canonical key of one 文号, or null when the text is not one. */
export function docNumberKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = findDocNumbers(text.trim())[0];
  return match ? match.key : null;
}
