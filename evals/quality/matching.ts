/**
 * Question-matching pairs: a similarity scorer's threshold is chosen on one half of the pairs
 * (maximum accuracy) and its accuracy and F1 are reported on the other half. The halves come from
 * a hash of the pair id, so they never change between runs or systems.
 */
import { createHash } from 'node:crypto';
import type { MatchPair } from '../data/types';
import { bestAccuracyThreshold, prfAtThreshold } from '../metrics/classification';
import { BM25_DEFAULTS } from '../systems/bm25';
import { tokenize } from '../text';

export interface SimilarityScorer {
  name: string;
  /** Sees every text of the pair file first (no labels), e.g. to collect document frequencies. */
  prepare?(texts: readonly string[]): void | Promise<void>;
  score(a: string, b: string): number;
}

export interface MatchingResult {
  scorer: string;
  file: string;
  tunePairs: number;
  testPairs: number;
  threshold: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

/** True for the tuning half: sha1(id), first 8 hex digits, even. */
export function isTuneHalf(id: string): boolean {
  return Number.parseInt(createHash('sha1').update(id).digest('hex').slice(0, 8), 16) % 2 === 0;
}

export async function evaluateMatching(scorer: SimilarityScorer, file: string, pairs: readonly MatchPair[]): Promise<MatchingResult> {
  await scorer.prepare?.(pairs.flatMap((p) => [p.a, p.b]));
  const tune = pairs.filter((p) => isTuneHalf(p.id));
  const test = pairs.filter((p) => !isTuneHalf(p.id));
  const threshold = bestAccuracyThreshold(
    tune.map((p) => scorer.score(p.a, p.b)),
    tune.map((p) => p.label),
  );
  const r = prfAtThreshold(
    test.map((p) => scorer.score(p.a, p.b)),
    test.map((p) => p.label),
    threshold,
  );
  return { scorer: scorer.name, file, tunePairs: tune.length, testPairs: test.length, threshold, ...r };
}

/** Jaccard similarity of the two texts' token sets. */
export const tokenJaccard: SimilarityScorer = {
  name: 'token-jaccard',
  score(a, b) {
    const sa = new Set(tokenize(a));
    const sb = new Set(tokenize(b));
    if (sa.size === 0 && sb.size === 0) return 0;
    let inter = 0;
    for (const t of sa) if (sb.has(t)) inter++;
    return inter / (sa.size + sb.size - inter);
  },
};

/** Cosine of BM25-weighted term vectors; document frequencies from the pair file's texts. */
export function bm25Cosine(): SimilarityScorer {
  const df = new Map<string, number>();
  let n = 0;
  let avgLen = 1;
  const vector = (text: string): Map<string, number> => {
    const { k1, b } = BM25_DEFAULTS;
    const tokens = tokenize(text);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [t, f] of tf) {
      const d = df.get(t) ?? 0;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      v.set(t, (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * tokens.length) / avgLen)));
    }
    return v;
  };
  const norm = (v: Map<string, number>): number => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  return {
    name: 'bm25-cosine',
    prepare(texts) {
      df.clear();
      n = texts.length;
      let total = 0;
      for (const text of texts) {
        const tokens = tokenize(text);
        total += tokens.length;
        for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
      }
      avgLen = total / Math.max(1, n) || 1;
    },
    score(a, b) {
      const va = vector(a);
      const vb = vector(b);
      let dot = 0;
      for (const [t, w] of va) dot += w * (vb.get(t) ?? 0);
      const d = norm(va) * norm(vb);
      return d === 0 ? 0 : dot / d;
    },
  };
}
