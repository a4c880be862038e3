/**
 * The one 文号 grammar. Ingest (the document's own number, citations, link keys) and the query side
 * (exact 文号 lookups) both call findDocNumbers, so what is stored and what is asked compare equal.
 */
import { toSimplifiedChinese } from '../../analyzer/fold';
import { parseChineseNumber, CHINESE_NUMERAL_CHARS } from '../chinese-numerals';
import { foldWidth } from '../width';
import { formatDocNumberKey } from './key';
import type { DocNumberKey, DocNumberKind } from './key';

export interface DocNumberMatch extends DocNumberKey {
  /** The number as written in the text given (original widths), e.g. '国办发 〔2017〕 47 号'. */
  raw: string;
  /** Canonical text of the key (formatDocNumberKey), e.g. '国办发〔2017〕47号'. */
  key: string;
  /** Offsets in the text given (end exclusive). */
  start: number;
  end: number;
}

// The text is width-folded first, so （）［］ are ( ) [ ] here.
const OPEN = '[〔\\[(【﹝]';
const CLOSE = '[〕\\])】﹞]';
const YEAR = '((?:19|20)\\d{2})';
const NUM = `(\\d{1,5}|[${CHINESE_NUMERAL_CHARS}]{1,8})`;
const HAO = '[号號]';
const CJK = '\\u3400-\\u9fff';
/** Year in brackets, or bare with an optional 年: 〔2020〕, [2020], 2020年, 2020. */
const YEAR_PART = `(?:${OPEN}\\s*${YEAR}\\s*年?\\s*${CLOSE}|${YEAR}\\s*年?)`;
/** A bare year needs a 代字 that ends as agency codes do (国办发, 京人社就字, 国办函), else "今年2020年7号" would be one. */
const CODE_END = '[发發字函办辦电電规規文复復通]';

interface Parts {
  year: string | undefined;
  serial: string;
  /** Characters matched at the end that are not part of the number (an unpaired closing bracket). */
  trailing: number;
}

const PATTERNS: ReadonlyArray<{ kind: DocNumberKind; re: RegExp; parts: (m: RegExpMatchArray) => Parts | null }> = [
  {
    kind: 'code',
    re: new RegExp(
      `([${CJK}]{1,12}?)\\s*(?:${OPEN}\\s*${YEAR}\\s*年?\\s*${CLOSE}|(?<=${CODE_END}\\s*)${YEAR}\\s*年?)\\s*(?:第\\s*)?${NUM}\\s*${HAO}`,
      'gu',
    ),
    parts: (m) => ({ year: m[2] ?? m[3], serial: m[4], trailing: 0 }),
  },
  {
    kind: 'announcement',
    re: new RegExp(
      `([${CJK}][${CJK} 、,，]{0,30}?)公告\\s*(?:${YEAR_PART}\\s*)?(第\\s*)?${NUM}\\s*${HAO}`,
      'gu',
    ),
    // 公告7号 alone is no number: it needs a year or 第.
    parts: (m) => (m[2] ?? m[3] ?? m[4] ? { year: m[2] ?? m[3], serial: m[5], trailing: 0 } : null),
  },
  {
    kind: 'order',
    re: new RegExp(
      `([${CJK}][${CJK} 、,，]{0,40}?)令\\s*(?:${YEAR}\\s*年\\s*)?(\\(\\s*)?第\\s*${NUM}\\s*${HAO}(\\s*\\))?`,
      'gu',
    ),
    // 主席令(第三十一号) keeps its closing bracket; 国务院令第306号) does not.
    parts: (m) => ({ year: m[2], serial: m[4], trailing: m[5] && !m[3] ? m[5].length : 0 }),
  },
];

/**
 * Words that end the text before a 文号 but never belong to it: the prefix starts after the last
 * of them ('根据国办发〔2017〕47号' → '国办发'; '…的通知京政发〔2020〕2号' → '京政发'). 和/与 also end a
 * 代字 but not an issuer's name (住房和城乡建设部令第1号). 中华人民共和国 is never cut.
 */
const PROSE =
  '根据|按照|依据|依照|参照|对照|贯彻|落实|执行|印发|转发|关于|文件|通知|意见|办法|规定|决定|精神|要求|批复|公告|通告|方案|同意|以及|的|以|由|在|将|为|是|了|等|并|即|见|或|及';
const BOUNDARY: Readonly<Record<DocNumberKind, RegExp>> = {
  code: new RegExp(`(?:${PROSE}|和|与)`, 'gu'),
  announcement: new RegExp(`(?:${PROSE})`, 'gu'),
  order: new RegExp(`(?:${PROSE})`, 'gu'),
};
const PRC = /^(?:中?中华人民共和国)+/u;
const PRC_TEXT = '中华人民共和国';

/** The prefix after the last prose word (a masked 中华人民共和国 is never cut, though it holds 和). */
function trimProse(prefix: string, kind: DocNumberKind): string {
  const scan = prefix.replaceAll(PRC_TEXT, '＃'.repeat(PRC_TEXT.length));
  let cut = 0;
  for (const m of scan.matchAll(BOUNDARY[kind])) cut = m.index + m[0].length;
  const rest = prefix.slice(cut).replace(/^[ 、,，]+/u, '');
  // A lone character before a space ends a date or a word (1993年3月31日 中华人民共和国主席令…), never an issuer.
  return kind === 'code' ? rest : rest.replace(/^(?:[^\s、,，]\s+)+/u, '');
}

function issuersOf(written: string, kind: DocNumberKind): string[] {
  const simplified = toSimplifiedChinese(written);
  if (kind === 'code') return [simplified.replace(/\s+/gu, '')];
  return simplified
    .split(/[\s、,，]+/u)
    .map((name) => name.replace(PRC, ''))
    .filter((name) => name !== '');
}

const KIND_RANK: Readonly<Record<DocNumberKind, number>> = { order: 0, announcement: 1, code: 2 };

/**
 * Every 文号 in `text`, in order of position. Overlapping candidates keep the longer one (an order
 * or announcement before a 代字 form of the same span). Offsets and `raw` refer to `text` as given.
 */
export function findDocNumbers(text: string): DocNumberMatch[] {
  const folded = foldWidth(text);
  const found: DocNumberMatch[] = [];
  for (const { kind, re, parts } of PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const part = parts(m);
      // 2020年1月1日丽水市…公告: the 日 of a date is not the issuer's first character.
      const afterDate = m.index > 0 && /\d/u.test(folded[m.index - 1]) ? m[1].replace(/^[年月日号]\s*/u, '') : m[1];
      const written = trimProse(afterDate, kind);
      if (part === null || written === '') continue;
      const issuers = issuersOf(written, kind);
      const serial = parseChineseNumber(part.serial);
      if (issuers.length === 0 || !(serial > 0)) continue;
      if (kind === 'code' && /(?:公告|令)$/u.test(issuers[0])) continue;
      const start = m.index + m[1].length - written.length;
      const end = m.index + m[0].length - part.trailing;
      const key: DocNumberKey = { kind, issuers, year: part.year ? Number(part.year) : null, serial };
      found.push({ ...key, key: formatDocNumberKey(key), raw: text.slice(start, end), start, end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
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
 * Canonical key text of the (first) 文号 in `text`, e.g. docNumberKey('国办发（2017）47号') ===
 * '国办发〔2017〕47号'; null when it holds none. Use it on both sides of an exact 文号 comparison.
 */
export function docNumberKey(text: string | null | undefined): string | null {
  if (!text) return null;
  return findDocNumbers(text)[0]?.key ?? null;
}
