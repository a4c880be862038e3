import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';

/**
 * jieba's keyword extractor (never used here: Zhiwen weights terms itself) loads a 6 MB IDF table
 * at load(); a one-line table keeps its 16 MiB out of every process.
 */
const UNUSED_IDF_TABLE = fileURLToPath(new URL('./jieba-idf-unused.utf8', import.meta.url));

let loaded = false;
const userWords = new Set<string>();

/**
 * Loads jieba's dictionaries once per process (about 1.5 s; ~110 MiB resident with the slim build
 * that `npm install` makes, see scripts/slim-nodejieba.mjs).
 */
export function ensureSegmenterLoaded(): void {
  if (loaded) return;
  nodejieba.load({ idfDict: UNUSED_IDF_TABLE });
  loaded = true;
}

/**
 * Search-mode segmentation with the HMM on: without it jieba splits every unknown word, number
 * and Latin word into characters (2017 → 2·0·1·7), which wrecks 文号 and new programme names.
 */
export function segmentForSearch(text: string): string[] {
  ensureSegmenterLoaded();
  return nodejieba.cutForSearch(text, true);
}

/** Adds words jieba does not know (the government user dictionary grown from the library). */
export function addUserWords(words: Iterable<string>): number {
  ensureSegmenterLoaded();
  let added = 0;
  for (const word of words) {
    if (word.length < 2 || userWords.has(word)) continue;
    nodejieba.insertWord(word);
    userWords.add(word);
    added++;
  }
  return added;
}
