import { indexForm } from '../../library/analyzer';
import { escapeHtml } from '../../library/rules';

export interface SnippetOptions {
  /** Characters of context shown. Default 120: two lines in the widget on a phone. */
  length?: number;
}

/** Character ranges in `text` where any of the terms occur (longest terms win overlaps). */
export function findMatches(text: string, terms: readonly string[]): Array<[number, number]> {
  const folded = indexForm(text);
  // Folding keeps one character per character for CJK and ASCII; if not, match on the original.
  const haystack = folded.length === text.length ? folded : text.toLowerCase();
  const covered = new Uint8Array(text.length);
  const ranges: Array<[number, number]> = [];
  for (const term of [...new Set(terms)].sort((a, b) => b.length - a.length)) {
    if (!term) continue;
    for (let i = haystack.indexOf(term); i >= 0; i = haystack.indexOf(term, i + term.length)) {
      if (covered.subarray(i, i + term.length).some((x) => x)) continue;
      covered.fill(1, i, i + term.length);
      ranges.push([i, i + term.length]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** An HTML-safe excerpt around the densest cluster of matches, matched terms wrapped in <em>. */
export function makeSnippet(text: string, terms: readonly string[], options: SnippetOptions = {}): string {
  const length = options.length ?? 120;
  const flat = text.replace(/\s+/g, ' ').trim();
  const matches = findMatches(flat, terms);
  let start = 0;
  if (matches.length > 0) {
    // Slide a window over match starts; keep the one covering the most matched characters.
    let best = -1;
    for (const [s] of matches) {
      const covered = matches.filter(([a, b]) => a >= s && b <= s + length).reduce((n, [a, b]) => n + b - a, 0);
      if (covered > best) {
        best = covered;
        start = s;
      }
    }
    start = Math.max(0, Math.min(start - 20, flat.length - length));
  }
  const end = Math.min(flat.length, start + length);
  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const [a, b] of matches) {
    if (a < start || b > end) continue;
    out += escapeHtml(flat.slice(cursor, a)) + '<em>' + escapeHtml(flat.slice(a, b)) + '</em>';
    cursor = b;
  }
  out += escapeHtml(flat.slice(cursor, end)) + (end < flat.length ? '…' : '');
  return out;
}

/** The title with matched terms wrapped in <em>, HTML-safe. */
export function highlight(text: string, terms: readonly string[]): string {
  let out = '';
  let cursor = 0;
  for (const [a, b] of findMatches(text, terms)) {
    out += escapeHtml(text.slice(cursor, a)) + '<em>' + escapeHtml(text.slice(a, b)) + '</em>';
    cursor = b;
  }
  return out + escapeHtml(text.slice(cursor));
}
