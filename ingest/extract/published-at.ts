/**
 * Publication date: a `<meta>` the CMS wrote, else the information table, else the first date in
 * the byline area just above (or at the top of) the main text.
 */
import type { Segment } from './segments';

const META_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[name="PubDate"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="publish_date"]',
  'meta[name="firstpublishedtime"]',
  'meta[property="og:release_date"]',
  'meta[itemprop="datePublished"]',
];

const DATE =
  /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;

const pad = (v: string): string => v.padStart(2, '0');

/** "2005年4月5日 06:40" → "2005-04-05T06:40"; "2020-3-1" → "2020-03-01"; null when no valid date. */
export function normalizeDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || Number(h) > 23 || Number(mi) > 59) return day;
  return `${day}T${pad(h)}:${pad(mi)}`;
}

/** How many segments above the main text we search for a byline. */
const BYLINE_WINDOW = 12;

export function findPublishedAt(
  doc: Document,
  meta: Record<string, string>,
  segments: Segment[],
  spanStart: number,
): string | null {
  for (const sel of META_SELECTORS) {
    const v = doc.querySelector(sel)?.getAttribute('content');
    const date = v ? normalizeDate(v) : null;
    if (date) return date;
  }
  for (const key of ['发布日期', '成文日期']) {
    const date = meta[key] ? normalizeDate(meta[key]) : null;
    if (date) return date;
  }
  // Nearest to the text first: page headers carry today's date, bylines sit right above the text.
  const above = segments.slice(Math.max(0, spanStart - BYLINE_WINDOW), spanStart).reverse();
  const window = [...above, ...segments.slice(spanStart, spanStart + 3)].filter((s) => s.text.length <= 120);
  const dates = window.map((s) => bylineDate(s.text));
  return (dates.find((d) => d?.labelled) ?? dates.find((d) => d))?.date ?? null;
}

/** Dates a page gives for something else: a forum poster's 注册时间, a last login, a birthday. */
const OTHER_EVENT = /(?:注册|登录|登陆|加入|出生|生日|到期|截止)[^\d]{0,6}$/u;
const PUBLICATION_LABEL = /(?:发布|发表|更新|时间|日期)/u;
const DATES = new RegExp(DATE.source, 'gu');

/**
 * A segment's first date that is not another event's (注册时间 2003-5-12 发表于 2005-8-22 gives
 * the second), and whether the segment labels it as a publication (发布, 发表, 时间…).
 */
function bylineDate(text: string): { date: string; labelled: boolean } | null {
  let first: string | null = null;
  for (const m of text.matchAll(DATES)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const date = OTHER_EVENT.test(before) ? null : normalizeDate(m[0]);
    if (!date) continue;
    if (PUBLICATION_LABEL.test(before.replace(OTHER_EVENT, ''))) return { date, labelled: true };
    first ??= date;
  }
  if (first === null) return null;
  // A label elsewhere in a short byline ("2020-02-05 发布") still counts, unless it named another event.
  return { date: first, labelled: PUBLICATION_LABEL.test(text.replace(/(?:注册|登录|登陆|加入)(?:时间|日期)/gu, '')) };
}
