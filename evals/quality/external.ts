/**
 * Evaluations other engineers own, called when their modules exist. The module paths are held in
 * variables so that a missing module is a "not available" line in the report, not a compile error.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type External = { status: 'ok'; module: string; result: unknown } | { status: 'not available'; reason: string };

async function callIfPresent(candidates: readonly string[], exportName: string, corpusDir: string): Promise<External> {
  const modulePath = candidates.map((rel) => fileURLToPath(new URL(rel, import.meta.url))).find((p) => existsSync(p));
  if (!modulePath) return { status: 'not available', reason: `none of ${candidates.join(', ')} exists yet` };
  let mod: Record<string, unknown>;
  try {
    mod = (await import(modulePath)) as Record<string, unknown>;
  } catch (err) {
    return { status: 'not available', reason: `${modulePath} failed to load: ${(err as Error).message.split('\n')[0]}` };
  }
  const fn = mod[exportName];
  if (typeof fn !== 'function') return { status: 'not available', reason: `${modulePath} exports no ${exportName}()` };
  return { status: 'ok', module: relative(REPO_ROOT, modulePath), result: (await (fn as (dir: string) => unknown)(corpusDir)) ?? null };
}

/** Page extraction (evals/quality/extraction.ts, `evaluateExtraction(corpusDir)`). */
export function externalExtraction(corpusDir: string): Promise<External> {
  return callIfPresent(['./extraction.ts'], 'evaluateExtraction', corpusDir);
}

/** Topic classification by ingest (ingest/classify, `evaluateTopicClassifier(corpusDir)`). */
export function externalTopicClassifier(corpusDir: string): Promise<External> {
  return callIfPresent(['../../ingest/classify/index.ts', '../../ingest/classify.ts'], 'evaluateTopicClassifier', corpusDir);
}
