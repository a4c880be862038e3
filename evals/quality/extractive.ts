/**
 * Extractive answer baselines (BASELINES.md): BM25 (title counted twice) picks the document; the
 * answer is its sentence, or window of consecutive sentences, sharing the most IDF-weighted query
 * tokens (each distinct query token counted once). They never decline.
 */
import type { EvalDoc } from '../data/types';
import { Bm25Index } from '../systems/bm25';
import { splitSentences, tokenize } from '../text';
import type { Answerer, AnswerResult } from './answers';

export class ExtractiveAnswerer implements Answerer {
  private bm25 = new Bm25Index([1]);
  private docs = new Map<string, EvalDoc>();
  private readonly sentences = new Map<string, Array<{ text: string; tokens: Set<string> }>>();

  /** `windowSize` consecutive sentences form one candidate answer (1 = best sentence). */
  constructor(
    readonly name: string,
    private readonly windowSize: number,
  ) {}

  async index(docs: EvalDoc[]): Promise<void> {
    this.bm25 = new Bm25Index([1]);
    this.docs = new Map(docs.map((d) => [d.id, d]));
    this.sentences.clear();
    for (const d of docs) {
      const title = tokenize(d.title);
      this.bm25.add(d.id, [[...title, ...title, ...tokenize(d.text)]]);
    }
  }

  /** The library's idf of a token (what the citation check weighs overlap with). */
  idf(token: string): number {
    return this.bm25.idf(token);
  }

  /** Document ids BM25 ranks for `q` (the citation-check calibration takes a wrong one from here). */
  rank(q: string, k: number): string[] {
    return this.bm25.search(tokenize(q), k).map((s) => s.id);
  }

  private sentencesOf(id: string): Array<{ text: string; tokens: Set<string> }> {
    let s = this.sentences.get(id);
    if (!s) {
      s = splitSentences(this.docs.get(id)?.text ?? '').map((text) => ({ text, tokens: new Set(tokenize(text)) }));
      this.sentences.set(id, s);
    }
    return s;
  }

  async answer(q: string): Promise<AnswerResult> {
    const queryTokens = [...new Set(tokenize(q))];
    const top = this.bm25.search(tokenize(q), 1)[0];
    if (!top) return { text: '', citations: [] };
    const sentences = this.sentencesOf(top.id);
    let best = { start: 0, score: -1 };
    for (let start = 0; start < sentences.length; start++) {
      const window = sentences.slice(start, start + this.windowSize);
      let score = 0;
      for (const t of queryTokens) if (window.some((s) => s.tokens.has(t))) score += this.bm25.idf(t);
      if (score > best.score) best = { start, score };
    }
    const text = sentences
      .slice(best.start, best.start + this.windowSize)
      .map((s) => s.text)
      .join('');
    return { text, citations: [top.id] };
  }
}

/** Window size of the "best 3-sentence window" baseline. */
export const WINDOW_SENTENCES = 3;

export function bestSentenceAnswerer(): ExtractiveAnswerer {
  return new ExtractiveAnswerer('best-sentence', 1);
}

export function bestWindowAnswerer(): ExtractiveAnswerer {
  return new ExtractiveAnswerer('best-3-sentence-window', WINDOW_SENTENCES);
}
