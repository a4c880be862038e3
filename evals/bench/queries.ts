/** Real queries for the benches: the gold sets' queries, deduplicated, in a fixed seeded order. */
import type { Corpus } from '../data/types';
import { mulberry32 } from './prng';
import { DEFAULT_SEED } from './synth';

export function benchQueries(corpus: Corpus, n: number, seed = DEFAULT_SEED): string[] {
  const all = [...new Set(corpus.goldSets.flatMap((s) => s.queries.map((q) => q.query.trim())).filter(Boolean))].sort();
  const rand = mulberry32(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, n);
}
