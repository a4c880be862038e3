/**
 * HTML → main content. Steps: parse (CleanEval wrapper off), flatten to text segments, weigh
 * them, take the best-scoring run, drop chrome lines inside it, render.
 */
import { extractGovMetadata, isGovMetadataCell } from './gov-metadata';
import { isSectionHeading } from './headings';
import { assertNestingDepth } from './nesting';
import { parsePage } from './parse';
import { findPublishedAt } from './published-at';
import { keepSegment, renderSegments } from './render';
import { bestSpan, chromeAncestor, DEFAULT_WEIGHTS, segmentWeight } from './score';
import type { ScoreWeights } from './score';
import { collectSegments } from './segments';
import { widenSpan } from './span';
import type { Segment } from './segments';
import { extractTitle, titleKey } from './title';

export interface ExtractedContent {
  /** Article title without the site-name suffix. */
  title: string;
  /** Main text: paragraphs separated by "\n", table cells by "\t". */
  text: string;
  /** Headings inside the main text, in order, the title excluded: h1–h6 and 第X章 / 一、 style lines. */
  headings: string[];
  /** ISO date ("2020-03-01") or local date-time ("2020-03-01T09:30"), or null. */
  publishedAt: string | null;
  /** Canonical URL: opts.url, the CleanEval wrapper id, or `<link rel=canonical>`. */
  url: string | null;
  /** Government information-table fields (索引号, 发文机关, 发文字号, 成文日期, 发布日期, 主题分类 …). */
  meta: Record<string, string>;
}

export interface ExtractOptions {
  /** URL the page was fetched from (kept as is in the result). */
  url?: string;
  /** Scoring weights, for evaluation sweeps only; defaults are the tuned DEFAULT_WEIGHTS. */
  weights?: Partial<ScoreWeights>;
}

/** Leading lines that repeat the title (the article heading above the text). */
function isTitleRepeat(seg: Segment, key: string): boolean {
  const k = titleKey(seg.text.replace(/^(?:主题|标题)\s*[:：]/, ''));
  if (k.length < 4 || key.length < 4) return false;
  return (
    k === key ||
    (key.includes(k) && k.length >= key.length * 0.6) ||
    (k.includes(key) && key.length >= k.length * 0.8)
  );
}

/** Throws MarkupTooDeepError for markup nested deeper than MAX_MARKUP_DEPTH (checked before parsing). */
export function extractMainContent(html: string, opts: ExtractOptions = {}): ExtractedContent {
  assertNestingDepth(html);
  const page = parsePage(html);
  const doc = page.document;
  const segments = collectSegments(doc.body as Element);
  const title = extractTitle(doc, page.wrapperTitle);
  const key = titleKey(title);
  const keep = (s: Segment): boolean => keepSegment(s) && !isGovMetadataCell(s.text);
  const w: ScoreWeights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  const weights = segments.map((s) => segmentWeight(s, w));
  const span = widenSpan(segments, bestSpan(weights), keep);

  const inside = segments.slice(span.start, span.end);
  const heaviest = inside.reduce((a, s, i) => (weights[span.start + i] > weights[span.start + a] ? i : a), 0);
  // Chrome bridged by the run (an author column between two posts) goes, unless it wraps the text itself.
  const outsideChrome = (s: Segment): boolean => {
    const chrome = chromeAncestor(s);
    return chrome === null || chrome.contains(inside[heaviest].el);
  };
  const kept = inside.filter((s, i) => keep(s) && outsideChrome(s) && !(i < 5 && isTitleRepeat(s, key)));
  const meta = extractGovMetadata(segments.filter((s) => s.text.length <= 300));
  return {
    title,
    text: renderSegments(kept),
    headings: kept.filter((s) => s.heading > 0 || isSectionHeading(s.text)).map((s) => s.text),
    publishedAt: findPublishedAt(doc, meta, segments, span.start),
    url:
      opts.url ?? page.wrapperUrl ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
    meta,
  };
}
