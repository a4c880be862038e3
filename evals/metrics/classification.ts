/** Classification metrics: accuracy, per-class and macro F1, and binary P/R/F1 at a threshold. */

export interface BinaryPrf {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function checkSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new RangeError(`predictions (${a.length}) and gold (${b.length}) differ in length`);
}

/** Share of positions where prediction equals gold (0 for empty input). */
export function accuracy<T>(predicted: readonly T[], gold: readonly T[]): number {
  checkSameLength(predicted, gold);
  if (gold.length === 0) return 0;
  let right = 0;
  for (let i = 0; i < gold.length; i++) if (predicted[i] === gold[i]) right++;
  return right / gold.length;
}

/**
 * Macro F1: the unweighted mean of per-class F1 over the classes that occur in gold or predictions
 * (a class never predicted and never true does not count; one predicted but never true scores 0).
 */
export function macroF1(predicted: readonly string[], gold: readonly string[]): { macroF1: number; perClass: Record<string, number> } {
  checkSameLength(predicted, gold);
  const classes = [...new Set([...gold, ...predicted])].sort();
  const perClass: Record<string, number> = {};
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === c && gold[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    perClass[c] = f1Of(tp + fp === 0 ? 0 : tp / (tp + fp), tp + fn === 0 ? 0 : tp / (tp + fn));
  }
  const values = Object.values(perClass);
  return { macroF1: values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length, perClass };
}

/** Binary P/R/F1/accuracy when a score >= threshold predicts the positive label (1). */
export function prfAtThreshold(scores: readonly number[], labels: readonly (0 | 1)[], threshold: number): BinaryPrf {
  checkSameLength(scores, labels);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < scores.length; i++) {
    const positive = scores[i] >= threshold;
    if (positive && labels[i] === 1) tp++;
    else if (positive) fp++;
    else if (labels[i] === 1) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const n = scores.length;
  return { precision, recall, f1: f1Of(precision, recall), accuracy: n === 0 ? 0 : (tp + tn) / n };
}

/**
 * The threshold maximising accuracy on (scores, labels): candidates are the distinct scores
 * (a threshold between two scores classifies like the upper one) plus +Infinity (all negative).
 * Ties go to the lowest threshold, so the choice is deterministic.
 */
export function bestAccuracyThreshold(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  checkSameLength(scores, labels);
  const candidates = [...new Set(scores)].sort((a, b) => a - b);
  candidates.push(Number.POSITIVE_INFINITY);
  let best = candidates[0];
  let bestAcc = -1;
  for (const t of candidates) {
    const acc = prfAtThreshold(scores, labels, t).accuracy;
    if (acc > bestAcc) {
      bestAcc = acc;
      best = t;
    }
  }
  return best;
}
