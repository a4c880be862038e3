import type { CheckedSentence } from '../llm';
import type { Citation } from './citations';
import type { AnswerQuery, Extract, RetrievedDocument } from './extractive';

/** One sentence of an answer with its [n] citation markers. */
export interface AnswerSentence {
  /** The sentence with its [n] citation markers. */
  text: string;
  /** Citation numbers. */
  cites: number[];
}

/** What a generator writes from: the question, the retrieved documents, and the extractive pick. */
export interface GenerationInput {
  question: string;
  query: AnswerQuery;
  /** Current documents, best first, their text already safe to quote (no Q&A question side, no instructions). */
  retrieved: readonly RetrievedDocument[];
  /** The sentences the extractive scorer chose (the decline already accepted them). */
  extract: Extract;
  /** Previous question, for follow-ups. */
  history?: string;
  /** The API's public origin, which citation links are made absolute with. */
  publicBase?: string;
  /** Receives each sentence as soon as it is final (SSE), in order. */
  onSentence?: (sentence: AnswerSentence) => void;
}

export interface GeneratedAnswer {
  /** At most maxAnswerSentences sentences, each citing at least one of `citations` by its n. */
  sentences: AnswerSentence[];
  /** Numbered sources, each a retrieved document. */
  citations: Citation[];
  generator: 'extractive' | 'llm';
  /** What the LLM path did (dropped sentences, why it fell back), when it ran. */
  llm?: { dropped: Array<Pick<CheckedSentence, 'text' | 'reason' | 'support'>>; fallback?: string };
}

/**
 * The answer-generation port: given what retrieval found and the extractive pick, write the cited
 * sentences. Implementations: ExtractiveGenerator (quotes) and GroundedLlmGenerator (an LLM, checked
 * sentence by sentence, falling back to quotes). One contract test runs against both
 * (generator.contract.test.ts).
 */
export interface AnswerGenerator {
  readonly name: 'extractive' | 'llm';
  generate(input: GenerationInput): Promise<GeneratedAnswer>;
}
