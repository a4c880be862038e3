/**
 * Citation support by token overlap. An answer sentence is supported by a cited document when some
 * passage of that document (up to PASSAGE_SENTENCES consecutive sentences) holds at least
 * SUPPORT_THRESHOLD of the sentence's IDF weight (its distinct tokens, each weighted by its idf in
 * the library). Citation markers like [1] or [^1] after a sentence point into the citation list;
 * an answer without any marker is taken to cite all its citations for every sentence.
 */
import type { EvalDoc } from '../data/types';
import { splitSentences, tokenize } from '../text';

/** Sentences per passage: extractive answers of up to 3 sentences (the window baseline) fit one. */
export const PASSAGE_SENTENCES = 3;
/**
 * Share of a sentence's IDF weight a passage must hold. Chosen on the policy QA gold (eval report,
 * "Citation-support rule"): official answer spans are supported by their own document in 0.956 of
 * cases and by BM25's best wrong document in 0.139 (dev corpus, unified library).
 */
export const SUPPORT_THRESHOLD = 0.8;

export type Idf = (token: string) => number;

const MARKER = /\[\^?(\d+)\]/gu;

/** The answer's sentences with the citation ids each one carries. */
export function citedSentences(text: string, citations: readonly string[]): Array<{ sentence: string; cites: string[] }> {
  const anyMarker = /\[\^?\d+\]/u.test(text);
  return splitSentences(text).map((raw) => {
    const cites = anyMarker ? [...raw.matchAll(MARKER)].map((m) => citations[Number(m[1]) - 1]).filter((c): c is string => !!c) : [...citations];
    return { sentence: raw.replace(MARKER, '').trim(), cites };
  });
}

/** Per-document passages as token sets, cached by document id. */
export class PassageIndex {
  private readonly cache = new Map<string, Array<Set<string>>>();

  constructor(
    private readonly docs: ReadonlyMap<string, EvalDoc>,
    private readonly idf: Idf,
  ) {}

  private passages(id: string): Array<Set<string>> {
    let p = this.cache.get(id);
    if (p) return p;
    const doc = this.docs.get(id);
    const sentences = doc ? splitSentences(`${doc.title}\n${doc.text}`).map((s) => tokenize(s)) : [];
    p = [];
    for (let i = 0; i < sentences.length; i++) p.push(new Set(sentences.slice(i, i + PASSAGE_SENTENCES).flat()));
    this.cache.set(id, p);
    return p;
  }

  /** Best share of the sentence's IDF weight held by one passage of document `id` (0–1). */
  coverage(sentence: string, id: string): number {
    const tokens = [...new Set(tokenize(sentence))];
    const total = tokens.reduce((s, t) => s + this.idf(t), 0);
    if (total === 0) return 0;
    let best = 0;
    for (const passage of this.passages(id)) {
      let held = 0;
      for (const t of tokens) if (passage.has(t)) held += this.idf(t);
      best = Math.max(best, held / total);
    }
    return best;
  }

  supports(sentence: string, id: string): boolean {
    return this.coverage(sentence, id) >= SUPPORT_THRESHOLD;
  }
}
