/**
 * FAQ matching on the real consultation data: the knowledge base is the messages' titles with their
 * official replies; each message body (the question minus its title line) asks for its own entry.
 */
import type { QaPair } from '../data/types';
import { Bm25Index } from '../systems/bm25';
import { FIELD_WEIGHTS } from '../systems/bm25-systems';
import { tokenize } from '../text';

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
}

export interface FaqMatch {
  id: string;
  score: number;
  /** Calibrated probability in [0, 1] that this entry answers the query, if the matcher has one. */
  confidence?: number;
}

export interface FaqMatcher {
  name: string;
  build(entries: FaqEntry[]): void | Promise<void>;
  match(q: string, k: number): Promise<FaqMatch[]>;
}

/** Confidence thresholds at which precision/recall of the top-1 answer are reported. */
export const CONFIDENCE_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export interface ThresholdPoint {
  threshold: number;
  /** Share of queries whose top-1 confidence reaches the threshold. */
  answered: number;
  /** Right top-1 among the answered. */
  precision: number;
  /** Right and answered among all queries. */
  recall: number;
}

export interface FaqResult {
  matcher: string;
  file: string;
  queries: number;
  top1: number;
  top3: number;
  /** Null when the matcher gave no confidence. */
  thresholds: ThresholdPoint[] | null;
}

/** FAQ cases from QA pairs that carry a title line: entry = (title, answer), query = the body. */
export function faqCases(pairs: readonly QaPair[]): { entries: FaqEntry[]; queries: Array<{ id: string; query: string }> } {
  const entries: FaqEntry[] = [];
  const queries: Array<{ id: string; query: string }> = [];
  for (const p of pairs) {
    if (!p.questionTitle) continue;
    entries.push({ id: p.id, question: p.questionTitle, answer: p.answer });
    const body = p.question.startsWith(p.questionTitle) ? p.question.slice(p.questionTitle.length) : p.question.replace(/^[^\n]*\n?/u, '');
    if (body.trim()) queries.push({ id: p.id, query: body.trim() });
  }
  return { entries, queries };
}

export async function evaluateFaq(matcher: FaqMatcher, file: string, pairs: readonly QaPair[]): Promise<FaqResult> {
  const { entries, queries } = faqCases(pairs);
  await matcher.build(entries);
  let top1 = 0;
  let top3 = 0;
  const tops: Array<{ right: boolean; confidence: number | undefined }> = [];
  for (const q of queries) {
    const hits = await matcher.match(q.query, 3);
    const right = hits[0]?.id === q.id;
    if (right) top1++;
    if (hits.slice(0, 3).some((h) => h.id === q.id)) top3++;
    tops.push({ right, confidence: hits[0]?.confidence });
  }
  const n = queries.length || 1;
  // A query without hits (or a hit without confidence) counts as confidence 0: not answered.
  const withConfidence = tops.some((t) => t.confidence !== undefined);
  const thresholds = withConfidence
    ? CONFIDENCE_THRESHOLDS.map((threshold) => {
        const answered = tops.filter((t) => (t.confidence ?? 0) >= threshold);
        const right = answered.filter((t) => t.right).length;
        return { threshold, answered: answered.length / n, precision: answered.length ? right / answered.length : 0, recall: right / n };
      })
    : null;
  return { matcher: matcher.name, file, queries: queries.length, top1: top1 / n, top3: top3 / n, thresholds };
}

/** BM25 over the entries' questions, optionally with the answers as a second field. */
class Bm25FaqMatcher implements FaqMatcher {
  private index = new Bm25Index([1]);

  constructor(
    readonly name: string,
    private readonly withAnswers: boolean,
  ) {}

  build(entries: FaqEntry[]): void {
    this.index = this.withAnswers ? new Bm25Index([FIELD_WEIGHTS.title, FIELD_WEIGHTS.body]) : new Bm25Index([1]);
    for (const e of entries) {
      const fields = this.withAnswers ? [tokenize(e.question), tokenize(e.answer)] : [tokenize(e.question)];
      this.index.add(e.id, fields);
    }
  }

  async match(q: string, k: number): Promise<FaqMatch[]> {
    return this.index.search(tokenize(q), k);
  }
}

export function bm25TitlesMatcher(): FaqMatcher {
  return new Bm25FaqMatcher('bm25-titles', false);
}

export function bm25FieldsMatcher(): FaqMatcher {
  return new Bm25FaqMatcher('bm25-fields', true);
}
