import { analyze } from '../../library/analyzer';
import { fetchPassageDocuments, type PassageDocument } from '../../library/consultation';
import type { Db } from '../../library/store';
import { idf as bm25Idf } from '../lexical';
import type { CheckedSentence, GroundedGenerator, PromptPassage } from '../llm';
import type { SearchScope, SearchService } from '../search';
import { citationOf, withMarkers, type Citation } from './citations';
import { answerProbability, DECLINE_MODEL } from './decline';
import { extractAnswer, EXTRACTIVE_DEFAULTS, type Evidence, type ExtractiveOptions, type QueryTerm } from './extractive';
import { looksLikeInstruction } from './injection';
import { countOccurrences, documentSentences, quotableChunks, sentenceRanges } from './sentences';

export interface LibraryAnswerOptions {
  /** Current documents whose sentences are considered (the top of the search). Default 5. */
  documents?: number;
  extractive?: ExtractiveOptions;
  /** The grounded LLM; null or omitted = extractive answers only. */
  llm?: GroundedGenerator | null;
  /** Passages (one per document) shown to the LLM. Default 4. */
  llmPassages?: number;
}

export interface AnswerSentence {
  /** The sentence with its [n] citation markers. */
  text: string;
  /** Citation numbers. */
  cites: number[];
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
  llm?: { dropped: Array<Pick<CheckedSentence, 'text' | 'reason' | 'support'>>; fallback?: string };
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

  constructor(
    private readonly db: Db,
    private readonly search: SearchService,
    private readonly options: LibraryAnswerOptions = {},
  ) {
    this.documents = options.documents ?? 5;
  }

  /** The library's IDF of a term over chunks (what BM25 in the index uses). */
  idf = (term: string): number => bm25Idf(Math.max(1, this.search.index.size.chunks), this.search.index.documentFrequency(term).body);

  async answer(request: LibraryQuestion): Promise<LibraryAnswer> {
    const response = await this.search.search({ q: request.question, site: request.site, scope: request.scope, limit: this.documents + 3, internal: true, publicBase: request.publicBase });
    const current = response.results.filter((r) => r.current).slice(0, this.documents);
    const docs = await fetchPassageDocuments(this.db, current.map((r) => r.id));
    const retrieved = current.flatMap((r) => (docs.has(r.id) ? [{ doc: withoutInstructions(docs.get(r.id)!), score: r.score }] : []));
    const terms: QueryTerm[] = [...new Set(analyze(request.question.slice(0, 200)))].map((term) => ({ term, idf: this.idf(term) }));
    const { extract, evidence } = extractAnswer(terms, retrieved, this.search.index.size.chunks, this.options.extractive);
    const probability = answerProbability(evidence);
    const base = { probability: round(probability), evidence: { documentCoverage: round(evidence.documentCoverage), sentenceEvidence: round(evidence.sentenceEvidence) } };
    const relatedOf = (citedIds: Set<string>): RelatedLink[] =>
      response.results.filter((r) => !citedIds.has(r.id)).slice(0, 5).map((r) => ({
        id: r.id, title: r.title, url: r.url, infoType: r.infoType, current: r.current, label: r.current ? null : r.validity === '废止' ? '已废止' : '已失效',
      }));
    const declined = !extract || probability < DECLINE_MODEL.threshold;
    request.onDecided?.(declined);
    if (declined) {
      return { declined: true, ...base, sentences: [], citations: [], related: relatedOf(new Set()), generator: 'extractive' };
    }
    let llmReport: LibraryAnswer['llm'];
    if (this.options.llm) {
      const passages = this.passages(terms, retrieved.map((r) => r.doc));
      try {
        const out = await this.options.llm.generate(request.question, passages.prompt, this.idf, {
          stream: !!request.onSentence,
          history: request.history,
          onSentence: request.onSentence ? (s) => request.onSentence!({ text: s.text, cites: s.cites }) : undefined,
        });
        const dropped = out.sentences.filter((s) => !s.kept).map((s) => ({ text: s.text, reason: s.reason, support: s.support }));
        if (out.kept.length > 0) {
          const used = [...new Set(out.kept.flatMap((s) => s.cites))].sort((a, b) => a - b);
          const citations = used.map((n) => citationOf(passages.docs.get(n)!, n, request.publicBase));
          return {
            declined: false, ...base, sentences: out.kept.map((s) => ({ text: s.text, cites: s.cites })), citations,
            related: relatedOf(new Set(citations.map((c) => c.id))), generator: 'llm', llm: { dropped },
          };
        }
        llmReport = { dropped, fallback: 'the LLM wrote no sentence that cites a passage supporting it' };
      } catch (err) {
        llmReport = { dropped: [], fallback: `the LLM failed: ${(err as Error).message}` };
      }
    }
    const doc = retrieved[extract!.docIndex].doc;
    const sentences = this.clip(extract!.sentences.map((s) => s.text)).map((text) => ({ text: withMarkers(text, [1]), cites: [1] }));
    for (const s of sentences) request.onSentence?.(s);
    return {
      declined: false, ...base, sentences, citations: [citationOf(doc, 1, request.publicBase)], related: relatedOf(new Set([doc.externalId])),
      generator: 'extractive', ...(llmReport ? { llm: llmReport } : {}),
    };
  }

