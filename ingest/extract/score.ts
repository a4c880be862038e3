/**
 * Finds the main content as the run of consecutive text segments whose weights sum highest
 * (maximum-subarray, as in Finn et al.'s Body Text Extraction): prose weighs positive, link lists
 * and chrome negative. Content in layout tables rarely has one tight container element, but it is
 * always one stretch of the page in reading order.
 */
import { isBoilerplateLine } from './boilerplate';
import { classHint } from './hints';
import { dataTableOf } from './tables';
import type { Segment } from './segments';
import { punctuationCount } from './text-stats';

/** The nav/footer/share/comment-like element around the segment (the nearest hinted ancestor decides). */
export function chromeAncestor(seg: Segment): Element | null {
  for (let el: Element | null = seg.el; el; el = el.parentElement) {
    const hint = classHint(el);
    if (hint !== 0) return hint < 0 ? el : null;
  }
  return null;
}

/**
 * Segment weights. Figures: mean character F1 on the 15 dev pages with gold (evals/quality/
 * extraction.ts; 0.932 with the defaults) when only that value changes. The dev pages barely
 * separate most of them; the defaults follow what fixed specific failure kinds (noted per field).
 */
export interface ScoreWeights {
  /** Non-CJK visible character relative to a CJK one (dates, counters, English chrome). 0 / 0.3 / 1 → 0.933 / 0.932 / 0.933. */
  nonCjk: number;
  /** Extra cost per link character in a prose line (forum reply trees, "related" lists). 0 / 1 / 2 → 0.932 each. */
  linkPenalty: number;
  /** Link density above which a line is navigation (Readability uses 0.5). 0.33 / 0.5 / 0.7 → 0.932 each. */
  linkLine: number;
  /** Unpunctuated cells of a data table (名单, 统计表, 课程表). 0.5 → 0.932; 0 → 0.911 (the run breaks at the table). */
  tableCell: number;
  /** CJK characters an unpunctuated line needs to count as text rather than a label. 8 / 15 / 30 → 0.932 / 0.932 / 0.931. */
  longLine: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
  nonCjk: 0.3,
  linkPenalty: 1,
  linkLine: 0.5,
  tableCell: 0.5,
  longLine: 15,
};

export function segmentWeight(seg: Segment, w: ScoreWeights = DEFAULT_WEIGHTS): number {
  const own = seg.chars - seg.linkChars;
  const linkDensity = seg.linkChars / Math.max(1, seg.chars);
  if (linkDensity > w.linkLine || isBoilerplateLine(seg.text)) return -seg.chars - 1;
  if (chromeAncestor(seg)) return -seg.chars * 0.5 - 1;
  const punct = punctuationCount(seg.text);
  // Dates, counters, English chrome and bylines are mostly non-CJK: count them at a discount.
  const mass = seg.ownCjk + w.nonCjk * Math.max(0, own - seg.ownCjk);
  if (punct === 0) {
    // Cells of a data table are content: let the run bridge across them instead of breaking.
    if (dataTableOf(seg.el)) return w.tableCell * mass;
    return seg.ownCjk >= w.longLine ? 0.3 * mass : -Math.max(1, 0.5 * seg.chars);
  }
  // A link inside a line costs twice: once in density, once outright (reply trees, related lists).
  return mass * (1 - linkDensity) - w.linkPenalty * seg.linkChars;
}

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
  score: number;
}

/** Maximum-sum run of segment weights (Kadane). */
export function bestSpan(weights: number[]): Span {
  let best: Span = { start: 0, end: 0, score: 0 };
  let start = 0;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    if (sum <= 0) {
      start = i;
      sum = 0;
    }
    sum += weights[i];
    if (sum > best.score) best = { start, end: i + 1, score: sum };
  }
  return best;
}
