/**
 * Ranking metrics with binary relevance. `ranked` is a system's result list (best first), already
 * cut or not; each function looks only at its first k entries. A query with no relevant ids scores 0.
 */

function topK(ranked: readonly string[], k: number): readonly string[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  return ranked.length > k ? ranked.slice(0, k) : ranked;
}

/** Share of the relevant ids found in the top k. */
export function recallAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (const id of new Set(topK(ranked, k))) if (relevant.has(id)) hits++;
  return hits / relevant.size;
}

/** Reciprocal rank of the first relevant id in the top k (0 if none). */
export function mrrAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  const top = topK(ranked, k);
  for (let i = 0; i < top.length; i++) if (relevant.has(top[i])) return 1 / (i + 1);
  return 0;
}

/** nDCG@k, gain 1 per relevant id at rank r discounted by log2(r + 1); ideal = all relevant first. */
export function ndcgAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  const top = topK(ranked, k);
  const seen = new Set<string>();
  let dcg = 0;
  for (let i = 0; i < top.length; i++) {
    if (relevant.has(top[i]) && !seen.has(top[i])) dcg += 1 / Math.log2(i + 2);
    seen.add(top[i]);
  }
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, k); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** Ranking with the gold line's `exclude` ids removed (done before any cut to k). */
export function dropExcluded(ranked: readonly string[], exclude: readonly string[] | undefined): string[] {
  if (!exclude || exclude.length === 0) return [...ranked];
  const drop = new Set(exclude);
  return ranked.filter((id) => !drop.has(id));
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
