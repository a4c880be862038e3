import type { ResolvedHybridOptions } from './options';
import { reciprocalRankFusion } from './rrf';

/** A ranking with its scores, best first (BM25F × signals for lexical; prior-weighted similarity for vector). */
export type ScoredList<T> = ReadonlyArray<{ id: T; score: number }>;

/** What fusion reads of the options. */
export type FusionSettings = Pick<
  ResolvedHybridOptions,
  'method' | 'k' | 'lexicalWeight' | 'vectorWeight' | 'lexicalDepth' | 'vectorDepth' | 'blendLexicalShare' | 'lexicalLeadRatio'
>;

/** Scores mapped onto [0, 1] within their list: the top → 1, the last kept → 0 (all equal → 1). */
function minMax<T>(list: ScoredList<T>): Map<T, number> {
  const top = list[0]?.score ?? 0;
  const floor = list.at(-1)?.score ?? 0;
  const span = top - floor;
  return new Map(list.map((x) => [x.id, span > 0 ? (x.score - floor) / span : 1]));
}

/**
 * The two rankings fused into one, best first, each with its fused score. Each list is first cut to
 * its depth. 'rrf': Σ weight / (k + rank), ranks only. 'blend': share × lexical + (1 − share) × vector,
 * each side's scores min-max calibrated within the query's list (a side that lacks the document adds
 * 0); ties go to the better lexical, then vector, rank. With lexicalLeadRatio > 0, a lexical top scoring
 * at least that many times the second stays first. Pure, and generic so evals can tune it offline.
 */
export function fuseScored<T>(
  lexical: ScoredList<T>,
  vector: ScoredList<T>,
  s: FusionSettings,
): Array<{ id: T; score: number }> {
  const fused = fuseBoth(lexical, vector, s);
  // A lexical top far above the second (a title the query names, 上海市实施《…法》办法) stays first.
  const lead = lexical[0];
  if (!lead || s.lexicalLeadRatio <= 0 || !(lead.score >= s.lexicalLeadRatio * (lexical[1]?.score ?? 0))) return fused;
  const top = fused[0]?.score ?? 0;
  return [{ id: lead.id, score: top + 1e-9 }, ...fused.filter((f) => f.id !== lead.id)];
}

function fuseBoth<T>(
  lexical: ScoredList<T>,
  vector: ScoredList<T>,
  s: FusionSettings,
): Array<{ id: T; score: number }> {
  const lex = lexical.slice(0, s.lexicalDepth);
  const vec = vector.slice(0, s.vectorDepth);
  if (s.method === 'rrf') {
    return reciprocalRankFusion(
      [
        { ids: lex.map((h) => h.id), weight: s.lexicalWeight },
        { ids: vec.map((h) => h.id), weight: s.vectorWeight },
      ],
      s.k,
    ).map(({ id, score }) => ({ id, score }));
  }
  const [l, v] = [minMax(lex), minMax(vec)];
  const lexRank = new Map(lex.map((h, i) => [h.id, i]));
  const vecRank = new Map(vec.map((h, i) => [h.id, i]));
  const ids = [...new Set([...lex.map((h) => h.id), ...vec.map((h) => h.id)])];
  const share = s.blendLexicalShare;
  return ids
    .map((id) => ({ id, score: share * (l.get(id) ?? 0) + (1 - share) * (v.get(id) ?? 0) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (lexRank.get(a.id) ?? Infinity) - (lexRank.get(b.id) ?? Infinity) ||
        (vecRank.get(a.id) ?? Infinity) - (vecRank.get(b.id) ?? Infinity),
    );
}
