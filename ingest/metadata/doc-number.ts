/**
 * 文号 (document numbers) in the three shapes Chinese government documents use:
 *
 * - bracket:      国办发〔2017〕47号 (also [ ] ( ) （ ） 【 】 ［ ］ and spaces: 国办发 〔2017〕 47 号)
 *                 key '国办发2017-47'
 * - announcement: 国家税务总局公告2020年第4号, 财政部 税务总局公告2019年第39号, XX常务委员会公告第1号
 *                 key '国家税务总局公告2020-4' / 'XX常务委员会公告-1'
 * - order:        中华人民共和国主席令第三十一号, 国务院令第306号, 国家统计局令第1号
 *                 key '主席令-31' (a leading 中华人民共和国 is dropped; Chinese numerals become digits)
 *
 * The key is what exact 文号 matching compares; the raw form is kept for display.
 */
import { foldWidth } from '../normalize';

export type DocNumberKind = 'bracket' | 'announcement' | 'order';

export interface DocNumberMatch {
  /** The number as written (after width folding), e.g. '国办发 〔2017〕 47 号'. */
  raw: string;
  /** Canonical key for exact matching, e.g. '国办发2017-47'. */
  key: string;
  kind: DocNumberKind;
  /** 发文机关代字 (bracket), issuer (announcement, order), without spaces. */
  prefix: string;
  year: number | null;
  serial: number;
  /** Offsets in the searched text (end exclusive). */
  start: number;
  end: number;
}

const OPEN = '[〔\\[(（【［]';
const CLOSE = '[〕\\])）】］]';
const YEAR = '((?:19|20)\\d{2})';
const CN_NUM = '[0-9一二三四五六七八九十百千〇零两]{1,8}';

const PATTERNS: Array<{ kind: DocNumberKind; re: RegExp }> = [
  {
    kind: 'bracket',
    re: new RegExp(
      `([\\u4e00-\\u9fa5]{1,14})\\s*${OPEN}\\s*${YEAR}\\s*${CLOSE}\\s*第?\\s*(\\d{1,5})\\s*号`,
      'gu',
    ),
  },
  {
    kind: 'announcement',
    re: new RegExp(
      `([\\u4e00-\\u9fa5][\\u4e00-\\u9fa5 、]{0,30})公告\\s*(?:${OPEN}?\\s*${YEAR}\\s*年?\\s*${CLOSE}?)?\\s*第\\s*(${CN_NUM})\\s*号`,
      'gu',
    ),
  },
  {
    kind: 'order',
    re: new RegExp(
      `([\\u4e00-\\u9fa5][\\u4e00-\\u9fa5、]{0,40})令\\s*(?:[（(]\\s*)?()第\\s*(${CN_NUM})\\s*号(?:(?<=[（(]\\s*第\\s*${CN_NUM}\\s*号)\\s*[）)])?`,
      'gu',
    ),
  },
];

/**
 * Words that end the text before a 文号 but never belong to its prefix: the prefix starts after
 * the last of them ('根据国办发〔2017〕47号' → '国办发'; '…的通知京政发〔2020〕2号' → '京政发').
 * 和/与 also end a bracket prefix (代字 are abbreviations) but not an issuer's full name in an
 * announcement or order (住房和城乡建设部令第1号). 中华人民共和国 is never cut.
 */
const STRONG =
  '根据|按照|依据|依照|参照|贯彻|落实|执行|印发|转发|关于|文件|通知|意见|办法|规定|决定|精神|要求|批复|公告|通告|方案|的|以|由|在|将|为|是|了|等|并|即|见|或|及';
const BOUNDARY: Record<DocNumberKind, RegExp> = {
  bracket: new RegExp(`(?:${STRONG}|和|与)`, 'gu'),
  announcement: new RegExp(`(?:${STRONG})`, 'gu'),
  order: new RegExp(`(?:${STRONG})`, 'gu'),
};
const PRC = '中华人民共和国';

