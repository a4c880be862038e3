/**
 * Width folding: full-width ASCII (Ａ-Ｚ, ０-９, ！-～, U+FF01–U+FF5E) to half-width, the ideographic
 * space (U+3000) to a space. Length-preserving (one UTF-16 unit for one), so offsets found in the
 * folded text hold in the original. 《》〔〕【】、。 lie outside that block and are never touched.
 */

/** Full-width forms that are the punctuation of Chinese prose itself: ！＂＇（），：；？ */
const PROSE_PUNCTUATION = new Set(['！', '＂', '＇', '（', '）', '，', '：', '；', '？']);
/** ＜＞: harmless as written, folded they would make a title's `＜img …＞` into a real tag (issue 15). */
const MARKUP_BRACKETS = new Set(['＜', '＞']);

export interface FoldWidthOptions {
  /**
   * Keep the prose punctuation in PROSE_PUNCTUATION full-width, so stored text still splits into
   * sentences and displays as written, and ＜＞ too, so folding never makes markup of stored text.
   * Default false: the index form folds everything.
   */
  keepProsePunctuation?: boolean;
}

export function foldWidth(text: string, options: FoldWidthOptions = {}): string {
  const keep = options.keepProsePunctuation === true;
  return text.replace(/[\uff01-\uff5e\u3000]/gu, (ch) => {
    if (ch === '\u3000') return ' ';
    if (keep && (PROSE_PUNCTUATION.has(ch) || MARKUP_BRACKETS.has(ch))) return ch;
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
}
