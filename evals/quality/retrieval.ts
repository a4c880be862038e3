/**
 * Retrieval quality: every gold set against every system, in the unified library (default: all
 * documents/ files in one index, as the platform would) or per set (each set on its own documents,
 * as BASELINES.md measured).
 */
import { performance } from 'node:perf_hooks';
import { docsForSet } from '../data/gold';
import type { Corpus, EvalDoc, GoldSet } from '../data/types';
import { dropExcluded, mean, mrrAtK, ndcgAtK, recallAtK } from '../metrics/ranking';
import { summarize } from '../metrics/percentiles';
import type { LatencySummary } from '../metrics/percentiles';
import type { RetrievalSystem, SystemFactory } from '../systems/types';

/** Cut-off of every ranking metric (the Recall@k / MRR@10 / nDCG@10). */
export const RANK_CUTOFF = 10;

export type IndexMode = 'unified' | 'per-set';

export interface RetrievalResult {
  system: string;
  set: string;
  mode: IndexMode;
  queries: number;
  docs: number;
  recall1: number;
  recall10: number;
  mrr10: number;
  ndcg10: number;
  /** Milliseconds per search() call, in-process, one query at a time. */
  latency: LatencySummary;
  indexMs: number;
}

async function scoreSet(system: RetrievalSystem, set: GoldSet, mode: IndexMode, docs: number, indexMs: number): Promise<RetrievalResult> {
  const r1: number[] = [];
  const r10: number[] = [];
  const mrr: number[] = [];
  const ndcg: number[] = [];
  const times: number[] = [];
  for (const q of set.queries) {
    const t0 = performance.now();
    // Ask for enough extra hits that dropping the excluded ids still leaves k to score.
    const ranked = dropExcluded(await system.search(q.query, RANK_CUTOFF + q.exclude.length), q.exclude);
    times.push(performance.now() - t0);
    const relevant = new Set(q.relevant);
    r1.push(recallAtK(ranked, relevant, 1));
    r10.push(recallAtK(ranked, relevant, RANK_CUTOFF));
    mrr.push(mrrAtK(ranked, relevant, RANK_CUTOFF));
    ndcg.push(ndcgAtK(ranked, relevant, RANK_CUTOFF));
  }
  return {
    system: system.name,
    set: set.name,
    mode,
    queries: set.queries.length,
    docs,
    recall1: mean(r1),
    recall10: mean(r10),
    mrr10: mean(mrr),
    ndcg10: mean(ndcg),
    latency: summarize(times),
    indexMs,
  };
}

async function withIndex<T>(factory: SystemFactory, docs: EvalDoc[], use: (s: RetrievalSystem, indexMs: number) => Promise<T>): Promise<T> {
  const system = await factory.create();
  try {
    const t0 = performance.now();
    await system.index(docs);
    return await use(system, performance.now() - t0);
  } finally {
    await system.close?.();
  }
}

export interface RetrievalEvalOptions {
  mode: IndexMode;
  /** Called after each (system, set) result, for progress output. */
  onResult?: (r: RetrievalResult) => void;
}

export async function evaluateRetrieval(corpus: Corpus, factories: readonly SystemFactory[], opts: RetrievalEvalOptions): Promise<RetrievalResult[]> {
  const results: RetrievalResult[] = [];
  const push = (r: RetrievalResult): void => {
    results.push(r);
    opts.onResult?.(r);
  };
  for (const factory of factories) {
    if (opts.mode === 'unified') {
      await withIndex(factory, corpus.docs, async (system, indexMs) => {
        for (const set of corpus.goldSets) push(await scoreSet(system, set, 'unified', corpus.docs.length, indexMs));
      });
      continue;
    }
    // Per set: sets that pair with the same documents share one index.
    const groups = new Map<string, GoldSet[]>();
    for (const set of corpus.goldSets) {
      const key = set.docFiles.join('|');
      groups.set(key, [...(groups.get(key) ?? []), set]);
    }
    for (const sets of groups.values()) {
      const docs = docsForSet(sets[0], corpus.documentFiles);
      await withIndex(factory, docs, async (system, indexMs) => {
        for (const set of sets) push(await scoreSet(system, set, 'per-set', docs.length, indexMs));
      });
    }
  }
  return results;
}
