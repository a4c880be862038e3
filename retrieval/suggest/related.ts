import { indexForm } from '../../library/analyzer';
import type { CurationSource } from '../curation';
import { maximalTokens, type QueryUnderstanding } from '../query';

/** Terms of the query used to look for related searches (the rarest first). */
const TERMS_USED = 3;

/**
 * Related searches: popular queries that share a term with the query (people who search one search the
 * other), then library titles sharing its rarest terms (more shared terms first). Bounded work: the
 * popular list is capped (5,000) and each term lists at most 8 titles.
 */
export function relatedSearches(
  q: string,
  understanding: QueryUnderstanding,
  curation: CurationSource | undefined,
  options: { site?: string; siteId?: number; limit: number },
): string[] {
  const text = indexForm(q).replace(/\s+/g, '').slice(0, 40);
  if (!text) return [];
  const snapshot = understanding.snapshot;
  const terms = maximalTokens(text)
    .filter((t) => t.length >= 2 && snapshot.related.has(t))
    .sort((a, b) => snapshot.related.get(a)!.length - snapshot.related.get(b)!.length)
    .slice(0, TERMS_USED);
  const out = new Set<string>();
  if (curation && terms.length) {
    for (const p of curation.popularQueries()) {
      if (out.size >= options.limit) break;
      if (p.query !== text && (p.site === null || p.site === options.site) && terms.some((t) => p.query.includes(t))) out.add(p.query);
    }
  }
  const shared = new Map<number, number>();
  for (const term of terms) for (const entry of snapshot.related.get(term)!) shared.set(entry, (shared.get(entry) ?? 0) + 1);
  const titles = [...shared]
    .filter(([entry]) => {
      const t = snapshot.titles[entry];
      return t.text !== text && (options.siteId === undefined || t.siteId === -1 || t.siteId === options.siteId);
    })
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [entry] of titles) {
    if (out.size >= options.limit) break;
    out.add(snapshot.titles[entry].text);
  }
  return [...out];
}
