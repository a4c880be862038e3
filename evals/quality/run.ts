/** Runs every quality evaluation on one corpus and gathers the results for the report. */
import { docsForSet } from '../data/gold';
import type { Corpus } from '../data/types';
import type { SystemFactory } from '../systems/types';
import { calibrateSupport, evaluateAnswers } from './answers';
import type { AnswerEvalResult } from './answers';
import { externalExtraction, externalTopicClassifier } from './external';
import type { External } from './external';
import { ExtractiveAnswerer } from './extractive';
import { evaluateFaq } from './faq';
import type { FaqResult } from './faq';
import { evaluateMatching } from './matching';
import type { MatchingResult } from './matching';
import { outOfScopeQuestions } from './out-of-scope';
import { ANSWERERS, FAQ_MATCHERS, SIMILARITY_SCORERS, TOPIC_CLASSIFIERS } from './registry';
import { evaluateRetrieval } from './retrieval';
import type { IndexMode, RetrievalResult } from './retrieval';
import { evaluateTopics } from './topics';
import type { TopicResult } from './topics';

export interface QualityReport {
  modes: IndexMode[];
  systems: Array<{ name: string; description: string }>;
  goldSets: Array<{ name: string; source: string; queries: number; docFiles: string[] }>;
  retrieval: RetrievalResult[];
  faq: FaqResult[];
  matching: MatchingResult[];
  answers: Array<AnswerEvalResult & { mode: IndexMode }>;
  /** How the citation-support rule behaves on the gold spans (own document vs a wrong one). */
  supportCalibration: Array<{ set: string; spans: number; supportedByOwnDoc: number; supportedByWrongDoc: number }>;
  outOfScopeFiles: string[];
  topics: TopicResult[];
  externalTopics: External;
  extraction: External;
}

export interface QualityOptions {
  /** unified (every documents/ file in one index), per-set (each set on its own documents), or both. */
  modes: IndexMode[];
  log?: (line: string) => void;
}

export async function runQuality(corpus: Corpus, factories: readonly SystemFactory[], opts: QualityOptions): Promise<QualityReport> {
  const log = opts.log ?? ((): void => undefined);
  const fmt = (x: number): string => x.toFixed(3);
  const retrieval: RetrievalResult[] = [];
  for (const mode of opts.modes) {
    const onResult = (r: RetrievalResult): void =>
      log(`retrieval [${mode}] ${r.system} ${r.set}: R@10 ${fmt(r.recall10)} MRR@10 ${fmt(r.mrr10)} nDCG@10 ${fmt(r.ndcg10)}`);
    retrieval.push(...(await evaluateRetrieval(corpus, factories, { mode, onResult })));
  }

  const faq: FaqResult[] = [];
  for (const { file, pairs } of corpus.qa.filter((q) => q.pairs.some((p) => p.questionTitle))) {
    for (const make of FAQ_MATCHERS) faq.push(await evaluateFaq(make(), file, pairs));
  }
  log(`faq: ${faq.length} results`);

  const matching: MatchingResult[] = [];
  for (const { file, pairs } of corpus.matching) for (const make of SIMILARITY_SCORERS) matching.push(await evaluateMatching(make(), file, pairs));
  log(`matching: ${matching.length} results`);

  const oos = outOfScopeQuestions(corpus);
  const answers: QualityReport['answers'] = [];
  const supportCalibration: QualityReport['supportCalibration'] = [];
  const answerSets = corpus.goldSets.filter((s) => s.queries.some((q) => q.answer !== undefined));
  for (const [mode, set] of opts.modes.flatMap((m) => answerSets.map((s) => [m, s] as const))) {
    const docs = mode === 'unified' ? corpus.docs : docsForSet(set, corpus.documentFiles);
    const docMap = new Map(docs.map((d) => [d.id, d]));
    // The citation check weighs overlap by the library's idf, taken from the BM25 reference.
    const reference = new ExtractiveAnswerer('reference', 1);
    await reference.index(docs);
    const input = { set, docs: docMap, idf: (t: string) => reference.idf(t), outOfScope: oos.questions };
    for (const make of ANSWERERS) {
      const answerer = make();
      await answerer.index?.(docs);
      try {
        answers.push({ ...(await evaluateAnswers(answerer, input)), mode });
      } finally {
        await answerer.close?.();
      }
    }
    if (supportCalibration.every((c) => c.set !== set.name)) {
      // The wrong document is BM25's best one that is not gold: a hard negative.
      const wrong = (q: string, gold: string[]): string | undefined => reference.rank(q, gold.length + 1).find((id) => !gold.includes(id));
      supportCalibration.push({ set: set.name, ...calibrateSupport(input, wrong) });
    }
  }
  log(`answers: ${answers.length} results`);

  const topics: TopicResult[] = [];
  for (const { file, examples } of corpus.topics) {
    for (const make of TOPIC_CLASSIFIERS) topics.push(await evaluateTopics(make(corpus.taxonomy), file, examples));
  }
  const externalTopics = await externalTopicClassifier(corpus.dir);
  const extraction = await externalExtraction(corpus.dir);

  return {
    modes: opts.modes,
    systems: factories.map((f) => ({ name: f.name, description: f.description })),
    goldSets: corpus.goldSets.map((s) => ({ name: s.name, source: s.source, queries: s.queries.length, docFiles: s.docFiles })),
    retrieval,
    faq,
    matching,
    answers,
    supportCalibration,
    outOfScopeFiles: oos.files,
    topics,
    externalTopics,
    extraction,
  };
}
