/** Near-duplicate (repost) detection: 64-bit SimHash over character 3-grams and a banded LSH index. */
export { simhash64, simhashHex, hammingDistance, fingerprintText, SHINGLE } from './simhash';
export { NearDuplicateIndex, DEFAULT_MAX_DISTANCE } from './near-duplicate-index';
export type { AddResult, NearDuplicateOptions } from './near-duplicate-index';
