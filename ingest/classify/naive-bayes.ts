/**
 * A small multinomial Naive Bayes over weighted feature counts. "Documents" can be real texts or
 * a topic's keyword lexicon learnt as one pseudo-document: then it behaves as a keyword-weighted
 * classifier in which a keyword shared by several topics counts less than one owned by a single one.
 */

export interface NaiveBayesOptions {
  /** Additive (Lidstone) smoothing; default 0.1. Keep in (0, 1]: larger flattens the lexicon weights. */
  alpha?: number;
  /** 'uniform' (default) when training data are lexicons; 'learned' uses the examples' label frequencies. */
  prior?: 'uniform' | 'learned';
}

export type FeatureCounts = Map<string, number>;

export class MultinomialNaiveBayes {
  readonly labels: readonly string[];
  private readonly alpha: number;
  private readonly prior: 'uniform' | 'learned';
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly examples = new Map<string, number>();
  private readonly vocabulary = new Set<string>();

  constructor(labels: readonly string[], options: NaiveBayesOptions = {}) {
    if (labels.length < 2)
      throw new Error(`Naive Bayes needs at least two labels, got ${labels.length}: pass the topic list`);
    const alpha = options.alpha ?? 0.1;
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
    this.labels = labels;
    this.alpha = alpha;
    this.prior = options.prior ?? 'uniform';
    for (const label of labels) {
      this.counts.set(label, new Map());
      this.totals.set(label, 0);
      this.examples.set(label, 0);
    }
  }

  /** Adds one (pseudo-)document's feature counts to `label`, scaled by `weight`. */
  learn(features: FeatureCounts, label: string, weight = 1): void {
    const counts = this.counts.get(label);
    if (!counts) throw new Error(`unknown label "${label}"; expected one of ${this.labels.join(', ')}`);
    for (const [feature, n] of features) {
      counts.set(feature, (counts.get(feature) ?? 0) + n * weight);
      this.totals.set(label, (this.totals.get(label) ?? 0) + n * weight);
      this.vocabulary.add(feature);
    }
    this.examples.set(label, (this.examples.get(label) ?? 0) + weight);
  }

  has(feature: string): boolean {
    return this.vocabulary.has(feature);
  }

  /** Unnormalised log posteriors; features never seen in training are ignored. */
  logScores(features: FeatureCounts): Map<string, number> {
    const v = this.vocabulary.size;
    const allExamples = [...this.examples.values()].reduce((a, b) => a + b, 0);
    const scores = new Map<string, number>();
    for (const label of this.labels) {
      const counts = this.counts.get(label) as Map<string, number>;
      const denominator = Math.log((this.totals.get(label) ?? 0) + this.alpha * v);
      let score =
        this.prior === 'learned' && allExamples > 0
          ? Math.log(((this.examples.get(label) ?? 0) + 1) / (allExamples + this.labels.length))
          : 0;
      for (const [feature, n] of features) {
        if (!this.vocabulary.has(feature)) continue;
        score += n * (Math.log((counts.get(feature) ?? 0) + this.alpha) - denominator);
      }
      scores.set(label, score);
    }
    return scores;
  }

  /** Posterior probabilities (softmax of logScores), summing to 1. */
  posteriors(features: FeatureCounts): Map<string, number> {
    const logs = this.logScores(features);
    const max = Math.max(...logs.values());
    let sum = 0;
    const out = new Map<string, number>();
    for (const [label, s] of logs) {
      const e = Math.exp(s - max);
      out.set(label, e);
      sum += e;
    }
    for (const [label, e] of out) out.set(label, e / sum);
    return out;
  }
}
