/**
 * 主题分类 of a text. The shipped model is a multinomial Naive Bayes whose training documents are
 * the hand-written lexicons (topic-lexicons.ts): no corpus is needed at run time. `learn` adds real
 * or pseudo-labelled texts (then character bigrams become features too); evaluate-topic.ts measures
 * both on the labelled dev messages, which are never used for training.
 */
import { normalizeText } from '../normalize';
import { MultinomialNaiveBayes } from './naive-bayes';
import type { FeatureCounts } from './naive-bayes';
import { MESSAGE_BOARD_LEXICON, STATE_COUNCIL_LEXICON } from './topic-lexicons';
import type { TopicLexicon } from './topic-lexicons';

export type TopicTaxonomy = 'message-board' | 'state-council';

export interface TopicResult {
  /** Best topic; '其他' (state-council) or null (message-board) when no topic word occurs. */
  topic: string | null;
  /** Posterior of `topic` under the model (0 when nothing matched). Overconfident on short texts. */
  confidence: number;
  /** Posterior per topic, summing to 1. */
  scores: Record<string, number>;
}

export interface TopicClassifierOptions {
  /** Default 'state-council' (the 主题分类 of DocumentInput.topic); 'message-board' for 问政 messages. */
  taxonomy?: TopicTaxonomy;
  /** Extra keyword seeds per topic (e.g. from taxonomySeeds), learnt with weight SEED_WEIGHT. */
  seeds?: Record<string, string[]>;
  /** Naive Bayes smoothing, default 0.1 (see NaiveBayesOptions.alpha). */
  alpha?: number;
  /** Scale of character-bigram features once `learn` was called (they outnumber lexicon terms ~20:1); default BIGRAM_WEIGHT. */
  bigramWeight?: number;
}

/** Lexicon weights: a strong term counts as three occurrences, a usual one as one, a seed as one. */
const STRONG_WEIGHT = 3;
const TERM_WEIGHT = 1;
const SEED_WEIGHT = 1;
/** The title is repeated this many times in the features: it names the topic more often than the body. */
export const TITLE_REPEAT = 2;
/**
 * Only used after `learn`. Measured on the dev messages, self-trained variant (evaluate-topic.ts):
 * 0.05 → 0.800, 0.1 → 0.785, 0.25 → 0.785, 0.5 → 0.754 accuracy, all below the lexicon-only 0.862,
 * so the shipped model does not learn; 0.25 keeps bigrams from drowning the lexicon when a caller does.
 */
export const BIGRAM_WEIGHT = 0.25;

const LEXICONS: Record<TopicTaxonomy, Record<string, TopicLexicon>> = {
  'message-board': MESSAGE_BOARD_LEXICON,
  'state-council': STATE_COUNCIL_LEXICON,
};

function split(words: string): string[] {
  return words.split(/\s+/u).filter((w) => w !== '');
}

