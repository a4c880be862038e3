/**
 * Every retrieval system the harness knows, in report order. Adding a system = one file that
 * exports a SystemFactory + one line here.
 */
import { bm25Fields, bm25TitleTwice } from './bm25-systems';
import { pgAndOr, pgTsRankCd } from './pglite-fts';
import type { SystemFactory } from './types';
import { zhiwen } from './zhiwen';
import { zhiwenHybrid } from './zhiwen-hybrid';

/** ZHIWEN_EMBED_MODEL (hub id or local folder, as for `zhiwen serve`): hybrid is measured only with a model. */
const EMBED_MODEL = process.env.ZHIWEN_EMBED_MODEL && process.env.ZHIWEN_EMBED_MODEL !== 'none' ? process.env.ZHIWEN_EMBED_MODEL : null;
const EMBED_BATCH = Number(process.env.ZHIWEN_EMBED_BATCH) || undefined;

export const SYSTEMS: readonly SystemFactory[] = [
  pgTsRankCd,
  pgAndOr,
  bm25TitleTwice,
  bm25Fields,
  zhiwen,
  ...(EMBED_MODEL ? [zhiwenHybrid(EMBED_MODEL, { batchSize: EMBED_BATCH })] : []),
];

/** The factories named in `names` (all when empty); an unknown name fails listing the known ones. */
export function selectSystems(names: readonly string[]): SystemFactory[] {
  if (names.length === 0) return [...SYSTEMS];
  return names.map((n) => {
    const found = SYSTEMS.find((s) => s.name === n);
    if (!found && n === 'zhiwen-hybrid') {
      throw new Error('zhiwen-hybrid needs an embedding model: set ZHIWEN_EMBED_MODEL to a hub id or a local model folder');
    }
    if (!found) throw new Error(`unknown system "${n}"; known: ${SYSTEMS.map((s) => s.name).join(', ')}`);
    return found;
  });
}
