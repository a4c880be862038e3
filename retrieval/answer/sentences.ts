import { indexForm } from '../../library/analyzer';

/** One sentence of a document, with where it sits (for neighbouring context and citation). */
export interface Sentence {
  text: string;
  /** Index form (folded, Simplified, lower case) of `text`, same length, for term matching. */
  folded: string;
  /** Position in the document's sentence list. */
  index: number;
}

/**
 * A sentence ends at 。！？!? (and their run), at a line break, or at a run of 3+ spaces (feeds that
 * lost their line breaks keep paragraphs apart with spaces). Semicolons do not end a sentence: list
 * items joined by ；belong to one answer.
 */
const SENTENCE = /[^。！？!?\n]+?(?:[。！？!?]+[”’」』）)]?|(?=\n)|(?= {3,}|\u3000{2,})|$)|[。！？!?]+/gu;

/** The sentences of a text with their character ranges. */
export function sentenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(SENTENCE)) {
    const raw = m[0];
    const start = (m.index ?? 0) + (raw.length - raw.trimStart().length);
    const end = (m.index ?? 0) + raw.trimEnd().length;
    if (end > start && /[\p{L}\p{N}]/u.test(raw)) out.push([start, end]);
  }
  return out;
}

export function splitSentences(text: string): string[] {
  return sentenceRanges(text).map(([a, b]) => text.slice(a, b));
}

/** Every sentence of a document's chunks, in order. Each chunk is folded once (not per sentence). */
export function documentSentences(chunks: ReadonlyArray<{ text: string }>): Sentence[] {
  const sentences: Sentence[] = [];
  for (const chunk of chunks) {
    const folded = indexForm(chunk.text);
    // Folding keeps one character per character for CJK and ASCII; if not, match on lower case.
    const haystack = folded.length === chunk.text.length ? folded : chunk.text.toLowerCase();
    for (const [a, b] of sentenceRanges(chunk.text)) {
      sentences.push({ text: chunk.text.slice(a, b), folded: haystack.slice(a, b), index: sentences.length });
    }
  }
  return sentences;
}

/** Occurrences of `term` in `text` (non-overlapping). */
export function countOccurrences(text: string, term: string): number {
  if (!term) return 0;
  let n = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) n++;
  return n;
}