  /** Keeps the answer within maxAnswerChars (a run-on "sentence" of a feed without punctuation). */
  private clip(sentences: string[]): string[] {
    const max = this.options.extractive?.maxAnswerChars ?? EXTRACTIVE_DEFAULTS.maxAnswerChars;
    const out: string[] = [];
    let used = 0;
    for (const s of sentences) {
      if (used + s.length <= max) out.push(s);
      else if (out.length === 0) out.push(`${s.slice(0, max - 1)}…`);
      used += s.length;
    }
    return out;
  }

  /**
   * One passage per document for the LLM, numbered from 1: its chunk holding the most query weight,
   * grown with the chunks after and before it up to PASSAGE_CHARS (an answer often runs on).
   */
  private passages(terms: readonly QueryTerm[], docs: readonly PassageDocument[]) {
    const prompt: PromptPassage[] = [];
    const byNumber = new Map<number, PassageDocument>();
    for (const doc of docs.slice(0, this.options.llmPassages ?? 4)) {
      const held = doc.chunks.map((c) => {
        const folded = documentSentences([c]).map((s) => s.folded).join('');
        return terms.reduce((s, t) => s + (countOccurrences(folded, t.term) > 0 ? t.idf : 0), 0);
      });
      const best = held.indexOf(Math.max(...held));
      let lo = best;
      let hi = best;
      let length = doc.chunks[best]?.text.length ?? 0;
      for (let grew = true; grew; ) {
        grew = false;
        for (const next of [hi + 1, lo - 1]) {
          const c = doc.chunks[next];
          if (!c || length + c.text.length > PASSAGE_CHARS) continue;
          length += c.text.length;
          if (next > hi) hi = next;
          else lo = next;
          grew = true;
        }
      }
      const n = prompt.length + 1;
      const c = citationOf(doc, n);
      const text = doc.chunks.slice(lo, hi + 1).map((x) => x.text).join('\n').slice(0, PASSAGE_CHARS);
      prompt.push({ n, title: doc.title, source: [c.issuer, c.docNumber, c.date, c.validity].filter(Boolean).join('，'), text });
      byNumber.set(n, doc);
    }
    return { prompt, docs: byNumber };
  }
}

/** Characters of one document shown to the LLM: room for a few paragraphs, 4 passages ≈ 2k tokens. */
const PASSAGE_CHARS = 900;

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Text of an answer: its sentences, each carrying its [n] markers (what SSE deltas carry too). */
export function answerText(sentences: readonly AnswerSentence[]): string {
  return sentences.map((s) => s.text).join('');
}
