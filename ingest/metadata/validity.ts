/**
 * 有效性 of a policy document, and the documents it repeals.
 *
 * Markers count only where a site puts them about THIS document: a meta field, a bracketed note
 * in the title ("（已废止）"), a short status line in the header ("时效性：失效"), or the document's
 * own expiry clause ("本措施…有效期至2020年底"). "原《…》同时废止" in the closing article is about
 * ANOTHER document: its titles are returned in `repeals`, and this document's validity is unchanged.
 */
import type { Validity } from '../../library/model/document';
import { parseChineseNumber } from '../../library/rules';
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
  /** The document's writtenAt: the start of a relative term ("有效期5年") and of "自印发之日起施行" when publishedAt is unknown. */
  writtenAt?: string | null;
  /** The document's publishedAt (ISO day or datetime), preferred to writtenAt as that start. */
  publishedAt?: string | null;
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

/** 有效期至2020年底 / 有效期至2022年12月31日 / 暂执行至2020年6月30日 (in a sentence about this document). */
const EXPIRY_ABSOLUTE = /(?:有效期(?:至|到|截至)|执行(?:至|到|期至))\s*((?:19|20)\d{2}\s*年(?:底|末)|[^，。；;,\n)）]{4,16})/u;
/**
 * 有效期5年 / 有效期一年 / 执行期暂定为自发布之日起三个月: a term from the document's date. The term must be
 * the document's (after 本办法…, 政策, or opening a clause): 驾驶证有效期为6年 in a regulation is not its own.
 */
const EXPIRY_RELATIVE = /(?<=^|[，,：:；\s]|本(?:办法|通知|意见|规定|措施|方案|细则|政策|决定|公告|实施意见)|政策|措施)(?:的)?(?:有效期|执行期|实施期)(?:暂定)?(?:为|是)?[^，。；;\d一二三四五六七八九十]{0,12}?([0-9一二三四五六七八九十]{1,2})\s*(个月|年)/u;
/** A term this text sets but no date can be read from ("有效期至疫情解除", "另行通知"): validity stays 未知. */
const OPEN_TERM =
  /(?:(?<=^|[，,：:；\s]|本(?:办法|通知|意见|规定|措施|方案|细则|政策|决定|公告|实施意见)|政策|措施)(?:有效期|执行期|实施期))|执行至|截止日期|另行(?:通知|公告)/u;

/**
 * "本办法自2020年1月1日起施行" / "本通知自印发之日起实施" (the document's own clause) and the "2006年5月9日 施行"
 * line under a law's title: in force from that day.
 */
const IN_FORCE_CLAUSE =
  /^(?:第[一二三四五六七八九十百零〇\d]+条\s*)?本(?:法|条例|办法|规定|细则|决定|通知|意见|措施|方案|规则|解释|公告|通告|实施意见|实施办法|实施细则|制度|规划|指引|政策)[^。；]{0,30}?自\s*([^。；，,]{2,20}?)\s*起(?:施行|实施|执行|生效)/u;
const IN_FORCE_LINE = /^((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*(?:起)?施行$/u;
const ON_ISSUE = /^(?:公布|发布|印发|颁布|下发|公告)之日$/u;
const ABOUT_ITSELF =
  /本(?:办法|通知|意见|规定|措施|方案|细则|政策|决定|条例|公告|规则|制度|实施意见)|政策措施|自.{0,20}(?:施行|实施|执行)|(?:印发|发布|公布)之日/u;
const REPEAL_SENTENCE = /同时废止|予以废止|一并废止|同时失效|停止执行|不再执行|自行废止/u;

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

function addTerm(iso: string, n: number, unit: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (unit === '年') d.setUTCFullYear(d.getUTCFullYear() + n);
  else d.setUTCMonth(d.getUTCMonth() + n);
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

  const issued = options.publishedAt?.slice(0, 10) ?? options.writtenAt ?? null;
  let openTerm = false;
  for (const s of sentences(body)) {
    if (!ABOUT_ITSELF.test(s)) continue;
    const absolute = EXPIRY_ABSOLUTE.exec(s);
    const relative = absolute ? null : EXPIRY_RELATIVE.exec(s);
    let end: string | null = null;
    if (absolute) end = expiryEnd(absolute[1].trim());
    else if (relative && issued) {
      const n = parseChineseNumber(relative[1]);
      if (n > 0) end = addTerm(issued, n, relative[2]);
    }
    if (end !== null)
      return decided(end < options.referenceDate ? '失效' : '有效', (absolute ?? relative)?.[0] ?? s);
    if (OPEN_TERM.test(s)) openTerm = true;
  }
  // A term we cannot date may have ended: saying 有效 from the 施行 clause alone would be a guess.
  if (!openTerm) {
    const inForce = inForceSince(body, issued);
    if (inForce && inForce.since <= options.referenceDate) return decided('有效', inForce.evidence);
  }
  return { validity: '未知', evidence: null, repeals };
}

/** The day the document's own 施行 clause (or a law's 施行 line) puts it in force, with that text; null when none says. */
function inForceSince(body: string, issued: string | null): { since: string; evidence: string } | null {
  for (const line of body.split('\n', 10)) {
    const m = IN_FORCE_LINE.exec(line.trim());
    const day = m ? findChineseDates(m[1])[0] : undefined;
    if (day?.precision === 'day') return { since: day.iso, evidence: line.trim() };
  }
  for (const s of sentences(body)) {
    const m = IN_FORCE_CLAUSE.exec(s);
    if (!m) continue;
    const when = m[1].trim();
    if (ON_ISSUE.test(when)) return issued ? { since: issued, evidence: m[0] } : null;
    const day = findChineseDates(when)[0];
    if (day?.precision === 'day' && day.start === 0 && day.end === when.length) return { since: day.iso, evidence: m[0] };
  }
  return null;
}