/** Counts of every CJK character bigram. */
function bigrams(text: string): FeatureCounts {
  const out: FeatureCounts = new Map();
  for (const run of text.match(/[\u4e00-\u9fa5]{2,}/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const g = `#${run.slice(i, i + 2)}`;
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}

export class TopicClassifier {
  readonly taxonomy: TopicTaxonomy;
  readonly topics: readonly string[];
  private readonly model: MultinomialNaiveBayes;
  /** Longest first, so a text is scanned once per term. */
  private readonly terms: string[];
  private usesBigrams = false;
  private readonly bigramWeight: number;

  constructor(options: TopicClassifierOptions = {}) {
    this.taxonomy = options.taxonomy ?? 'state-council';
    this.bigramWeight = options.bigramWeight ?? BIGRAM_WEIGHT;
    const lexicon = LEXICONS[this.taxonomy];
    this.topics = Object.keys(lexicon);
    this.model = new MultinomialNaiveBayes(this.topics, { alpha: options.alpha });
    const termSet = new Set<string>();
    const learnWords = (topic: string, words: string[], weight: number): void => {
      const features: FeatureCounts = new Map();
      for (const w of words) {
        features.set(w, (features.get(w) ?? 0) + 1);
        termSet.add(w);
      }
      this.model.learn(features, topic, weight);
    };
    for (const [topic, { strong, terms }] of Object.entries(lexicon)) {
      learnWords(topic, split(strong), STRONG_WEIGHT);
      learnWords(topic, split(terms), TERM_WEIGHT);
    }
    for (const [topic, words] of Object.entries(options.seeds ?? {})) {
      if (!this.topics.includes(topic)) {
        throw new Error(
          `seed topic "${topic}" is not in the ${this.taxonomy} taxonomy (${this.topics.join(', ')})`,
        );
      }
      learnWords(topic, words, SEED_WEIGHT);
    }
    this.terms = [...termSet].sort((a, b) => b.length - a.length);
  }

  /**
   * Lexicon-term counts, longest match first (社会保险 hides the 保险 inside it), damped as
   * 1 + log tf so one repeated word does not decide alone; plus bigrams once `learn` was called.
   */
  features(text: string): FeatureCounts {
    const out: FeatureCounts = new Map();
    const covered = new Uint8Array(text.length);
    for (const term of this.terms) {
      let n = 0;
      for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
        if (covered.subarray(at, at + term.length).includes(1)) continue;
        covered.fill(1, at, at + term.length);
        n++;
      }
      if (n > 0) out.set(term, 1 + Math.log(n));
    }
    if (this.usesBigrams) {
      for (const [g, n] of bigrams(text))
        if (this.model.has(g)) out.set(g, this.bigramWeight * (1 + Math.log(n)));
    }
    return out;
  }

  /** Learns from labelled (or confidently pseudo-labelled) texts; enables bigram features. */
  learn(examples: Array<{ text: string; topic: string }>, weight = 1): void {
    for (const { text, topic } of examples) {
      const normalized = normalizeText(text);
      const features = this.features(normalized);
      for (const [g, n] of bigrams(normalized)) features.set(g, this.bigramWeight * (1 + Math.log(n)));
      this.model.learn(features, topic, weight);
    }
    this.usesBigrams = true;
  }

  /** `text` may be a title and body joined; pass `title` separately to weight it (TITLE_REPEAT). */
  classify(text: string, title = ''): TopicResult {
    const features = this.features(normalizeText(text));
    if (title !== '') {
      for (const [f, n] of this.features(normalizeText(title)))
        features.set(f, (features.get(f) ?? 0) + n * TITLE_REPEAT);
    }
    const fallback = this.taxonomy === 'state-council' ? '其他' : null;
    const matched = [...features.keys()].some((f) => !f.startsWith('#'));
    if (!matched) {
      const even = Object.fromEntries(this.topics.map((t) => [t, 1 / this.topics.length]));
      return { topic: fallback, confidence: 0, scores: even };
    }
    const posteriors = this.model.posteriors(features);
    let best = this.topics[0];
    for (const t of this.topics) if ((posteriors.get(t) ?? 0) > (posteriors.get(best) ?? 0)) best = t;
    return { topic: best, confidence: posteriors.get(best) ?? 0, scores: Object.fromEntries(posteriors) };
  }
}

const defaults = new Map<TopicTaxonomy, TopicClassifier>();

/** Classifies with the shipped lexicon model of `taxonomy` (built once, then cached). */
export function classifyTopic(
  text: string,
  options: { taxonomy?: TopicTaxonomy; title?: string } = {},
): TopicResult {
  const taxonomy = options.taxonomy ?? 'state-council';
  let classifier = defaults.get(taxonomy);
  if (!classifier) {
    classifier = new TopicClassifier({ taxonomy });
    defaults.set(taxonomy, classifier);
  }
  return classifier.classify(text, options.title);
}
