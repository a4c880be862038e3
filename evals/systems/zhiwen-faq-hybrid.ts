import { createHybridFaqMatcher, type FaqMatcher as ZhiwenFaqMatcher } from '../../retrieval/faq';
import type { FusionSettings } from '../../retrieval/hybrid';
import type { FaqEntry, FaqMatch, FaqMatcher } from '../quality/faq';
import { openEvalEmbedder } from './eval-embedder';

/**
 * Zhiwen's hybrid FAQ matcher (retrieval/faq createHybridFaqMatcher: FaqIndex ∥ the entries' nearest
 * questions by the model, fused) for the harness's FAQ table; the model through the disk cache.
 * Listed by evals/quality/registry.ts only when ZHIWEN_EMBED_MODEL is set.
 */
export function zhiwenHybridFaqMatcher(model: string, fusion?: Partial<FusionSettings>): FaqMatcher {
  let matcher: ZhiwenFaqMatcher | null = null;
  return {
    name: 'zhiwen-faq-hybrid',
    async build(entries: FaqEntry[]) {
      matcher = await createHybridFaqMatcher(entries, { embedder: await openEvalEmbedder(model), fusion });
    },
    async match(q: string, k: number): Promise<FaqMatch[]> {
      if (!matcher) throw new Error('build() first');
      return matcher.match(q, k);
    },
  };
}
