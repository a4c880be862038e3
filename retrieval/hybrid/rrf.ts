/** One ranking to fuse: ids best first, and how much a place in it counts (≥ 0). */
export interface RankedList<T> {
  ids: readonly T[];
  weight: number;
}

export interface FusedItem<T> {
  id: T;
  /** Σ weight / (k + rank) over the lists that hold the id. */
  score: number;
  /** The id's 1-based rank in each list, in the lists' order; null where a list lacks it. */
  ranks: Array<number | null>;
}

/**
 * RRF's k, from the paper that introduced it (Cormack, Clarke & Büttcher, SIGIR 2009: k = 60 was
 * robust across TREC collections). With multilingual-e5-small, k 5–60 were within 0.01 on the dev sets,
 * and the calibrated blend beat RRF: hybrid search blends by default (options.ts, evals/README.md).
 */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: score(d) = Σᵢ wᵢ / (k + rankᵢ(d)), rank counted from 1; a list that lacks d
 * adds nothing. Only ranks are used, so scores on different scales (BM25, cosine) need no calibration.
 * Ties go to the better rank in the earlier list, then the next list's, then the first list's order
 * of appearance. An id repeated within a list counts at its first (best) place; ids that score 0 (only
 * in zero-weight lists) are dropped. Pure: same input, same output.
 */
export function reciprocalRankFusion<T>(
  lists: ReadonlyArray<RankedList<T>>,
  k: number = RRF_K,
): Array<FusedItem<T>> {
  if (!(Number.isFinite(k) && k > 0)) throw new RangeError(`RRF k must be a finite number > 0, got ${k}`);
  const fused = new Map<T, FusedItem<T>>();
  lists.forEach((list, li) => {
    if (!(Number.isFinite(list.weight) && list.weight >= 0)) {
      throw new RangeError(`RRF list ${li} weight must be a finite number ≥ 0, got ${list.weight}`);
    }
    list.ids.forEach((id, i) => {
      let item = fused.get(id);
      if (!item) {
        item = { id, score: 0, ranks: lists.map(() => null) };
        fused.set(id, item);
      }
      if (item.ranks[li] !== null) return;
      item.ranks[li] = i + 1;
      item.score += list.weight / (k + i + 1);
    });
  });
  const byRank = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);
  // Map iteration order is first appearance, and Array.prototype.sort is stable: the last tie-break.
  return [...fused.values()]
    .filter((item) => item.score > 0)
    .sort((a, b) => {
      if (b.score !== a.score) return b.score - a.score;
      for (let li = 0; li < lists.length; li++) {
        const d = byRank(a.ranks[li], b.ranks[li]);
        if (d !== 0) return d;
      }
      return 0;
    });
}
