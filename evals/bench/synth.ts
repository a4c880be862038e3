/**
 * Reproducible synthetic corpus at any size: chunks of about TARGET_CHARS characters built by
 * recombining real sentences of the corpus (seeded), so term frequencies look like real text.
 */
import type { EvalDoc } from '../data/types';
import { splitSentences } from '../text';
import { mulberry32 } from './prng';

/** Chunk length BASELINES.md's speed figures used (~316 characters on average). */
export const TARGET_CHARS = 300;
/** Sentences outside this length range are dropped: fragments and whole unsplit paragraphs. */
const MIN_SENTENCE_CHARS = 8;
const MAX_SENTENCE_CHARS = 200;
export const DEFAULT_SEED = 20240601;

export interface SentencePool {
  sentences: string[];
  titles: string[];
}

export function sentencePool(docs: readonly EvalDoc[]): SentencePool {
  const sentences: string[] = [];
  for (const d of docs) {
    for (const s of splitSentences(d.text)) if (s.length >= MIN_SENTENCE_CHARS && s.length <= MAX_SENTENCE_CHARS) sentences.push(s);
  }
  const titles = docs.map((d) => d.title).filter(Boolean);
  if (sentences.length === 0 || titles.length === 0) throw new Error('the corpus has no usable sentences or titles to build a synthetic corpus from');
  return { sentences, titles };
}

/** "10k" → 10000, "1m" → 1000000, "2500" → 2500. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/iu.exec(text.trim());
  if (!m) throw new Error(`size "${text}" is not a number like 10k, 100k or 1m`);
  const n = Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1);
  return Math.round(n);
}

/** Yields n chunks; the same (pool, n, seed) always gives the same chunks. */
export function* synthChunks(pool: SentencePool, n: number, seed = DEFAULT_SEED): Generator<EvalDoc> {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  for (let i = 0; i < n; i++) {
    let text = '';
    while (text.length < TARGET_CHARS) text += pick(pool.sentences);
    yield {
      id: `synth-${i}`,
      title: pick(pool.titles),
      text,
      category: null,
      docNumber: null,
      issuer: null,
      published: null,
      site: 'synthetic',
    };
  }
}
