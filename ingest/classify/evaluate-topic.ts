/**
 * Topic-classifier evaluation on the labelled dev messages (classification/taidi2020c_messages_topic.jsonl).
 * That file is only ever predicted, never learnt from. Variants:
 *   lexicon            the shipped model (hand-written lexicons only)
 *   lexicon+taxonomy   plus seeds from the category names of classification/taidi2020c_taxonomy.jsonl
 *   self-trained       lexicon+taxonomy pseudo-labels the UNLABELLED citizen messages of
 *                      qa/taidi2020c_qa.jsonl (minus any whose title is also in the evaluation file);
 *                      those with confidence >= SELF_TRAIN_MIN_CONFIDENCE are learnt with bigrams.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { normalizeText } from '../normalize';
import { taxonomySeeds } from './taxonomy-seeds';
import { TopicClassifier } from './topic';

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface TopicVariantResult {
  name: 'lexicon' | 'lexicon+taxonomy' | 'self-trained';
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  /** Messages learnt by the self-trained variant (0 for the others). */
  trainedOn: number;
}

export interface TopicEvaluation {
  file: string;
  n: number;
  variants: TopicVariantResult[];
  /**
   * The shipped State Council model on the same messages, counted right when its topic is one the
   * message label maps to (STATE_COUNCIL_EQUIVALENTS). A sanity figure: there is no State Council gold.
   */
  stateCouncilMappedAccuracy: number;
}

/** Message-board label → State Council topics that cover it. */
export const STATE_COUNCIL_EQUIVALENTS: Record<string, string[]> = {
  城乡建设: ['城乡建设、环境保护', '市场监管、安全生产监管'],
  环境保护: ['城乡建设、环境保护'],
  交通运输: ['工业、交通'],
  教育文体: ['科技、教育', '文化、广电、新闻出版', '卫生、体育'],
  劳动和社会保障: ['劳动、人事、监察'],
  商贸旅游: ['商贸、海关、旅游', '市场监管、安全生产监管'],
  卫生计生: ['卫生、体育', '人口与计划生育、妇女儿童工作', '市场监管、安全生产监管'],
};

/** Pseudo-labels below this posterior are not learnt (0.9 keeps 610 of the 744 unlabelled messages). */
export const SELF_TRAIN_MIN_CONFIDENCE = 0.9;

interface LabelledMessage {
  title: string;
  text: string;
  topic: string;
}

function readJsonl<T>(file: string): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${file} (${(error as Error).message}); pass the corpus folder (../shared/corpus or $ZHIWEN_CORPUS)`,
    );
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export function scoreTopics(
  gold: string[],
  predicted: Array<string | null>,
  labels: readonly string[],
): Omit<TopicVariantResult, 'name' | 'trainedOn'> {
  const perClass: Record<string, ClassMetrics> = {};
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (predicted[i] === label && g === label) tp++;
      else if (predicted[i] === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support: tp + fn };
  }
  const accuracy = gold.filter((g, i) => predicted[i] === g).length / gold.length;
  const present = labels.filter((l) => perClass[l].support > 0);
  const macroF1 = present.reduce((sum, l) => sum + perClass[l].f1, 0) / present.length;
  return { accuracy, macroF1, perClass };
}

/** Runs the three variants over `corpusDir` and returns their accuracy and macro-F1. */
export function evaluateTopicClassifier(corpusDir: string): TopicEvaluation {
  const file = resolve(corpusDir, 'classification/taidi2020c_messages_topic.jsonl');
  const evalSet = readJsonl<LabelledMessage>(file);
  const gold = evalSet.map((m) => m.topic);
  const run = (classifier: TopicClassifier): Array<string | null> =>
    evalSet.map((m) => classifier.classify(m.text, m.title).topic);

  const lexicon = new TopicClassifier({ taxonomy: 'message-board' });
  const topics = lexicon.topics;
  const seeds = taxonomySeeds(
    resolve(corpusDir, 'classification/taidi2020c_taxonomy.jsonl'),
    'message-board',
    topics,
  );
  const seeded = new TopicClassifier({ taxonomy: 'message-board', seeds });

  const evalTitles = new Set(evalSet.map((m) => normalizeText(m.title)));
  const unlabelled = readJsonl<{ question: string; question_title: string }>(
    resolve(corpusDir, 'qa/taidi2020c_qa.jsonl'),
  ).filter((q) => !evalTitles.has(normalizeText(q.question_title)));
  const pseudo: Array<{ text: string; topic: string }> = [];
  for (const q of unlabelled) {
    const body = q.question.slice(q.question_title.length);
    const r = seeded.classify(body, q.question_title);
    if (r.topic !== null && r.confidence >= SELF_TRAIN_MIN_CONFIDENCE)
      pseudo.push({ text: `${q.question_title}\n${q.question}`, topic: r.topic });
  }
  const selfTrained = new TopicClassifier({ taxonomy: 'message-board', seeds });
  selfTrained.learn(pseudo);

  const stateCouncil = new TopicClassifier({ taxonomy: 'state-council' });
  const mapped = evalSet.filter((m) =>
    STATE_COUNCIL_EQUIVALENTS[m.topic]?.includes(stateCouncil.classify(m.text, m.title).topic ?? ''),
  );

  return {
    file,
    n: evalSet.length,
    stateCouncilMappedAccuracy: mapped.length / evalSet.length,
    variants: [
      { name: 'lexicon', ...scoreTopics(gold, run(lexicon), topics), trainedOn: 0 },
      { name: 'lexicon+taxonomy', ...scoreTopics(gold, run(seeded), topics), trainedOn: 0 },
      { name: 'self-trained', ...scoreTopics(gold, run(selfTrained), topics), trainedOn: pseudo.length },
    ],
  };
}