const CN_DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** '三十一' → 31, '七百零七' → 707, '十' → 10, '306' → 306. */
export function chineseNumberToInt(s: string): number {
  if (/^\d+$/u.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGIT) digit = CN_DIGIT[ch];
    else if (ch in CN_UNIT) {
      total += (digit === 0 ? 1 : digit) * CN_UNIT[ch];
      digit = 0;
    } else return Number.NaN;
  }
  return total + digit;
}

function trimPrefix(prefix: string, kind: DocNumberKind): string {
  const scan = prefix.replaceAll(PRC, '＃'.repeat(PRC.length));
  let cut = 0;
  for (const m of scan.matchAll(BOUNDARY[kind])) cut = m.index + m[0].length;
  return prefix.slice(cut).replace(/^[ 、]+/u, '');
}

function keyOf(kind: DocNumberKind, prefix: string, year: number | null, serial: number): string {
  if (kind === 'bracket') return `${prefix}${year}-${serial}`;
  if (kind === 'announcement') return `${prefix}公告${year ?? ''}-${serial}`;
  const issuers = prefix
    .split('、')
    .map((p) => (p.includes(PRC) ? p.slice(p.lastIndexOf(PRC) + PRC.length) : p));
  return `${issuers.join('、')}令-${serial}`;
}

/**
 * Every 文号 in `text`, in order of position. Overlapping candidates (a bracket pattern inside
 * an announcement) keep the longer one. Offsets refer to `text` as given.
 */
export function findDocNumbers(text: string): DocNumberMatch[] {
  const folded = foldWidth(text);
  const found: DocNumberMatch[] = [];
  for (const { kind, re } of PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const written = trimPrefix(m[1], kind);
      const prefix = kind === 'order' ? written.replace(/ /gu, '') : written.replace(/[ 、]/gu, '');
      const serial = chineseNumberToInt(m[3]);
      if (prefix === '' || !(serial > 0)) continue;
      const start = m.index + m[1].length - written.length;
      const end = m.index + m[0].length;
      const year = m[2] ? Number(m[2]) : null;
      found.push({
        raw: folded.slice(start, end),
        key: keyOf(kind, prefix, year, serial),
        kind,
        prefix,
        year,
        serial,
        start,
        end,
      });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: DocNumberMatch[] = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}

/**
 * Canonical key of the (first) 文号 in `s`, e.g. docNumberKey('国办发（2017）47号') === '国办发2017-47';
 * null when `s` holds no 文号. Use it on both sides of an exact 文号 comparison.
 */
export function docNumberKey(s: string): string | null {
  return findDocNumbers(s)[0]?.key ?? null;
}

/**
 * True when the 文号 at `m` is cited rather than being the document's own number: wrapped in
 * brackets or quotes inside a longer line, right after a 《title》, or after 根据/按照/转发…
 * A line that is only "（国办发〔2017〕47号）" counts as the document's own number.
 */
export function isCitation(text: string, m: Pick<DocNumberMatch, 'start' | 'end'>): boolean {
  const before = text.slice(Math.max(0, m.start - 12), m.start);
  const prev = before.trimEnd().slice(-1);
  const next = text.slice(m.end).trimStart().slice(0, 1);
  if (/(?:根据|按照|依据|依照|参照|贯彻|落实|转发|印发|详见|执行|废止|修订|代替|替代)[^。\n]*$/u.test(before))
    return true;
  if (prev === '》' || prev === '>' || prev === '〉') return true;
  if (/[（(“"〔[【]/u.test(prev) || /[）)”"〕\]】]/u.test(next)) {
    const lineStart = text.lastIndexOf('\n', m.start) + 1;
    const lineEnd = text.indexOf('\n', m.end);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim();
    const bare = line.replace(/^[（(“"【[]|[）)”"】\]]$/gu, '').trim();
    return bare !== text.slice(m.start, m.end).trim();
  }
  return false;
}
