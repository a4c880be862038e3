export { understandQuery, MAX_QUERY_CHARS } from './understand';
export type { UnderstoodQuery } from './understand';
