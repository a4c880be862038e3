import type { Evidence } from './extractive';

/**
 * Whether the library answers a question at all: a logistic function of the retrieval evidence.
 * Fitted (fitLogistic, class-balanced) on the questions whose sha1 is even of: the policy QA gold
 * (in scope), the consultation message titles (in scope, unified library only) and 500 LCQMC/AFQMC
 * `a` questions (out of scope: open-domain and financial customer service), pooled over two
 * libraries: the policy documents alone (162) and every documents/ file (1,602). Held-out halves at
 * p ≥ 0.5: policy library, policy questions answered 0.969, out-of-scope declined 0.902; unified
 * library, policy answered 0.982, consultation answered 0.805, out-of-scope declined 0.902.
 * End to end through createAnswerer (current ingest pipeline, all questions, fitting halves included):
 * unified library, distinct LCQMC `a` declined 0.911, AFQMC 0.876, policy questions answered 0.968,
 * consultation titles answered 0.817; policy library, LCQMC 0.946, AFQMC 0.840, policy answered 0.971.
 * Query length was left out on purpose: it separated the sets (LCQMC questions are short) but would
 * decline the short questions citizens type ("公积金提取").
 */
export const DECLINE_MODEL = {
  intercept: -6.987,
  /** × Evidence.documentCoverage */
  documentCoverage: 1.867,
  /** × Evidence.sentenceEvidence */
  sentenceEvidence: 3.738,
  /** Answer when the probability is at least this. */
  threshold: 0.5,
} as const;

/** Probability that the library holds an answer to the question. */
export function answerProbability(e: Evidence): number {
  const z = DECLINE_MODEL.intercept + DECLINE_MODEL.documentCoverage * e.documentCoverage + DECLINE_MODEL.sentenceEvidence * e.sentenceEvidence;
  return 1 / (1 + Math.exp(-z));
}

export function shouldAnswer(e: Evidence): boolean {
  return answerProbability(e) >= DECLINE_MODEL.threshold;
}
