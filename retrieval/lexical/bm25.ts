/** BM25 parameters. Defaults are the textbook values that BASELINES.md measured with. */
export interface Bm25Params {
  /** Term-frequency saturation; 0 = binary, higher = more credit for repeats. Default 1.2 (range 0.5–2). */
  k1: number;
  /** Length normalisation; 0 = none, 1 = full. Default 0.75 (range 0–1). */
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** Robertson–Spärck Jones IDF with the +1 that keeps it positive for very common terms. */
export function idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export function bm25TermScore(tf: number, length: number, averageLength: number, p: Bm25Params): number {
  const norm = p.k1 * (1 - p.b + (p.b * length) / (averageLength || 1));
  return (tf * (p.k1 + 1)) / (tf + norm);
}

/** BM25's term-frequency saturation of a (length-normalised, field-weighted) term frequency. */
export function saturate(tf: number, k1: number): number {
  return (tf * (k1 + 1)) / (tf + k1);
}
