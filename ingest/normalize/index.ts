/** Text normalisation and Chinese date parsing shared by every ingest stage. */
export { normalizeText, foldWidth } from './normalize-text';
export type { NormalizeOptions } from './normalize-text';
export { parseChineseDate, parseChineseDatePartial, findChineseDates } from './chinese-date';
export type { DateMatch, DatePrecision, PartialDate } from './chinese-date';
