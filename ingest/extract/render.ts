/**
 * Segments → plain text: paragraphs on their own lines, table cells joined by tabs, rows by
 * newlines. Lines that are chrome even inside the content container are dropped here.
 */
import { isBoilerplateLine } from './boilerplate';
import type { Segment } from './segments';

export function keepSegment(seg: Segment): boolean {
  if (seg.linkChars / Math.max(1, seg.chars) > 0.6 && seg.chars < 80) return false;
  return !isBoilerplateLine(seg.text);
}

export function renderSegments(segments: Segment[]): string {
  let out = '';
  for (const seg of segments) {
    if (out) out += seg.sep === 'cell' ? '\t' : '\n';
    out += seg.text;
  }
  return out
    .split('\n')
    .map((l) => l.replace(/\t+$/, '').trimEnd())
    .filter((l) => l.trim() !== '')
    .join('\n');
}
