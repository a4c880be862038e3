export { loadCorpus } from './corpus';
export { deriveDocNumberSets, docsForSet, idIndex, pairGoldSet } from './gold';
export type {
  Corpus,
  DataFileStamp,
  DocumentFile,
  EvalDoc,
  GoldQuery,
  GoldSet,
  MatchPair,
  QaPair,
  TaxonomyEntry,
  TopicExample,
} from './types';
