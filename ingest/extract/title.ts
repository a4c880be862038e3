/**
 * Page title: a heading that agrees with `<title>`/og:title wins (it has no site-name suffix);
 * otherwise the longest part of `<title>` split on the usual " - 网站名" / "_栏目_网站" separators.
 */
import { collapseSpaces } from './text-stats';

const SEPARATORS = /\s+[-–—|·:»›>]+\s+|\s*(?:[_|｜»›]|--+|——|::)\s*/;
/** "标题-新华网": a bare hyphen before a short, non-numeric last part is a site-name separator. */
const TRAILING_SITE = /^(.*\S)\s*-\s*([^-\d][^-]{0,11})$/u;

/** Letters, digits and CJK only: compares titles regardless of punctuation and spacing. */
export function titleKey(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
}

function metaContent(doc: Document, selector: string): string | null {
  const v = doc.querySelector(selector)?.getAttribute('content');
  return v ? collapseSpaces(v).trim() : null;
}

/** The `<title>` text with the site name and column names cut off. */
export function cleanTitle(raw: string): string {
  const parts = raw
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => titleKey(p).length > 0 && !/^[\w.-]+\.(?:com|cn|net|org|gov)[\w.]*$/i.test(p));
  if (parts.length === 0) return raw.trim();
  // Site and column names are short; the article title is the heaviest part (CJK counts double).
  const weight = (p: string): number => titleKey(p).length + (p.match(/\p{Script=Han}/gu)?.length ?? 0);
  const best = parts.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const site = TRAILING_SITE.exec(best);
  return site && weight(site[1]) > weight(site[2]) ? site[1] : best;
}

export function extractTitle(doc: Document, fallback: string | null): string {
  const og = metaContent(doc, 'meta[property="og:title"]') ?? metaContent(doc, 'meta[name="ArticleTitle"]');
  const raw =
    collapseSpaces(doc.querySelector('title')?.textContent ?? '').trim() ||
    collapseSpaces(fallback ?? '').trim();
  const keys = [titleKey(raw), og ? titleKey(og) : ''].filter((k) => k.length > 0);
  for (const h of Array.from(doc.querySelectorAll('h1, h2, h3, .title, .article-title, #title'))) {
    const text = collapseSpaces(h.textContent ?? '').trim();
    const key = titleKey(text);
    if (key.length >= 4 && text.length <= 120 && keys.some((k) => k.includes(key))) return text;
  }
  const cleaned = cleanTitle(raw);
  // og:title has no site suffix, but some CMSs cut it at an unescaped quote: keep the longer reading.
  if (
    og &&
    (!cleaned || (titleKey(og).includes(titleKey(cleaned)) && !titleKey(cleaned).includes(titleKey(og))))
  )
    return og;
  return cleaned || og || '';
}
