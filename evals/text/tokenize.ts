/**
 * The baselines' analyzer, exactly as BASELINES.md describes it: jieba search-mode cut with HMM on,
 * lower-cased, split on punctuation/symbols/whitespace, no stop words. Every baseline system,
 * matcher and answerer uses these tokens so that figures compare like with like.
 */
import { createRequire } from 'node:module';
import type * as Jieba from 'nodejieba';

// nodejieba is CommonJS with its functions attached at run time, which ESM named imports miss.
const nodejieba = createRequire(import.meta.url)('nodejieba') as typeof Jieba;

// Punctuation, symbols and whitespace separate tokens (the tsquery operators are among them, so a
// token can be quoted into a tsquery as-is).
const SEPARATORS = /[\s\p{P}\p{S}]+/u;

/** Texts seen before map to their space-joined tokens: one string per text keeps memory small. */
const cache = new Map<string, string>();
/** Above this many cached texts the cache is dropped: holds a 100k-chunk bench corpus (~60 MB), not 1M. */
const CACHE_LIMIT = 200_000;

function analyze(text: string): string[] {
  const out: string[] = [];
  for (const raw of nodejieba.cutForSearch(text, true)) {
    for (const part of raw.toLowerCase().split(SEPARATORS)) if (part) out.push(part);
  }
  return out;
}

/** Tokens of `text`, space-joined (the form PostgreSQL's 'simple' configuration reads). */
export function tokenString(text: string): string {
  let joined = cache.get(text);
  if (joined === undefined) {
    joined = analyze(text).join(' ');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, joined);
  }
  return joined;
}

/** Tokens of `text` in order, duplicates kept. */
export function tokenize(text: string): string[] {
  const joined = tokenString(text);
  return joined === '' ? [] : joined.split(' ');
}
