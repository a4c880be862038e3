import type { PassageDocument } from '../../library/consultation';
import { indexForm } from '../../library/analyzer';
import { carriesAnswer, type QuestionKind } from './question-kind';
import { countOccurrences, documentSentences, quotableChunks, type Sentence } from './sentences';

export interface QueryTerm {
  term: string;
  /** The term's IDF in the library. */
  idf: number;
  /** Words that stand for it (retrieval's synonyms: 二孩 for 二胎); a sentence holding one holds the term. */
  alternatives?: readonly string[];
}

/** Occurrences of a term, or else of its first alternative that occurs, in `text`. */
function termCount(text: string, t: QueryTerm): number {
  const n = countOccurrences(text, t.term);
  if (n > 0 || !t.alternatives) return n;
  for (const a of t.alternatives) {
    const m = countOccurrences(text, a);
    if (m > 0) return m;
  }
  return 0;
}
const holds = (text: string, t: QueryTerm): boolean => termCount(text, t) > 0;

/**
 * Sentence selection. Chosen on the policy QA gold (retrieval/ncp2020_policy_qa_gold.jsonl, 339
 * questions, per-set library), tuning on the questions whose sha1(qid) is even and reporting the
 * others: cites the right policy / contains the official span / character F1 = 0.850 / 0.578 / 0.394
 * on the tuning half, 0.916 / 0.639 / 0.375 held out (BASELINES.md best sentence 0.841 / 0.466 /
 * 0.307, best 3-sentence window 0.841 / 0.560 / 0.266). One-at-a-time changes from this point, on
 * the tuning half: titleTermWeight 0.3 → 0.514 / 0.374 contained/F1; minAnswerChars 30 → 0.549 /
 * 0.392; mix 1 (coverage only) → 0.497 / 0.357; no lead rule → 0.514 / 0.368; documentWeight 0.1 →
 * cites 0.832. End to end (createAnswerer, evals' evaluateAnswers, declines counted as misses):
 * per-set library 0.850 / 0.605 / 0.384, citation precision 0.993; unified library 0.832 / 0.572 /
 * 0.364 (the harness baselines there: best sentence 0.829 / 0.440 / 0.280, window 0.829 / 0.558 / 0.221).
 *
 * 2026-12-03, unified library, ranked by SearchService.retrieve, scorer alone (no declines), tuning
 * (sha1(qid) even) / held-out halves: before 0.815 / 0.532 / 0.381 and 0.892 / 0.602 / 0.367; with
 * bigramWeight 0.3, kindWeight 0.1, documentCoverageWeight 0.3: 0.838 / 0.555 / 0.391 and 0.916 /
 * 0.633 / 0.382. One at a time from there (tuning half): bigramWeight 0.5 → 0.832 / 0.538; kindWeight
 * 0.2 → 0.838 / 0.549; documentCoverageWeight 0.6 → 0.844 / 0.555 (held out 0.910 / 0.627);
 * minAnswerChars 80 → contains 0.584 but F1 0.379, 120 → 0.618 / 0.369 (longer answers trade F1 for
 * containment; 50 kept). End to end in the harness: 0.864 / 0.578 / 0.372, citation precision 0.990.
 */
export interface ExtractiveOptions {
  /** BM25 saturation and length normalisation of a sentence (1.2 / 0.75; b 1 and 0.5 were worse). */
  k1?: number;
  b?: number;
  /** Characters that count as an average sentence for length normalisation (40; 20–60 within noise). */
  averageLength?: number;
  /** Weight of the document's retrieval score (as a share of the best document's) added to a sentence's. */
  documentWeight?: number;
  /**
   * Weight of query terms the document's title already holds, when scoring its sentences: the title
   * chose the document; the answer is the sentence holding the rest of the question.
   */
  titleTermWeight?: number;
  /** Sentence score = mix × IDF coverage + (1 − mix) × normalised BM25. */
  mix?: number;
  /** Weight of the share of the question's character pairs a sentence holds (segmentation-proof overlap). */
  bigramWeight?: number;
  /** Bonus of a sentence that carries what the question asks for (a figure for 多少, a date for 何时). */
  kindWeight?: number;
  /** Weight of the share of the query's IDF weight the whole document (title included) holds. */
  documentCoverageWeight?: number;
  /** An answer shorter than this (characters) takes the next sentence as well. */
  minAnswerChars?: number;
  /** Longest answer text, characters (display bound). */
  maxAnswerChars?: number;
}

export const EXTRACTIVE_DEFAULTS: Required<ExtractiveOptions> = {
  k1: 1.2,
  b: 0.75,
  averageLength: 40,
  documentWeight: 0.3,
  titleTermWeight: 0.1,
  mix: 0.5,
  bigramWeight: 0.3,
  kindWeight: 0.1,
  documentCoverageWeight: 0.3,
  minAnswerChars: 50,
  maxAnswerChars: 400,
};

export interface RetrievedDocument {
  doc: PassageDocument;
  /** Retrieval score (SearchService). */
  score: number;
}

