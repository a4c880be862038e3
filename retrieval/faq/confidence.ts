/**
 * Calibrated confidence that a FAQ entry answers a question: a logistic function of three features
 * of the ranking. Constants fitted on the consultation set (../shared/corpus/qa/taidi2020c_qa.jsonl:
 * knowledge base = message titles + official replies, queries = message bodies), on the half of the
 * queries whose sha1(id) is even, by `fitLogistic` over three kinds of examples:
 *   - each query against the full knowledge base (label: is the top entry its own),
 *   - each query with its own entry removed (label 0: the question is not in the knowledge base),
 *   - 20 % of the distinct LCQMC/AFQMC `a` questions (label 0: out of scope).
 * `faq-corpus.test.ts` refits them and checks they have not drifted. Held-out half (375 queries):
 * Brier 0.060; top-1 0.880, top-3 0.949; in-KB queries answered / precision at confidence ≥ 0.8:
 * 0.627 / 1.000, at ≥ 0.3: 0.784 / 0.986; a query whose entry is missing reaches ≥ 0.8 in 2.9 %
 * (≥ 0.3 in 12 %), an out-of-scope question in 0.5 % (≥ 0.3 in 1.3 %).
 */
export const FAQ_CONFIDENCE = {
  intercept: -14.498,
  /** × ln(1 + top score) */
  logTopScore: 1.722,
  /** × (top − second) / top */
  margin: 5.926,
  /** × IDF-weighted share of the matched phrasing's tokens found in the question */
  coverage: 7.107,
} as const;

/**
 * Answer tiers. ≥ HIGH: the curated answer verbatim (precision 1.000 on both halves, see above).
 * ≥ MEDIUM: "您是不是想问" suggestions (fitting half: of 67 such queries the right entry was first in 56
 * and in the top 3 in 61). Below: answer from the library.
 */
export const FAQ_TIERS = { high: 0.8, medium: 0.3 } as const;
/**
 * A suggestion below the first must score at least this share of the first entry's score: on the
 * fitting half, every right entry at rank 2–3 of a medium-tier query scored ≥ 0.72 of the first.
 */
export const SUGGEST_SCORE_RATIO = 0.7;

export interface FaqFeatures {
  topScore: number;
  /** (top − second) / top, 1 when there is no second entry. */
  margin: number;
  /** IDF-weighted share of the matched phrasing's tokens present in the question (0–1). */
  coverage: number;
}

export const featureVector = (f: FaqFeatures): number[] => [Math.log1p(f.topScore), f.margin, f.coverage];

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function faqConfidence(f: FaqFeatures, c: typeof FAQ_CONFIDENCE = FAQ_CONFIDENCE): number {
  if (f.topScore <= 0) return 0;
  const [a, b, d] = featureVector(f);
  return sigmoid(c.intercept + c.logTopScore * a + c.margin * b + c.coverage * d);
}

/**
 * Logistic regression by Newton's method (a handful of features, thousands of examples): returns
 * [intercept, ...weights]. A tiny ridge keeps the Hessian invertible on separable data.
 */
export function fitLogistic(examples: ReadonlyArray<{ x: readonly number[]; y: 0 | 1 }>, iterations = 25): number[] {
  const d = (examples[0]?.x.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const e of examples) {
      const xs = [1, ...e.x];
      const p = sigmoid(xs.reduce((s, v, i) => s + v * w[i], 0));
      for (let i = 0; i < d; i++) {
        g[i] += (p - e.y) * xs[i];
        for (let j = 0; j < d; j++) h[i][j] += p * (1 - p) * xs[i] * xs[j];
      }
    }
    for (let i = 0; i < d; i++) h[i][i] += 1e-6;
    const step = solve(h, g);
    w = w.map((v, i) => v - step[i]);
  }
  return w;
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let k = i + 1; k < n; k++) if (Math.abs(m[k][i]) > Math.abs(m[p][i])) p = k;
    [m[i], m[p]] = [m[p], m[i]];
    for (let k = i + 1; k < n; k++) {
      const f = m[k][i] / m[i][i];
      for (let j = i; j <= n; j++) m[k][j] -= f * m[i][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n];
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j];
    x[i] = s / m[i][i];
  }
  return x;
}
