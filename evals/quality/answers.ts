/**
 * Policy answers: does the answer cite the right document (its top citation), contain the official
 * answer span (whitespace removed), and how close is it by character F1; are its sentences
 * supported by what they cite; and does it decline out-of-scope questions.
 */
import type { EvalDoc, GoldSet } from '../data/types';
import { charPrf } from '../metrics/char-f1';
import { mean } from '../metrics/ranking';
import { normalizeSpan } from '../text';
import { citedSentences, PassageIndex } from './citations';
import type { Idf } from './citations';

export interface AnswerResult {
  text: string;
  /** Cited document ids, most important first. */
  citations: string[];
  /** True when the answerer declines (e.g. the question is outside the library's scope). */
  declined?: boolean;
}

export interface Answerer {
  name: string;
  /** Sees the library first (the baselines index it; an adapter over a live service may skip it). */
  index?(docs: EvalDoc[]): Promise<void>;
  answer(q: string): Promise<AnswerResult>;
  close?(): Promise<void>;
}

export interface AnswerEvalResult {
  answerer: string;
  set: string;
  questions: number;
  /** Top citation is the gold document. */
  citesRight: number;
  /** Normalised official answer span occurs in the normalised answer. */
  containsSpan: number;
  charPrecision: number;
  charRecall: number;
  charF1: number;
  /** Supported sentences among answer sentences that carry a citation (citations.ts rule). */
  citationPrecision: number;
  citedSentences: number;
  /** Share of in-scope questions declined (declined answers score 0 on the measures above). */
  inScopeDeclined: number;
  outOfScope: { questions: number; declined: number };
}

export interface AnswerEvalInput {
  set: GoldSet;
  docs: ReadonlyMap<string, EvalDoc>;
  /** IDF used by the citation check (the library's). */
  idf: Idf;
  outOfScope: readonly string[];
}

export async function evaluateAnswers(answerer: Answerer, input: AnswerEvalInput): Promise<AnswerEvalResult> {
  const passages = new PassageIndex(input.docs, input.idf);
  const cites: number[] = [];
  const spans: number[] = [];
  const p: number[] = [];
  const r: number[] = [];
  const f: number[] = [];
  let declined = 0;
  let checked = 0;
  let supported = 0;
  const questions = input.set.queries.filter((q) => q.answer !== undefined);
  for (const q of questions) {
    const a = await answerer.answer(q.query);
    if (a.declined) declined++;
    const text = a.declined ? '' : a.text;
    cites.push(!a.declined && a.citations[0] !== undefined && q.relevant.includes(a.citations[0]) ? 1 : 0);
    const gold = q.answer ?? '';
    spans.push(text && normalizeSpan(text).includes(normalizeSpan(gold)) ? 1 : 0);
    const prf = charPrf(text, gold);
    p.push(prf.precision);
    r.push(prf.recall);
    f.push(prf.f1);
    if (a.declined) continue;
    for (const { sentence, cites: ids } of citedSentences(a.text, a.citations)) {
      if (ids.length === 0 || !sentence) continue;
      checked++;
      if (ids.some((id) => passages.supports(sentence, id))) supported++;
    }
  }
  let oosDeclined = 0;
  for (const q of input.outOfScope) if ((await answerer.answer(q)).declined) oosDeclined++;
  return {
    answerer: answerer.name,
    set: input.set.name,
    questions: questions.length,
    citesRight: mean(cites),
    containsSpan: mean(spans),
    charPrecision: mean(p),
    charRecall: mean(r),
    charF1: mean(f),
    citationPrecision: checked === 0 ? 0 : supported / checked,
    citedSentences: checked,
    inScopeDeclined: questions.length === 0 ? 0 : declined / questions.length,
    outOfScope: { questions: input.outOfScope.length, declined: input.outOfScope.length === 0 ? 0 : oosDeclined / input.outOfScope.length },
  };
}

/**
 * How well the support rule separates right from wrong citations on the gold itself: each official
 * answer span against its own document (should be supported) and against `wrongDoc(q)` (should not).
 */
export function calibrateSupport(input: AnswerEvalInput, wrongDoc: (query: string, gold: string[]) => string | undefined) {
  const passages = new PassageIndex(input.docs, input.idf);
  let own = 0;
  let wrong = 0;
  let n = 0;
  for (const q of input.set.queries) {
    if (!q.answer) continue;
    n++;
    if (q.relevant.some((id) => passages.supports(q.answer ?? '', id))) own++;
    const other = wrongDoc(q.query, q.relevant);
    if (other && passages.supports(q.answer, other)) wrong++;
  }
  return { spans: n, supportedByOwnDoc: n ? own / n : 0, supportedByWrongDoc: n ? wrong / n : 0 };
}
