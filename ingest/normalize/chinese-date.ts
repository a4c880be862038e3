/**
 * Dates as Chinese government texts write them: 二〇一七年六月二十八日 (with 〇, ○, 零 or the
 * letter O as zero), 2017年6月28日, 2017-06-28, 2017.6.28, 2017/06/28, full-width digits too.
 *
 * Precision choice: `parseChineseDate` returns an ISO day ('YYYY-MM-DD') or null, so a caller that
 * stores `writtenAt` never gets a half date by accident. A month-only or year-only date
 * ('二〇二〇年二月' → '2020-02', '2017年' → '2017') comes from `parseChineseDatePartial`, which
 * says its precision explicitly.
 */
import { parseChineseNumber } from '../../library/rules';
import { foldWidth } from './normalize-text';

export type DatePrecision = 'day' | 'month' | 'year';

export interface PartialDate {
  /** 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' according to `precision`. */
  iso: string;
  precision: DatePrecision;
}

export interface DateMatch extends PartialDate {
  /** The date as written in the text. */
  raw: string;
  /** Offsets of `raw` in the searched text (UTF-16 units, end exclusive). */
  start: number;
  end: number;
}

const ZERO = '〇○零Oo';

const YEAR = `(\\d{4}|[${ZERO}一二三四五六七八九]{4})`;
// Longest alternatives first: 二十八 must not stop at 二.
const CN_DAY = '三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]';
const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九]|元)';
const DAY = `(\\d{1,2}|${CN_DAY})`;
const S = '\\s*';

/** 2017年6月28日, 二〇一七年六月二十八日, 2017年6月 (day optional). */
const CN_FORM = `(?<!\\d)${YEAR}${S}年${S}${MONTH}${S}月(?:${S}${DAY}${S}[日号])?`;
/** 2017-06-28, 2017.6.28, 2017/06/28 (one separator throughout). */
const NUM_FORM = '(?<![\\d.\\-/])(\\d{4})([-./])(\\d{1,2})\\5(\\d{1,2})(?![\\d.\\-/])';

const FIND = new RegExp(`${CN_FORM}|${NUM_FORM}`, 'gu');
const YEAR_ONLY = new RegExp(`^${YEAR}${S}年?$`, 'u');
const NUM_MONTH = /^(\d{4})([-./])(\d{1,2})$/u;

/** Chinese numeral (一 … 三十一, 十二, or digit-by-digit 二〇一七), 元 (元月) or Arabic digits to a number. */
function toNumber(s: string): number {
  return s === '元' ? 1 : parseChineseNumber(s);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Builds the ISO form, or null when the parts are not a real calendar date (2017-02-30). */
function toIso(y: string, m?: string, d?: string): PartialDate | null {
  const year = toNumber(y);
  if (!(year >= 1900 && year <= 2099)) return null;
  if (m === undefined) return { iso: pad(year, 4), precision: 'year' };
  const month = toNumber(m);
  if (!(month >= 1 && month <= 12)) return null;
  if (d === undefined) return { iso: `${pad(year, 4)}-${pad(month)}`, precision: 'month' };
  const day = toNumber(d);
  if (!(day >= 1 && day <= daysInMonth(year, month))) return null;
  return { iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, precision: 'day' };
}

function fromMatch(m: RegExpExecArray): PartialDate | null {
  return m[1] !== undefined ? toIso(m[1], m[2], m[3]) : toIso(m[4], m[6], m[7]);
}

/**
 * All dates written in `text` with month or day precision, in order. Year-only mentions
 * ("2017年以来") are not returned: in prose they are rarely a document date.
 * Offsets refer to `text` as given (width folding keeps lengths).
 */
export function findChineseDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  for (const m of foldWidth(text).matchAll(FIND)) {
    const date = fromMatch(m);
    if (date === null) continue;
    const start = m.index;
    out.push({ ...date, raw: text.slice(start, start + m[0].length), start, end: start + m[0].length });
  }
  return out;
}

/** Parses a whole string holding one date of any precision; null if it is not exactly a date. */
export function parseChineseDatePartial(s: string): PartialDate | null {
  const text = foldWidth(s).trim();
  const found = findChineseDates(text);
  if (found.length === 1 && found[0].start === 0 && found[0].end === text.length) {
    const { iso, precision } = found[0];
    return { iso, precision };
  }
  const month = NUM_MONTH.exec(text);
  if (month) return toIso(month[1], month[3]);
  const year = YEAR_ONLY.exec(text);
  return year ? toIso(year[1]) : null;
}

/**
 * Parses one date string to 'YYYY-MM-DD'. Returns null when the string is not a date, is not a
 * real calendar day, or has only month/year precision (use parseChineseDatePartial for those).
 */
export function parseChineseDate(s: string): string | null {
  const date = parseChineseDatePartial(s);
  return date?.precision === 'day' ? date.iso : null;
}
