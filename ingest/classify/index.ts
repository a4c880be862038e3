/** Classification: 信息类别 by rules, 主题分类 by a lexicon-trained Naive Bayes, and its evaluation. */
export { classifyInfoType } from './info-type';
export type { InfoTypeInput, InfoTypeResult } from './info-type';
export { classifyTopic, TopicClassifier, TITLE_REPEAT, BIGRAM_WEIGHT } from './topic';
export type { TopicClassifierOptions, TopicResult, TopicTaxonomy } from './topic';
export { MultinomialNaiveBayes } from './naive-bayes';
export type { FeatureCounts, NaiveBayesOptions } from './naive-bayes';
export { taxonomySeeds } from './taxonomy-seeds';
export {
  evaluateTopicClassifier,
  scoreTopics,
  SELF_TRAIN_MIN_CONFIDENCE,
  STATE_COUNCIL_EQUIVALENTS,
} from './evaluate-topic';
export type { ClassMetrics, TopicEvaluation, TopicVariantResult } from './evaluate-topic';
export { MESSAGE_BOARD_LEXICON, STATE_COUNCIL_LEXICON } from './topic-lexicons';
export type { TopicLexicon } from './topic-lexicons';
