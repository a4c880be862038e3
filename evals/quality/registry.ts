/**
 * The matchers, scorers, answerers and classifiers the eval runs besides the retrieval systems
 * (those are in systems/registry.ts). Adding one = a file exporting a factory + one line here.
 */
import type { TaxonomyEntry } from '../data/types';
import type { Answerer } from './answers';
import { bestSentenceAnswerer, bestWindowAnswerer } from './extractive';
import { bm25FieldsMatcher, bm25TitlesMatcher } from './faq';
import type { FaqMatcher } from './faq';
import { bm25Cosine, tokenJaccard } from './matching';
import type { SimilarityScorer } from './matching';
import { taxonomyKeywordClassifier } from './topics';
import type { TopicClassifier } from './topics';
import { zhiwenAnswerer, zhiwenFaqMatcher } from './zhiwen-adapters';
import { zhiwenHybridFaqMatcher } from '../systems/zhiwen-faq-hybrid';

/** As systems/registry.ts: the hybrid FAQ matcher runs only when ZHIWEN_EMBED_MODEL names a model. */
const EMBED_MODEL = process.env.ZHIWEN_EMBED_MODEL && process.env.ZHIWEN_EMBED_MODEL !== 'none' ? process.env.ZHIWEN_EMBED_MODEL : null;

export const FAQ_MATCHERS: ReadonlyArray<() => FaqMatcher> = [
  bm25TitlesMatcher,
  bm25FieldsMatcher,
  zhiwenFaqMatcher,
  ...(EMBED_MODEL ? [() => zhiwenHybridFaqMatcher(EMBED_MODEL)] : []),
];

export const SIMILARITY_SCORERS: ReadonlyArray<() => SimilarityScorer> = [
  () => tokenJaccard,
  bm25Cosine,
  // REGISTRATION POINT (lead): an embedding-cosine scorer when a model is present.
];

/** Answerers get the library through their optional index(). */
export const ANSWERERS: ReadonlyArray<() => Answerer> = [
  bestSentenceAnswerer,
  bestWindowAnswerer,
  zhiwenAnswerer,
];

export const TOPIC_CLASSIFIERS: ReadonlyArray<(taxonomy: readonly TaxonomyEntry[]) => TopicClassifier> = [taxonomyKeywordClassifier];
