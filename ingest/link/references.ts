/**
 * What a text says about other policies: titles in 《》 and 文号, and the normal form a title is
 * matched by (brackets, 关于 and the issuer before it, "印发…的通知" wrappers and (试行) dropped).
 */
import { normalizeText } from '../normalize';
import { findDocNumbers } from '../metadata';

export interface TitleReference {
  /** The title as written inside 《》 (inner 〈〉 kept). */
  title: string;
  /** normalizePolicyTitle(title) */
  key: string;
  start: number;
  end: number;
}

export interface DocNumberReference {
  raw: string;
  /** docNumberKey of raw */
  key: string;
  start: number;
  end: number;
}

export interface PolicyReferences {
  titles: TitleReference[];
  docNumbers: DocNumberReference[];
}

/** 《…》 with one level of 〈〉 or <> inside. Offsets point at the 《. */
const BOOK_TITLE = /《((?:[^《》〈〉<>]|〈[^〈〉]*〉|<[^<>]*>){2,150})》/gu;

/** Every 《title》 and 文号 in `text`, in order of position; a title or number repeated is listed once. */
export function findPolicyReferences(text: string): PolicyReferences {
  const titles: TitleReference[] = [];
  const seenTitles = new Set<string>();
  for (const m of text.matchAll(BOOK_TITLE)) {
    const title = m[1].trim();
    if (seenTitles.has(title)) continue;
    seenTitles.add(title);
    titles.push({ title, key: normalizePolicyTitle(title), start: m.index, end: m.index + m[0].length });
  }
  const docNumbers: DocNumberReference[] = [];
  const seenNumbers = new Set<string>();
  for (const m of findDocNumbers(text)) {
    if (seenNumbers.has(m.key)) continue;
    seenNumbers.add(m.key);
    docNumbers.push({ raw: m.raw, key: m.key, start: m.start, end: m.end });
  }
  return { titles, docNumbers };
}

/** An issuer-like prefix ending right before 关于 (at most 40 characters). */
const ISSUER_BEFORE_ABOUT = /^[^《》]{0,40}?关于/u;
const WRAPPERS = /^(?:印发|转发|发布|公布)(.+?)的(?:通知|决定|公告|通告)$/u;
const TRIAL = /[（(](?:试行|暂行|征求意见稿|修订|修订版|\d{4}年(?:修订|修正)?)[)）]$/u;

/**
 * The form titles are matched by: width-folded, brackets and quotes removed, issuer + 关于 dropped,
 * "印发X的通知" reduced to X, a trailing (试行)/(暂行) dropped. '《国务院办公厅关于X的意见》' → 'X的意见';
 * '关于印发《X管理办法（试行）》的通知' → 'X管理办法'.
 */
export function normalizePolicyTitle(title: string): string {
  let t = normalizeText(title).replace(/[《》〈〉<>“”"'‘’「」\s]/gu, '');
  t = t.replace(ISSUER_BEFORE_ABOUT, '');
  const wrapped = WRAPPERS.exec(t);
  if (wrapped) t = wrapped[1];
  for (let previous = ''; previous !== t;) {
    previous = t;
    t = t.replace(TRIAL, '');
  }
  return t;
}

const INTERPRETATION_WORDS = /(?:政策)?解读|答记者问|一图读懂|图解|热点问答|政策问答|问答/gu;

/**
 * The policy an interpretation's title is about: the first 《title》 in it, else the title without
 * its 解读/答记者问 words and an issuer's "有关负责人就…" lead. '《X办法》的解读' → 'X办法'.
 * Null when nothing is left.
 */
export function interpretationTarget(title: string): string | null {
  const inBrackets = findPolicyReferences(title).titles[0];
  if (inBrackets) return inBrackets.key;
  const stripped = normalizeText(title)
    .replace(/^.{0,30}?(?:负责人|负责同志|司长|局长)就/u, '')
    .replace(INTERPRETATION_WORDS, '')
    .replace(/^[：:\s]+|[的之：:\s]+$/gu, '');
  const key = normalizePolicyTitle(stripped);
  return key.length >= 4 ? key : null;
}
