export { recallAtK, mrrAtK, ndcgAtK, dropExcluded, mean } from './ranking';
export { accuracy, macroF1, prfAtThreshold, bestAccuracyThreshold } from './classification';
export type { BinaryPrf } from './classification';
export { percentile, summarize } from './percentiles';
export type { LatencySummary } from './percentiles';
export { charPrf } from './char-f1';
export type { Prf } from './char-f1';