export interface Extract {
  /** Index into the retrieved list of the document the answer comes from. */
  docIndex: number;
  sentences: Sentence[];
  /** The best sentence (the answer may start after it when it only restates the question). */
  best: Sentence;
  score: number;
}

/** The evidence that decides whether to answer at all (see decline.ts). */
export interface Evidence {
  /** Best share of the query's IDF weight present anywhere in one retrieved document (0–1). */
  documentCoverage: number;
  /** Most query IDF weight held by one sentence, divided by ln(1 + chunks in the library). */
  sentenceEvidence: number;
  /** Largest share of the question's character pairs held by one sentence (0–1). */
  bigramShare: number;
}

/** Chunks of one document whose sentences are scored: bounds the work on long texts (codes of law). */
export const FOCUS_CHUNKS = 8;

/**
 * The chunks of a long document worth reading: the FOCUS_CHUNKS holding the most query weight (by a
 * cheap substring test on the raw text) and the chunk after each (an answer may continue there).
 */
export function focusChunks<C extends { text: string }>(chunks: readonly C[], terms: readonly QueryTerm[]): C[] {
  if (chunks.length <= FOCUS_CHUNKS * 2) return [...chunks];
  const held = chunks.map((c, i) => ({ i, w: terms.reduce((s, t) => s + (holds(c.text.toLowerCase(), t) ? t.idf : 0), 0) }));
  const keep = new Set<number>();
  for (const { i } of held.filter((h) => h.w > 0).sort((a, b) => b.w - a.w || a.i - b.i).slice(0, FOCUS_CHUNKS)) {
    keep.add(i);
    if (i + 1 < chunks.length) keep.add(i + 1);
  }
  return [...keep].sort((a, b) => a - b).map((i) => chunks[i]);
}

/**
 * A lead restates the question rather than answering it: a question, a line ending in a colon, a
 * numbered heading, or a fragment. The answer is the sentence after it.
 */
export function isLead(text: string): boolean {
  return /[？?：:]$/.test(text) || text.length <= 25 || (text.length <= 30 && /^[（(]?[一二三四五六七八九十\d]+[、.．)）]/.test(text));
}

/**
 * Never an answer, whatever words it shares with the question: an article or section heading
 * ("第二章 提取条件", "一、总则") and a statement of purpose ("为规范……，制定本办法").
 */
export function isNeverAnswer(text: string): boolean {
  return (
    (text.length <= 30 && /^第[一二三四五六七八九十百零〇\d]+[章节编部分]/u.test(text) && !/[。；;]/u.test(text)) ||
    (text.length <= 16 && /^[一二三四五六七八九十]+、[^，。；]*$/u.test(text)) ||
    /^(?:第[一二三四五六七八九十百零〇\d]+条\s*)?为了?[^。]{2,80}(?:特?制定本|制定本)(?:办法|规定|条例|细则|措施|方案|意见|通知|规则)/u.test(text)
  );
}

/** The start of a list item: （一）, 1., 一、, ①. */
const LIST_ITEM = /^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)|[①-⑳])/u;

/** A question as the extractive scorer reads it. */
export interface AnswerQuery {
  /** Distinct analyzed terms with their library IDF (asking words such as 多少 left out). */
  terms: readonly QueryTerm[];
  /** Distinct CJK character pairs of the question (question-kind.ts questionBigrams). */
  bigrams: readonly string[];
  kind: QuestionKind;
}

const bigramShare = (folded: string, bigrams: readonly string[]): number =>
  bigrams.length === 0 ? 0 : bigrams.reduce((n, b) => n + (folded.includes(b) ? 1 : 0), 0) / bigrams.length;

/** One scored candidate answer sentence: its document, the document's sentences, where it sits. */
export interface ScoredSentence {
  docIndex: number;
  sentences: Sentence[];
  at: number;
  combined: number;
}

