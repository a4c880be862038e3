/**
 * Every retrieval system the harness knows, in report order. Adding a system = one file that
 * exports a SystemFactory + one line here.
 */
import { bm25Fields, bm25TitleTwice } from './bm25-systems';
import { pgAndOr, pgTsRankCd } from './pglite-fts';
import type { SystemFactory } from './types';
import { zhiwen } from './zhiwen';
import { zhiwenOpenSearch, zhiwenSeparate } from './zhiwen-opensearch';
import { parseEmbedLimits, zhiwenHybrid } from './zhiwen-hybrid';
import { zhiwenVector } from './zhiwen-vector';

/**
 * ZHIWEN_EMBED_MODEL (hub id or local folder, or with ZHIWEN_EMBED_URL the model an OpenAI-compatible
 * server serves, as for `zhiwen serve`): vector and hybrid are measured only with a model.
 */
const EMBED_MODEL = process.env.ZHIWEN_EMBED_MODEL && process.env.ZHIWEN_EMBED_MODEL !== 'none' ? process.env.ZHIWEN_EMBED_MODEL : null;
const EMBED_BATCH = Number(process.env.ZHIWEN_EMBED_BATCH) || undefined;
const EMBED_LIMITS = parseEmbedLimits(process.env.ZHIWEN_EVAL_EMBED_LIMIT);
/** OPENSEARCH_URL (a node: scripts/opensearch.sh start): the OpenSearch backend and its embedded counterpart are measured. */
const OPENSEARCH_URL = process.env.OPENSEARCH_URL || null;

export const SYSTEMS: readonly SystemFactory[] = [
  pgTsRankCd,
  pgAndOr,
  bm25TitleTwice,
  bm25Fields,
  zhiwen,
  ...(OPENSEARCH_URL ? [zhiwenSeparate, zhiwenOpenSearch(OPENSEARCH_URL)] : []),
  ...(EMBED_MODEL
    ? [
        zhiwenVector(EMBED_MODEL, { batchSize: EMBED_BATCH, limits: EMBED_LIMITS }),
        zhiwenHybrid(EMBED_MODEL, { batchSize: EMBED_BATCH, limits: EMBED_LIMITS }),
      ]
    : []),
];

/** The factories named in `names` (all when empty); an unknown name fails listing the known ones. */
export function selectSystems(names: readonly string[]): SystemFactory[] {
  if (names.length === 0) return [...SYSTEMS];
  return names.map((n) => {
    const found = SYSTEMS.find((s) => s.name === n);
    if (!found && (n === 'zhiwen-hybrid' || n === 'zhiwen-vector')) {
      throw new Error(`${n} needs an embedding model: set ZHIWEN_EMBED_MODEL to a hub id or a local model folder, or with ZHIWEN_EMBED_URL to the model that server serves`);
    }
    if (!found && (n === 'zhiwen-opensearch' || n === 'zhiwen-separate')) {
      throw new Error(`${n} needs an OpenSearch node: set OPENSEARCH_URL (start one with scripts/opensearch.sh start)`);
    }
    if (!found) throw new Error(`unknown system "${n}"; known: ${SYSTEMS.map((s) => s.name).join(', ')}`);
    return found;
  });
}
