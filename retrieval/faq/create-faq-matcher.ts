import { FaqIndex, type FaqIndexOptions } from './faq-index';

export interface FaqMatcherEntry {
  id: string;
  question: string;
  alternatives?: string[];
  answer: string;
}

export interface FaqMatcher {
  /** Best entries first, at most `k`, each with its score and calibrated confidence in [0, 1]. */
  match(q: string, k: number): Promise<Array<{ id: string; score: number; confidence: number }>>;
}

/** A FAQ matcher over a fixed list of entries (what the evals harness and hit tests call). */
export function createFaqMatcher(entries: readonly FaqMatcherEntry[], options: FaqIndexOptions = {}): FaqMatcher {
  const index = new FaqIndex(options);
  const ids: string[] = [];
  for (const e of entries) {
    index.upsert({ id: ids.length, phrasings: [e.question, ...(e.alternatives ?? [])], answer: e.answer });
    ids.push(e.id);
  }
  return {
    async match(q: string, k: number) {
      return index.match(q, { limit: k }).map((m) => ({ id: ids[m.id], score: m.score, confidence: m.confidence }));
    },
  };
}