/** Scores every candidate sentence of the retrieved documents, and measures the evidence. */
export function scoreSentences(
  query: AnswerQuery, retrieved: readonly RetrievedDocument[], libraryChunks: number, options: ExtractiveOptions = {},
): { candidates: ScoredSentence[]; evidence: Evidence } {
  const o = { ...EXTRACTIVE_DEFAULTS, ...options };
  const { terms, bigrams, kind } = query;
  const evidence: Evidence = { documentCoverage: 0, sentenceEvidence: 0, bigramShare: 0 };
  const candidates: ScoredSentence[] = [];
  const plainTotal = terms.reduce((s, t) => s + t.idf, 0);
  if (plainTotal === 0 || retrieved.length === 0) return { candidates, evidence };
  const bestDocScore = Math.max(...retrieved.map((r) => r.score), 1e-9);
  const logN = Math.log1p(Math.max(1, libraryChunks));
  retrieved.forEach(({ doc, score: docScore }, docIndex) => {
    const title = indexForm(doc.title);
    const weights = terms.map((t) => (holds(title, t) ? t.idf * o.titleTermWeight : t.idf));
    const total = weights.reduce((s, w) => s + w, 0) || 1;
    const sentences = documentSentences(focusChunks(quotableChunks(doc.chunks), terms));
    const seen = new Uint8Array(terms.length);
    const scored: Array<{ at: number; score: number }> = [];
    sentences.forEach((s, at) => {
      let held = 0;
      let bm25 = 0;
      let plainHeld = 0;
      const norm = o.k1 * (1 - o.b + (o.b * s.folded.length) / o.averageLength);
      terms.forEach((t, i) => {
        const tf = termCount(s.folded, t);
        if (tf === 0) return;
        seen[i] = 1;
        plainHeld += t.idf;
        held += weights[i];
        bm25 += (weights[i] * tf * (o.k1 + 1)) / (tf + norm);
      });
      evidence.sentenceEvidence = Math.max(evidence.sentenceEvidence, plainHeld / logN);
      if (held === 0) return;
      const pairs = bigramShare(s.folded, bigrams);
      evidence.bigramShare = Math.max(evidence.bigramShare, pairs);
      if (isNeverAnswer(s.text)) return;
      const lexical = o.mix * (held / total) + (1 - o.mix) * (bm25 / (total * (o.k1 + 1)));
      // What the question asks for may sit in the sentence after a lead ("……如下：").
      const answerPart = isLead(s.text) && sentences[at + 1] ? sentences[at + 1].text : s.text;
      const score = lexical + o.bigramWeight * pairs + (carriesAnswer(kind, answerPart) ? o.kindWeight : 0);
      scored.push({ at, score });
    });
    // Terms in the title count as present in the document.
    terms.forEach((t, i) => {
      if (holds(title, t)) seen[i] = 1;
    });
    const coverage = terms.reduce((s, t, i) => s + (seen[i] ? t.idf : 0), 0) / plainTotal;
    evidence.documentCoverage = Math.max(evidence.documentCoverage, coverage);
    const docPart = o.documentWeight * (docScore / bestDocScore) + o.documentCoverageWeight * coverage;
    for (const { at, score } of scored) candidates.push({ docIndex, sentences, at, combined: score + docPart });
  });
  return { candidates, evidence };
}

/** Picks the answer sentences among the retrieved documents' sentences, and measures the evidence. */
export function extractAnswer(
  query: AnswerQuery, retrieved: readonly RetrievedDocument[], libraryChunks: number, options: ExtractiveOptions = {},
): { extract: Extract | null; evidence: Evidence } {
  const { candidates, evidence } = scoreSentences(query, retrieved, libraryChunks, options);
  return { extract: pickAnswer(candidates, options), evidence };
}

/** The text a candidate offers as an answer: the sentence after a lead, else the sentence itself. */
export function answerPart(c: ScoredSentence): string {
  const next = c.sentences[c.at + 1];
  return isLead(c.sentences[c.at].text) && next ? next.text : c.sentences[c.at].text;
}

/** The best candidates by their combined score, best first (what a semantic re-ranking reads). */
export function topCandidates(candidates: readonly ScoredSentence[], n: number): ScoredSentence[] {
  return [...candidates].sort((a, b) => b.combined - a.combined || a.docIndex - b.docIndex || a.at - b.at).slice(0, n);
}

/**
 * The answer among scored candidates: the best combined score (plus `bonus`, e.g. a semantic
 * similarity computed for the top few), extended to the sentence after a lead, the lead-in of a list
 * item, or the next sentence of a short answer.
 */
export function pickAnswer(
  candidates: readonly ScoredSentence[], options: ExtractiveOptions = {}, bonus: (c: ScoredSentence) => number = () => 0,
): Extract | null {
  const o = { ...EXTRACTIVE_DEFAULTS, ...options };
  let top: ScoredSentence | null = null;
  let topScore = -Infinity;
  for (const c of candidates) {
    const score = c.combined + bonus(c);
    if (score > topScore) [top, topScore] = [c, score];
  }
  if (!top) return null;
  const { docIndex, sentences, at, combined } = top;
  let lo = at;
  let hi = at;
  if (isLead(sentences[at].text) && sentences[at + 1]) lo = hi = at + 1;
  // A list item is true only under its lead-in ("职工有下列情形之一的，可以提取：" + "（三）租赁自住住房的").
  const leadIn = sentences[lo - 1];
  const withLeadIn = LIST_ITEM.test(sentences[lo].text) && !!leadIn && /[：:]$/u.test(leadIn.text) && !isNeverAnswer(leadIn.text);
  if (withLeadIn) lo--;
  let length = sentences[hi].text.length;
  const next = sentences[hi + 1];
  if (!withLeadIn && length < o.minAnswerChars && next && !isNeverAnswer(next.text) && length + next.text.length <= o.maxAnswerChars) {
    hi++;
    length += sentences[hi].text.length;
  }
  return { docIndex, sentences: sentences.slice(lo, hi + 1), best: sentences[at], score: combined };
}
