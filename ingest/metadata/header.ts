/**
 * Metadata read from the text itself: the document's own 文号 in its header, the 发文机关 and
 * 成文日期 from the signature at the end (or the "…会议通过" lines of a law), 发布日期 and 索引号.
 * Works on texts with line breaks and on flat texts whose paragraphs are separated by spaces.
 */
import { findChineseDates } from '../normalize';
import { findDocNumbers, isCitation } from './doc-number';
import type { DocNumberMatch } from './doc-number';

/** The header ends where the body starts; 文号 after this point are taken as citations. */
const HEADER_MAX = 400;
const ADDRESSEE = /(?:^|\n|\s)各[^：:。\n]{0,80}[：:]|[^\n]{0,80}[：:][ \t]*\n|第一条|第一章/u;

function headerEnd(body: string): number {
  const stops = [HEADER_MAX, body.length];
  const period = body.indexOf('。');
  if (period >= 0) stops.push(period);
  const addressee = ADDRESSEE.exec(body);
  if (addressee) stops.push(addressee.index);
  return Math.min(...stops);
}

/**
 * The document's own 文号: in the title when it ends the title ("…的通知（国发〔2016〕12号）"),
 * else the first 文号 of the header that is not a citation. Null when there is none.
 */
export function findOwnDocNumber(title: string, body: string): DocNumberMatch | null {
  const inTitle = findDocNumbers(title).find(
    (m) => /^[\s）)]*$/u.test(title.slice(m.end)) && !/》\s*[（(]?\s*$/u.test(title.slice(0, m.start)),
  );
  if (inTitle) return inTitle;
  const end = headerEnd(body);
  return findDocNumbers(body.slice(0, end + 40)).find((m) => m.start < end && !isCitation(body, m)) ?? null;
}

const ORG_SUFFIX =
  /(?:人民政府|政府|办公厅|办公室|委员会|常委会|委|厅|局|部|署|院|会|中心|办|处|所|站|队|公司|集团|银行|小组|指挥部|协会|党委|联合会)$/u;

/** A token that can be an organisation name in a signature: short, no punctuation or digits. */
export function isOrgName(token: string): boolean {
  return (
    token.length >= 2 &&
    token.length <= 40 &&
    !/[，。：:；;0-9、！？“”"]/u.test(token) &&
    ORG_SUFFIX.test(token)
  );
}

export interface Signature {
  issuer: string | null;
  writtenAt: string;
}

/**
 * The signature block: the last dated line of the tail preceded by organisation names
 * ("北京市人民政府办公厅\n2020年2月5日"); joint issuers are joined with "、". Without a name, a date
 * standing alone on the last lines still gives writtenAt. Null when the tail has neither.
 */
export function findSignature(body: string): Signature | null {
  const tailStart = Math.max(0, body.length - 300);
  const tail = body.slice(tailStart);
  const dates = findChineseDates(tail).filter((d) => d.precision === 'day');
  for (let i = dates.length - 1; i >= 0; i--) {
    const d = dates[i];
    if (/^\s*(?:起|前|后|以|之|至|到|止)/u.test(tail.slice(d.end))) continue;
    const tokens = tail.slice(Math.max(0, d.start - 120), d.start).split(/\s+/u);
    if (tokens[tokens.length - 1] === '') tokens.pop();
    const orgs: string[] = [];
    while (tokens.length > 0 && orgs.length < 8 && isOrgName(tokens[tokens.length - 1]))
      orgs.unshift(tokens.pop() as string);
    if (orgs.length > 0 && /\s$/u.test(tail.slice(0, d.start)))
      return { issuer: orgs.join('、'), writtenAt: d.iso };
  }
  const alone = dates
    .reverse()
    .find((d) => /(?:^|\n)\s*$/u.test(tail.slice(0, d.start)) && /^\s*(?:\n|$)/u.test(tail.slice(d.end)));
  return alone ? { issuer: null, writtenAt: alone.iso } : null;
}

export interface LawHeader {
  issuer: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
}

const LAW_LINE = /^(.*?)(通过|公布|发布|批准|修订|修正|施行)/u;

/** Drops 第十五届 / 第二十五次会议 / 经 from "上海市第十五届人民代表大会常务委员会第二十五次会议". */
function adoptingBody(s: string): string {
  return s
    .replace(/^经/u, '')
    .replace(/第[一二三四五六七八九十百零〇\d]+届/gu, '')
    .replace(/第[一二三四五六七八九十百零〇\d]+次(?:全体|常务|主任)?会议.*$/u, '')
    .replace(/(?:全体|常务)会议$/u, '')
    .trim();
}

/**
 * The dated lines under a law's title: "2020年9月25日 上海市第十五届人民代表大会常务委员会第二十五次
 * 会议通过", "2001年6月15日 中华人民共和国国务院令第306号公布". The first 通过 gives writtenAt,
 * the first 公布/发布 publishedAt; the issuer is the first body named by a 通过/修订/公布/发布 line
 * (or the issuer of the 令 it was published by).
 */
export function readLawHeader(body: string): LawHeader {
  const out: LawHeader = { issuer: null, writtenAt: null, publishedAt: null };
  for (const line of body.split('\n', 10)) {
    const date = findChineseDates(line)[0];
    if (!date || date.start !== 0 || date.precision !== 'day') continue;
    const m = LAW_LINE.exec(line.slice(date.end).trim());
    if (!m) continue;
    const event = m[2];
    const org = adoptingBody(m[1]);
    const orgs = org.split('、');
    if (event === '通过' && out.writtenAt === null) out.writtenAt = date.iso;
    if (event === '通过' || event === '修订' || event === '公布' || event === '发布') {
      if (out.issuer === null && org !== '' && orgs.every(isOrgName)) out.issuer = orgs.join('、');
    }
    if ((event === '公布' || event === '发布') && out.publishedAt === null) {
      out.publishedAt = date.iso;
      const order = findDocNumbers(m[1]).find((n) => n.kind === 'order');
      if (out.issuer === null && order) out.issuer = order.issuers.join('、');
    }
  }
  return out;
}

/** The issuer named before 关于 in the title: "北京市人力资源和社会保障局关于…的通知". */
export function issuerFromTitle(title: string): string | null {
  const m = /^(.{2,40}?)关于/u.exec(title.trim());
  if (!m) return null;
  const names = m[1].trim().split(/[\s、]+/u);
  return names.every(isOrgName) ? names.join('、') : null;
}

const PUBLISHED_LABEL = /(?:发布日期|发布时间|公开日期|发文日期|公布日期)\s*[：:]?\s*/gu;

/** 发布日期 written as a label in the text ("发布日期：2020-02-05"). */
export function findPublishedLabel(body: string): string | null {
  for (const m of body.matchAll(PUBLISHED_LABEL)) {
    const date = findChineseDates(body.slice(m.index + m[0].length, m.index + m[0].length + 20))[0];
    if (date && date.start === 0 && date.precision === 'day') return date.iso;
  }
  return null;
}

const INDEX_LABELLED = /索\s*引\s*号\s*[：:]?\s*([0-9A-Za-z][0-9A-Za-z\-/]{5,40})/u;
const INDEX_BARE = /(?<![0-9A-Za-z])([0-9A-Z]{9,18}\/(?:19|20)\d{2}-\d{3,6})(?![0-9])/u;

/** 索引号 such as 000014349/2017-00123 or 11220000013544357T/2020-01234 (labelled anywhere, bare in the header). */
export function findIndexNumber(body: string): string | null {
  return INDEX_LABELLED.exec(body)?.[1] ?? INDEX_BARE.exec(body.slice(0, 600))?.[1] ?? null;
}
