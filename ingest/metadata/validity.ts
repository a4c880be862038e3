/**
 * 有效性 of a policy document, and the documents it repeals.
 *
 * Markers count only where a site puts them about THIS document: a meta field, a bracketed note
 * in the title ("（已废止）"), a short status line in the header ("时效性：失效"), or the document's
 * own expiry clause ("本措施…有效期至2020年底"). "原《…》同时废止" in the closing article is about
 * ANOTHER document: its titles are returned in `repeals`, and this document's validity is unchanged.
 */
import type { Validity } from '../../library/model/document';
import { findChineseDates, parseChineseDatePartial } from '../normalize';

export interface ValidityResult {
  validity: Validity;
  /** The text that decided `validity` (null when it is 未知). */
  evidence: string | null;
  /** Titles (without 《》) of other documents this one repeals. */
  repeals: string[];
}

export interface ValidityOptions {
  /** ISO date an expiry clause is compared with ("有效期至2020年底" is 失效 after 2020-12-31). */
  referenceDate: string;
  /** The document's writtenAt, the start of a relative term ("有效期5年"). */
  writtenAt?: string | null;
  /** The site's own validity field (有效性/时效性), if any. */
  metaValue?: string | null;
}

/** Status words to the Validity they mean; longest first so 已废止 wins over 废止. */
function statusOf(word: string): Validity | null {
  if (/废止/u.test(word)) return '废止';
  if (/失效/u.test(word)) return '失效';
  if (/修订|修改|修正/u.test(word)) return '已修订';
  if (/有效|现行/u.test(word)) return '有效';
  return null;
}

const TITLE_MARK = /[（(【[]\s*(已废止|废止|已失效|失效|已修订|已被修订|已修改|已被修改)\s*[）)】\]]/u;
const HEADER_MARK =
  /^[【[]?(?:时效性|效力状态|有效性|状态|效力)[】\]]?\s*[：:]?\s*(已废止|废止|已失效|失效|已修订|已被修改|现行有效|有效)$|^[（(【[]?(已废止|已失效|已修订|已被修改)[）)】\]]?$/u;

/** 有效期至2020年底 / 有效期至2022年12月31日 / 有效期5年 (in a sentence about this document). */
const EXPIRY_ABSOLUTE = /有效期(?:至|到|截至)\s*((?:19|20)\d{2}\s*年(?:底|末)|[^，。；;,\n)）]{4,16})/u;
const EXPIRY_RELATIVE = /有效期(?:为|是)?\s*([0-9一二三四五六七八九十]{1,2})\s*年/u;
const ABOUT_ITSELF =
  /本(?:办法|通知|意见|规定|措施|方案|细则|政策|决定|条例|公告|规则|制度|实施意见)|政策措施|自.{0,20}(?:施行|实施|执行)|(?:印发|发布|公布)之日/u;
const REPEAL_SENTENCE = /同时废止|予以废止|一并废止|同时失效|停止执行|不再执行|自行废止/u;

const CN_SMALL: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** Last ISO day covered by "2020年底", "2022年12月31日", "2021年6月", "2021年". */
function expiryEnd(phrase: string): string | null {
  const yearEnd = /^((?:19|20)\d{2})\s*年(?:底|末)/u.exec(phrase);
  if (yearEnd) return `${yearEnd[1]}-12-31`;
  const day = findChineseDates(phrase)[0];
  if (day && day.precision === 'day') return day.iso;
  const partial = day ?? parseChineseDatePartial(phrase.replace(/[^0-9年〇一二三四五六七八九十月]+.*$/u, ''));
  if (!partial) return null;
  const [y, m] = partial.iso.split('-').map(Number);
  return new Date(Date.UTC(y, m ?? 12, 0)).toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function sentences(body: string): string[] {
  return body
    .split(/(?<=[。；;！!])|\n/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Titles in 《》 (outer level only; inner 〈〉 kept as written). */
export function bookTitles(text: string): string[] {
  return [...text.matchAll(/《([^《》]{2,120})》/gu)].map((m) => m[1].trim());
}

export function detectValidity(title: string, body: string, options: ValidityOptions): ValidityResult {
  const repeals = [
    ...new Set(
      sentences(body)
        .filter((s) => REPEAL_SENTENCE.test(s))
        .flatMap(bookTitles),
    ),
  ];
  const decided = (validity: Validity, evidence: string): ValidityResult => ({ validity, evidence, repeals });

  const meta = options.metaValue?.trim();
  const fromMeta = meta ? statusOf(meta) : null;
  if (fromMeta && meta) return decided(fromMeta, meta);

  const titleMark = TITLE_MARK.exec(title);
  if (titleMark) return decided(statusOf(titleMark[1]) ?? '未知', titleMark[0]);

  for (const line of body.split('\n', 8)) {
    const m = HEADER_MARK.exec(line.trim());
    if (m) return decided(statusOf(m[1] ?? m[2]) ?? '未知', line.trim());
  }

  for (const s of sentences(body)) {
    if (!ABOUT_ITSELF.test(s)) continue;
    const absolute = EXPIRY_ABSOLUTE.exec(s);
    const relative = absolute ? null : EXPIRY_RELATIVE.exec(s);
    let end: string | null = null;
    if (absolute) end = expiryEnd(absolute[1].trim());
    else if (relative && options.writtenAt) {
      const n = /^\d+$/u.test(relative[1]) ? Number(relative[1]) : (CN_SMALL[relative[1]] ?? 0);
      if (n > 0) end = addYears(options.writtenAt, n);
    }
    if (end !== null)
      return decided(end < options.referenceDate ? '失效' : '有效', (absolute ?? relative)?.[0] ?? s);
  }
  return { validity: '未知', evidence: null, repeals };
}
