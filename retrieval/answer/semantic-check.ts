import type { Embedder } from '../../library/embeddings';
import { answerPart, topCandidates, type ScoredSentence } from './extractive';

/**
 * With an embedding model, the few best candidate answers are compared with the question by meaning:
 * the cosine is added to their scores (re-ranking), and a borderline answer whose best candidate
 * means something else is declined. Chosen by `npx tsx evals/quality/tune-answers.ts` (TUNE_EMBED=3)
 * with multilingual-e5-small on the unified library (policy QA gold, tuning half sha1(qid) even;
 * harness's 500 out-of-scope questions); see evals/README.md ("Semantic answer check").
 */
export const SEMANTIC_ANSWER = {
  /** Candidates embedded per question (the cost: 1 + this many texts per question). */
  candidates: 3,
  /** × cosine(question, candidate's answer part), added to its score. 0.3–2 measured; 1 best. */
  weight: 1,
  /** Decline when the best candidate's cosine is below `cosine` and the decline model's probability below `probability`. */
  declineBelow: { cosine: 0.86, probability: 0.8 },
} as const;

export interface SemanticScores {
  /** Bonus per candidate (weight × cosine for the embedded few, 0 for the rest). */
  bonus: (c: ScoredSentence) => number;
  /** Cosine of the best lexical candidate with the question (0 when there is none). */
  bestCosine: number;
}

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Embeds the question and its best candidates' answer parts (one call); null when the model fails (logged). */
export async function semanticScores(embedder: Embedder, question: string, candidates: readonly ScoredSentence[]): Promise<SemanticScores | null> {
  const top = topCandidates(candidates, SEMANTIC_ANSWER.candidates);
  if (top.length === 0) return { bonus: () => 0, bestCosine: 0 };
  const texts = [...new Set(top.map(answerPart))];
  try {
    const [q, ...passages] = await Promise.all([
      embedder.embed([question], { kind: 'query' }).then((v) => v[0]),
      embedder.embed(texts, { kind: 'passage' }),
    ]).then(([qv, pv]) => [qv, ...pv]);
    const cosine = new Map(texts.map((t, i) => [t, dot(q, passages[i])]));
    const embedded = new Set(top);
    return {
      bonus: (c) => (embedded.has(c) ? SEMANTIC_ANSWER.weight * (cosine.get(answerPart(c)) ?? 0) : 0),
      bestCosine: cosine.get(answerPart(top[0])) ?? 0,
    };
  } catch (err) {
    console.error(`answers (${embedder.id}): semantic check skipped, lexical answer only: ${(err as Error).message}`);
    return null;
  }
}
