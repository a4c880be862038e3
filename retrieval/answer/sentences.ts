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

/**
 * A label that opens one side of a Q&A text: a citizen's 留言 and its 答复 (as Q&A documents of
 * earlier ingests were written), or a 问/答 list in a 政策问答. Group 1: a question label; group 2:
 * an answer label. Only at the start of the text, of a line or after a sentence's end or a space,
 * so 现答复如下 or 顾问： are not labels.
 */
const SIDE_LABEL =
  /(?<=^|[\n。！？!?；;]|\s)(?:(留言内容|留言详情|留言|来信内容|来信|咨询内容|咨询|提问|问题|问)|(答复意见|答复内容|回复内容|答复|回复|解答|答))[：:]\s*/gu;

/**
 * The part of a document an answer may quote: the question side of a Q&A text is dropped and every
 * side label (留言：, 答复：, 问：, 答：…) is removed, so an answer never quotes the citizen's message
 * nor starts with "答复：". A question side runs from its label to the next answer label; a question
 * label with no answer label anywhere after it is ordinary text (a "咨询：电话…" line), kept without
 * its label. Chunks are read in order (a side carries over into the next chunk); text without labels
 * is returned as it is. This is the one rule for what answers quote (extractive.ts, library-answer.ts).
 */
export function quotableChunks<C extends { text: string }>(chunks: readonly C[]): C[] {
  return withoutQuestionSides(chunks).map((c) => {
    const text = withoutCompilationLabels(c.text);
    return text === c.text ? c : { ...c, text };
  });
}

/**
 * A compilation (政策汇编, 指引) files each policy under bracketed labels: 【享受主体】…【优惠内容】…
 * 【政策依据】…. A label starts a new sentence and is not quoted, and the 【政策依据】 part (the 《titles》
 * of the documents the policy comes from) is no answer at all: it is dropped.
 */
export function withoutCompilationLabels(text: string): string {
  if (!text.includes('【')) return text;
  return text
    .replace(/【(?:政策依据|文件依据|依据)】(?:\s*(?:[（(]\d{1,2}[)）])?\s*《[^》\n]{1,120}》(?:[（(][^（()）\n]{0,40}[)）])?[；;，,、]?)*/gu, '\n')
    .replace(/【[\u4e00-\u9fff]{2,8}】\s*/gu, '\n');
}

function withoutQuestionSides<C extends { text: string }>(chunks: readonly C[]): C[] {
  const labels = chunks.map((c) => [...c.text.matchAll(SIDE_LABEL)]);
  if (labels.every((l) => l.length === 0)) return [...chunks];
  let lastAnswer: [number, number] | null = null;
  labels.forEach((found, ci) => {
    for (const m of found) if (m[2]) lastAnswer = [ci, m.index];
  });
  const answerAfter = (ci: number, at: number): boolean =>
    lastAnswer !== null && (lastAnswer[0] > ci || (lastAnswer[0] === ci && lastAnswer[1] > at));
  let inQuestion = false;
  return chunks.map((c, ci) => {
    let text = '';
    let at = 0;
    for (const m of labels[ci]) {
      if (!inQuestion) text += c.text.slice(at, m.index);
      inQuestion = !!m[1] && answerAfter(ci, m.index);
      at = m.index + m[0].length;
    }
    if (!inQuestion) text += c.text.slice(at);
    return text === c.text ? c : { ...c, text };
  });
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
