/**
 * Out-of-scope questions, taken from real data rather than invented: the `a` side of the matching
 * sets that PROVENANCE.md describes as open-domain (LCQMC) or financial customer service (AFQMC),
 * i.e. outside a government library's scope. PAWS-X is left out: its items are statements, not questions.
 */
import { createHash } from 'node:crypto';
import type { Corpus } from '../data/types';

/** Matching files whose questions count as out of scope, matched on the file name. */
export const OUT_OF_SCOPE_SOURCES = /lcqmc|afqmc/iu;
/** Questions kept (a fixed hash-ordered sample): bounds the run; ±4.4 points at 95 % for a share. */
export const OUT_OF_SCOPE_SAMPLE = 500;

const hashKey = (text: string): string => createHash('sha1').update(`oos:${text}`).digest('hex');

export function outOfScopeQuestions(corpus: Corpus, sample = OUT_OF_SCOPE_SAMPLE): { files: string[]; questions: string[] } {
  const files = corpus.matching.filter((m) => OUT_OF_SCOPE_SOURCES.test(m.file));
  const distinct = [...new Set(files.flatMap((m) => m.pairs.map((p) => p.a.trim())).filter(Boolean))];
  const questions = distinct
    .map((q) => ({ q, key: hashKey(q) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .slice(0, sample)
    .map((x) => x.q);
  return { files: files.map((m) => m.file), questions };
}
