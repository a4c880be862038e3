/** Character counts used to tell running text from navigation and chrome. */

/** Sentence punctuation: a block that has it reads as prose, not as a menu or a label. */
const SENTENCE_PUNCT = /[，。；！？,;!?]|\.(?=\s|$)/gu;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/gu;

/** Collapses runs of HTML whitespace (not U+3000: Chinese paragraphs are indented with it). */
export function collapseSpaces(text: string): string {
  return text.replace(/[ \t\r\n\f\u00a0]+/g, ' ');
}

/** Non-whitespace characters: the unit of the evaluation metric, so the unit of our scores. */
export function visibleLength(text: string): number {
  return text.replace(/\s+/gu, '').length;
}

export function punctuationCount(text: string): number {
  return text.match(SENTENCE_PUNCT)?.length ?? 0;
}

export function cjkCount(text: string): number {
  return text.match(CJK)?.length ?? 0;
}
