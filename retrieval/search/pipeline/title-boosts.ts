import { MIN_TITLE_KEY } from '../document-keys';
import type { LibraryReplica } from '../replica';

/** Longest title looked for inside a query; longer titles are matched by the exact-title pin. */
const MAX_TITLE_CHARS = 60;

/**
 * A document whose whole title appears inside the query (上海市实施《中华人民共和国食品安全法》办法 names
 * 中华人民共和国食品安全法) is what the query is about: its score grows with the share of the query
 * its title covers (applied inside the ranking, so the page is exact). Titles shorter than
 * MIN_TITLE_KEY characters are too generic to count. Returns score multipliers by document slot.
 */
export function containedTitleBoosts(query: string, replica: LibraryReplica, boost: number): Map<number, number> | undefined {
  if (query.length < MIN_TITLE_KEY || boost === 0) return undefined;
  const coverage = new Map<number, number>();
  const longest = Math.min(query.length, MAX_TITLE_CHARS);
  for (let start = 0; start + MIN_TITLE_KEY <= query.length; start++) {
    for (let len = MIN_TITLE_KEY; len <= longest && start + len <= query.length; len++) {
      for (const id of replica.keys.byTitle(query.slice(start, start + len))) {
        const slot = replica.index.slotOf(id);
        if (slot !== undefined) coverage.set(slot, Math.max(coverage.get(slot) ?? 0, len / query.length));
      }
    }
  }
  if (coverage.size === 0) return undefined;
  return new Map([...coverage].map(([slot, share]) => [slot, 1 + boost * share]));
}
