/**
 * Text normalisation applied to every document body before metadata extraction, chunking and
 * de-duplication. It is deliberately selective: full NFKC would also turn the Chinese punctuation
 * （），：；！？ into ASCII (and presentation forms like ︵ into brackets), which changes how
 * sentences split and how text displays; we only fold what is "the same character in a wider box".
 */

import { foldWidth as foldAllWidths, removeInvisibleChars } from '../../library/rules';

/** Horizontal whitespace of every width, including nbsp (U+00A0) and the ideographic space (U+3000). */
const HSPACE = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/gu;

/** Line terminators of every kind (CRLF, CR, NEL, LS, PS) become "\n". */
const LINE_BREAKS = /\r\n|[\r\u0085\u2028\u2029]/gu;

/**
 * Stored text's width folding (library/rules/width): full-width letters, digits and symbols to
 * half-width, the prose punctuation ！＂＇（），：；？ kept full-width so sentences split and display as written.
 */
export function foldWidth(text: string): string {
  return foldAllWidths(text, { keepProsePunctuation: true });
}

export interface NormalizeOptions {
  /**
   * Keep one empty line where the source had one or more blank lines (paragraph gaps).
   * Default false: the library stores paragraphs separated by a single "\n" (see DocumentInput.body).
   */
  keepBlankLines?: boolean;
}

/**
 * Normalises a document text: width folding (see foldWidth), invisible characters removed,
 * line breaks unified to "\n", runs of spaces/nbsp/ideographic spaces collapsed to one space,
 * every line trimmed, blank lines dropped (or kept as one, see NormalizeOptions).
 * Idempotent: normalizeText(normalizeText(x)) === normalizeText(x).
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  const lines = foldWidth(removeInvisibleChars(text.replace(LINE_BREAKS, '\n')))
    .split('\n')
    .map((line) => line.replace(HSPACE, ' ').trim());
  const out: string[] = [];
  for (const line of lines) {
    if (line !== '') out.push(line);
    else if (options.keepBlankLines && out.length > 0 && out[out.length - 1] !== '') out.push('');
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
