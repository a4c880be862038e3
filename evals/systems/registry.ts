/**
 * Every retrieval system the harness knows, in report order. Adding a system = one file that
 * exports a SystemFactory + one line here.
 */
import { bm25Fields, bm25TitleTwice } from './bm25-systems';
import { pgAndOr, pgTsRankCd } from './pglite-fts';
import type { SystemFactory } from './types';
import { zhiwen } from './zhiwen';

export const SYSTEMS: readonly SystemFactory[] = [
  pgTsRankCd,
  pgAndOr,
  bm25TitleTwice,
  bm25Fields,
  zhiwen,
];

/** The factories named in `names` (all when empty); an unknown name fails listing the known ones. */
export function selectSystems(names: readonly string[]): SystemFactory[] {
  if (names.length === 0) return [...SYSTEMS];
  return names.map((n) => {
    const found = SYSTEMS.find((s) => s.name === n);
    if (!found) throw new Error(`unknown system "${n}"; known: ${SYSTEMS.map((s) => s.name).join(', ')}`);
    return found;
  });
}
