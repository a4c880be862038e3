export { tokenize, tokenString } from './tokenize';
export { splitSentences, normalizeSpan } from './sentences';
