import { indexForm } from './fold';
import { segmentForSearch } from './segment';
import { STOPWORDS } from './stopwords';

/** Bump when tokens change: a stored library analysed by another version must be re-indexed. */
export const ANALYZER_VERSION = 1;

/** A token carries meaning only if it has a letter or digit (drops punctuation and spaces). */
const MEANINGFUL = /[\p{L}\p{N}]/u;

export interface AnalyzeOptions {
  /** Keep stopwords (used for phrase checks and snippets). Default false. */
  keepStopwords?: boolean;
}

/**
 * The one analysis chain for indexing and querying: width folding → Traditional→Simplified →
 * lower case → jieba search-mode segmentation (HMM on) → drop punctuation → drop stopwords.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): string[] {
  const tokens: string[] = [];
  for (const raw of segmentForSearch(indexForm(text))) {
    const token = raw.trim();
    if (!token || !MEANINGFUL.test(token)) continue;
    if (!options.keepStopwords && STOPWORDS.has(token)) continue;
    tokens.push(token);
  }
  return tokens;
}
