/** Topic classification: accuracy and macro-F1 of a TopicClassifier on labelled messages. */
import type { TaxonomyEntry, TopicExample } from '../data/types';
import { accuracy, macroF1 } from '../metrics/classification';

export interface TopicClassifier {
  name: string;
  classify(doc: { title: string; text: string }): Promise<string>;
}

export interface TopicResult {
  classifier: string;
  file: string;
  examples: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, number>;
}

export async function evaluateTopics(classifier: TopicClassifier, file: string, examples: readonly TopicExample[]): Promise<TopicResult> {
  const predicted: string[] = [];
  for (const e of examples) predicted.push(await classifier.classify(e));
  const gold = examples.map((e) => e.topic);
  const m = macroF1(predicted, gold);
  return { classifier: classifier.name, file, examples: examples.length, accuracy: accuracy(predicted, gold), macroF1: m.macroF1, perClass: m.perClass };
}

/** Shortest taxonomy name used as a keyword: single characters match almost everything. */
const MIN_KEYWORD_CHARS = 2;

/**
 * Zero-shot floor from the taxonomy alone (no training labels): each top-level class scores the
 * number of its level-2/level-3 names found in the title and text; ties go to the class listed first.
 */
export function taxonomyKeywordClassifier(taxonomy: readonly TaxonomyEntry[]): TopicClassifier {
  const keywords = new Map<string, Set<string>>();
  for (const t of taxonomy) {
    const set = keywords.get(t.level1) ?? new Set<string>();
    for (const name of [t.level1, t.level2, t.level3]) if (name && name.length >= MIN_KEYWORD_CHARS) set.add(name);
    keywords.set(t.level1, set);
  }
  return {
    name: 'taxonomy-keywords',
    async classify({ title, text }) {
      const body = `${title}\n${text}`;
      let best = '';
      let bestScore = -1;
      for (const [label, words] of keywords) {
        let score = 0;
        for (const w of words) if (body.includes(w)) score++;
        if (score > bestScore) {
          best = label;
          bestScore = score;
        }
      }
      return best;
    },
  };
}
