import { indexForm } from '../../library/analyzer';
import { ZhiwenError } from '../../library/errors';
import { hasControlChars } from '../../library/rules';

/** Longest curated word or synonym term (characters). Longer text is a sentence, not a word. */
export const MAX_WORD_CHARS = 50;
/** Longest pinned query (characters); matches the 200 characters search analyses. */
export const MAX_PIN_QUERY_CHARS = 200;

/** The form curated words are stored and compared in: the analyzer's index form, spaces collapsed. */
export function curatedForm(text: string): string {
  return indexForm(text).replace(/\s+/g, ' ').trim();
}

/** The key a pinned query is matched by: index form without any spaces, so 社保 卡 = 社保卡 = 社保卡 (full width). */
export function pinKey(text: string): string {
  return indexForm(text).replace(/\s+/g, '');
}

/** A curated word in stored form, or a 400 that names the field and says what is wrong. */
export function checkWord(value: string, field: string): string {
  const word = curatedForm(value);
  if (!word) throw new ZhiwenError('BAD_CURATION_INPUT', `${field} is empty after trimming: give a word or phrase`);
  if (word.length > MAX_WORD_CHARS) {
    throw new ZhiwenError('BAD_CURATION_INPUT', `${field} "${word.slice(0, 20)}…" is ${word.length} characters; the limit is ${MAX_WORD_CHARS}`);
  }
  if (hasControlChars(word)) throw new ZhiwenError('BAD_CURATION_INPUT', `${field} contains control characters; remove them`);
  return word;
}

/** Distinct words in stored form, dropping any equal to `except` (a synonym never expands to itself). */
export function checkWords(values: readonly string[], field: string, except?: string): string[] {
  const words = [...new Set(values.map((v, i) => checkWord(v, `${field}[${i}]`)))].filter((w) => w !== except);
  if (words.length === 0) throw new ZhiwenError('BAD_CURATION_INPUT', `${field} needs at least one word different from the term itself`);
  return words;
}
