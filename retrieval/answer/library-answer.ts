import { fetchPassageDocuments, type PassageDocument } from '../../library/consultation';
import type { Db } from '../../library/store';
import { idf as bm25Idf } from '../lexical';
import type { GroundedGenerator } from '../llm';
import type { SearchScope, SearchService } from '../search';
import type { Citation } from './citations';
import { answerProbability, DECLINE_MODEL, namedLawMissing } from './decline';
import { pickAnswer, scoreSentences, type Evidence, type ExtractiveOptions } from './extractive';
import { ExtractiveGenerator } from './extractive-generator';
import type { AnswerGenerator, AnswerSentence, GeneratedAnswer } from './generator';
import { looksLikeInstruction } from './injection';
import { GroundedLlmGenerator } from './llm-generator';
import { readQuestion } from './question-kind';
import { SEMANTIC_ANSWER, semanticScores } from './semantic-check';
import { quotableChunks, sentenceRanges } from './sentences';

export type { AnswerSentence } from './generator';

export interface LibraryAnswerOptions {
  /** Current documents whose sentences are considered (the top of the search). Default 5. */
  documents?: number;
  extractive?: ExtractiveOptions;
  /** The grounded LLM; null or omitted = extractive answers only. */
  llm?: GroundedGenerator | null;
  /** Passages (one per document) shown to the LLM. Default 4. */
  llmPassages?: number;
}

export interface RelatedLink {
  id: string;
  title: string;
  url: string;
  infoType: string;
  current: boolean;
  label: string | null;
}

export interface LibraryAnswer {
  declined: boolean;
  /** Probability that the library holds the answer (decline.ts). */
  probability: number;
  evidence: Evidence;
  sentences: AnswerSentence[];
  citations: Citation[];
  related: RelatedLink[];
  generator: 'extractive' | 'llm';
  /** What the LLM path did, when an LLM is configured. */
  llm?: GeneratedAnswer['llm'];
}

export interface LibraryQuestion {
  question: string;
  site?: string;
  scope?: SearchScope;
  /** Called once whether to answer is decided, before any sentence is sent. */
  onDecided?: (declined: boolean) => void;
  /** Sends each answer sentence as soon as it is final (SSE). */
  onSentence?: (sentence: AnswerSentence) => void;
  /** Previous question, for the LLM's context. */
  history?: string;
  /** The API's public origin, which document links are made absolute with (citations.ts). */
  publicBase?: string;
}

/**
 * What may be quoted of a document: its Q&A question side and labels removed (sentences.ts
 * quotableChunks, for the extractive and the LLM path alike), and sentences that talk to a model
 * (see injection.ts).
 */
function withoutInstructions(doc: PassageDocument): PassageDocument {
  const chunks = quotableChunks(doc.chunks).map((c) => {
    const ranges = sentenceRanges(c.text);
    if (!ranges.some(([a, b]) => looksLikeInstruction(c.text.slice(a, b)))) return c;
    return { ...c, text: ranges.map(([a, b]) => c.text.slice(a, b)).filter((s) => !looksLikeInstruction(s)).join('\n') };
  });
  return { ...doc, chunks };
}

/**
 * Answers from the library: retrieve with SearchService, pick the sentences that answer (extractive),
 * or let the grounded LLM write from numbered passages; decline when the evidence is too weak.
 * Repealed and expired documents are never quoted; they appear only among related links, labelled.
 */
export class LibraryAnswerer {
  private readonly documents: number;
  /** Writes the answer once the library is judged to hold one: quotes, or the grounded LLM over quotes. */
  private readonly generator: AnswerGenerator;

  constructor(
    private readonly db: Db,
    private readonly search: SearchService,
    private readonly options: LibraryAnswerOptions = {},
  ) {
    this.documents = options.documents ?? 5;
    const quotes = new ExtractiveGenerator(options.extractive?.maxAnswerChars);
    this.generator = options.llm ? new GroundedLlmGenerator(options.llm, quotes, this.idf, options.llmPassages) : quotes;
  }

  /** The library's IDF of a term over chunks (what BM25 in the index uses). */
  idf = (term: string): number => bm25Idf(Math.max(1, this.search.index.size.chunks), this.search.index.documentFrequency(term).body);

  async answer(request: LibraryQuestion): Promise<LibraryAnswer> {
    // The ranking only (plain text, no snippets or facets); the answer reads whole documents' chunks.
    const { documents: ranked, query: understood } = await this.search.retrieve({ q: request.question, site: request.site, scope: request.scope, limit: this.documents + 3, publicBase: request.publicBase });
    const current = ranked.filter((r) => r.current).slice(0, this.documents);
    const docs = await fetchPassageDocuments(this.db, current.map((r) => r.externalId));
    const retrieved = current.flatMap((r) => (docs.has(r.externalId) ? [{ doc: withoutInstructions(docs.get(r.externalId)!), score: r.score }] : []));
    const query = readQuestion(request.question, this.idf, understood.expansions);
    const { candidates, evidence } = scoreSentences(query, retrieved, this.search.index.size.chunks, this.options.extractive);
    // With a model (the search's), the best few candidates are re-ranked and checked by meaning.
    const embedder = this.search.hybrid?.embedder;
    const semantic = embedder ? await semanticScores(embedder, request.question, candidates) : null;
    const extract = pickAnswer(candidates, this.options.extractive, semantic?.bonus);
    const probability = answerProbability(evidence);
    const band = SEMANTIC_ANSWER.declineBelow;
    const meansOther = !!semantic && semantic.bestCosine < band.cosine && probability < band.probability;
    const base = { probability: round(probability), evidence: { documentCoverage: round(evidence.documentCoverage), sentenceEvidence: round(evidence.sentenceEvidence), bigramShare: round(evidence.bigramShare) } };
    const relatedOf = (citedIds: Set<string>): RelatedLink[] =>
      ranked.filter((r) => !citedIds.has(r.externalId)).slice(0, 5).map((r) => ({
        id: r.externalId, title: r.title, url: r.url, infoType: r.infoType, current: r.current, label: r.current ? null : r.validity === '废止' ? '已废止' : '已失效',
      }));
    const declined = !extract || probability < DECLINE_MODEL.threshold || meansOther || namedLawMissing(request.question, retrieved.map((r) => r.doc.title), extract ? retrieved[extract.docIndex].doc : null);
    request.onDecided?.(declined);
    if (declined) {
      return { declined: true, ...base, sentences: [], citations: [], related: relatedOf(new Set()), generator: 'extractive' };
    }
    const generated = await this.generator.generate({
      question: request.question, query, retrieved, extract: extract!, history: request.history, publicBase: request.publicBase, onSentence: request.onSentence,
    });
    return {
      declined: false, ...base, sentences: generated.sentences, citations: generated.citations,
      related: relatedOf(new Set(generated.citations.map((c) => c.id))), generator: generated.generator,
      ...(generated.llm ? { llm: generated.llm } : {}),
    };
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Text of an answer: its sentences, each carrying its [n] markers (what SSE deltas carry too). */
export function answerText(sentences: readonly AnswerSentence[]): string {
  return sentences.map((s) => s.text).join('');
}
