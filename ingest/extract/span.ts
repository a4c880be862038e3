/**
 * Widens the best run forward to the closing lines of the same container: a notice's signature
 * and date (落款) are short unpunctuated lines that weigh slightly negative, yet they sit in the
 * same element as the paragraphs above them. Forward it stops at the first link or chrome line;
 * backward it takes only section headings (第一章 总则): widening backward freely pulled in info
 * boxes and bylines on the dev pages.
 */
import type { Span } from './score';
import type { Segment } from './segments';
import { isSectionHeading } from './headings';

/** Closing lines are short: 落款, a note such as （此件公开发布）, "参数：值" lists. */
const MAX_CLOSING_CHARS = 60;

/** Section headings (第一章 总则, 一、, （一）) just above the first paragraph, at most this many. */
const MAX_OPENING_LINES = 3;

export function widenSpan(segments: Segment[], span: Span, keep: (s: Segment) => boolean): Span {
  if (span.end <= span.start) return span;
  const container = segments[span.end - 1].el.parentElement;
  let end = span.end;
  while (
    end < segments.length &&
    container?.contains(segments[end].el) &&
    segments[end].el !== container &&
    segments[end].linkChars === 0 &&
    segments[end].chars <= MAX_CLOSING_CHARS &&
    keep(segments[end])
  ) {
    end++;
  }
  const head = segments[span.start].el.parentElement;
  let start = span.start;
  while (
    start > 0 &&
    span.start - start < MAX_OPENING_LINES &&
    head?.contains(segments[start - 1].el) &&
    segments[start - 1].linkChars === 0 &&
    isSectionHeading(segments[start - 1].text)
  ) {
    start--;
  }
  return { start, end, score: span.score };
}
