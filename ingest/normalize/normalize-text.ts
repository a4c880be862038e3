/**
 * Text normalisation applied to every document body before metadata extraction, chunking and
 * de-duplication. It is deliberately selective: full NFKC would also turn the Chinese punctuation
 * （），：；！？ into ASCII (and presentation forms like ︵ into brackets), which changes how
 * sentences split and how text displays; we only fold what is "the same character in a wider box".
 */

/**
 * Full-width forms (U+FF01–U+FF5E) that are the punctuation of Chinese prose itself.
 * They stay full-width so sentence splitting and display keep working: ！＂＇（），：；？
 */
const KEEP_FULLWIDTH = new Set(['！', '＂', '＇', '（', '）', '，', '：', '；', '？']);

/** Horizontal whitespace of every width, including nbsp (U+00A0) and the ideographic space (U+3000). */
const HSPACE = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/gu;

/** Zero-width characters, soft hyphen, BOM and C0/C1 controls other than \n and \t. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/** Line terminators of every kind (CRLF, CR, NEL, LS, PS) become "\n". */
const LINE_BREAKS = /\r\n|[\r\u0085\u2028\u2029]/gu;

/**
 * Folds full-width ASCII letters, digits and symbols (U+FF01–U+FF5E) to their half-width form,
 * except the Chinese prose punctuation in KEEP_FULLWIDTH, and turns U+3000 into a space.
 * 《》〔〕【】、。 are outside that block and are never touched.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/gu, (ch) => {
    if (ch === '\u3000') return ' ';
    if (KEEP_FULLWIDTH.has(ch)) return ch;
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
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
  const lines = foldWidth(text.replace(LINE_BREAKS, '\n').replace(INVISIBLE, ''))
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
