import { analyze } from '../../library/analyzer';
import { idf, LexicalIndex, type Bm25Params } from '../lexical';
import { faqConfidence, type FaqFeatures } from './confidence';

export interface FaqIndexOptions {
  /**
   * Weight of the question field (standard question and alternatives, an entry scores by its best
   * phrasing) against the answer. 4 was best on the fitting half of the consultation set
   * (grid on that half, top-1: 0.848 at 2, 0.856 at 3, 0.867 at 4, 0.864 at 5, 0.856 at 6; held-out
   * half 0.880, top-3 0.947; safe range 3–5).
   */
  questionWeight?: number;
  /** BM25 parameters of both fields. Default k1 1.2, b 0.75 (other values were within noise). */
  bm25?: Bm25Params;
  /** Characters of a question analysed; the rest is ignored (cost bound). Default 1000. */
  maxQuestionChars?: number;
}

export interface FaqIndexEntry {
  id: number;
  /** The standard question first, then alternatives. */
  phrasings: readonly string[];
  answer: string;
}

export interface FaqMatch {
  id: number;
  score: number;
  /** Calibrated probability that this entry answers the question (see confidence.ts). */
  confidence: number;
  features: FaqFeatures;
  /** The phrasing that matched best. */
  phrasing: string;
}

export interface FaqMatchOptions {
  limit?: number;
  /** Entries that may be returned (scope, status); omitted = all. */
  accept?: (entryId: number) => boolean;
  /**
   * Words that stand for the question's own (synonyms: 丢了 for 掉了), matched at EXPANSION_WEIGHT: a
   * phrasing that says 社保卡掉了 answers 社保卡丢了.
   */
  alsoWords?: readonly string[];
}

/** An expansion word counts less than the citizen's own word. */
const EXPANSION_WEIGHT = 0.8;

/** Phrasings of one entry get ids entryId * PHRASING_SLOTS + k. */
const PHRASING_SLOTS = 256;
/** Candidates scored per field before the fields are combined: enough that the true top 10 is exact. */
const CANDIDATES = 300;

/**
 * FAQ matching over two lexical indexes: phrasings (one document per phrasing, title field) and
 * answers (one document per entry, body field, a weaker field). Confidence from calibrated features.
 */
export class FaqIndex {
  private questions: LexicalIndex;
  private answers: LexicalIndex;
  private readonly bm25?: Bm25Params;
  /** Entries as indexed, for rebuilding once removals pile up (dead postings skew IDF). */
  private readonly stored = new Map<number, { phrasings: Array<{ text: string; tokens: readonly string[] }>; answer: readonly string[] }>();
  private removals = 0;
  private readonly questionWeight: number;
  private readonly maxChars: number;
  private readonly phrasings = new Map<number, { text: string; tokens: readonly string[] }>();
  private readonly phrasingCount = new Map<number, number>();

  constructor(options: FaqIndexOptions = {}) {
    this.bm25 = options.bm25;
    [this.questions, this.answers] = this.emptyIndexes();
    this.questionWeight = options.questionWeight ?? 4;
    this.maxChars = options.maxQuestionChars ?? 1000;
  }

  get size(): number {
    return this.phrasingCount.size;
  }

  has(id: number): boolean {
    return this.phrasingCount.has(id);
  }

  /** Two one-field indexes, so 'separate' scoring: plain BM25 per field, combined in match(). */
  private emptyIndexes(): [LexicalIndex, LexicalIndex] {
    return [
      new LexicalIndex({ titleWeight: 1, bm25: this.bm25, fieldModel: 'separate' }),
      new LexicalIndex({ titleWeight: 1, bm25: this.bm25, fieldModel: 'separate' }),
    ];
  }

  upsert(entry: FaqIndexEntry): void {
    this.remove(entry.id);
    const phrasings = entry.phrasings.slice(0, PHRASING_SLOTS).map((text) => ({ text, tokens: analyze(text) }));
    const stored = { phrasings, answer: analyze(entry.answer) };
    this.stored.set(entry.id, stored);
    this.add(entry.id, stored);
  }

  private add(id: number, e: { phrasings: Array<{ text: string; tokens: readonly string[] }>; answer: readonly string[] }): void {
    e.phrasings.forEach(({ text, tokens }, k) => {
      const pid = id * PHRASING_SLOTS + k;
      this.questions.upsert({ id: pid, titleTokens: tokens, chunks: [] });
      this.phrasings.set(pid, { text, tokens });
    });
    this.answers.upsert({ id, titleTokens: [], chunks: [{ id, tokens: e.answer }] });
    this.phrasingCount.set(id, e.phrasings.length);
  }

  remove(id: number): void {
    const n = this.phrasingCount.get(id);
    if (n === undefined) return;
    for (let k = 0; k < n; k++) {
      this.questions.remove(id * PHRASING_SLOTS + k);
      this.phrasings.delete(id * PHRASING_SLOTS + k);
    }
    this.answers.remove(id);
    this.phrasingCount.delete(id);
    this.stored.delete(id);
    // A removed entry's postings stay (marked dead) and still count in document frequencies (in a
    // tiny index enough to turn IDF negative): rebuild from the stored tokens once they exceed a
    // quarter of the live entries. Tokens are kept, so a rebuild does not re-analyse.
    if (++this.removals > this.stored.size / 4) this.rebuild();
  }

  private rebuild(): void {
    [this.questions, this.answers] = this.emptyIndexes();
    this.phrasings.clear();
    this.phrasingCount.clear();
    for (const [id, e] of this.stored) this.add(id, e);
    this.removals = 0;
  }

  match(question: string, options: FaqMatchOptions = {}): FaqMatch[] {
    const limit = options.limit ?? 5;
    const tokens = analyze(question.slice(0, this.maxChars));
    if (tokens.length === 0 || this.size === 0) return [];
    const own = new Set(tokens);
    const also = new Set((options.alsoWords ?? []).flatMap((w) => analyze(w)).filter((t) => !own.has(t)));
    const terms = [...[...own].map((term) => ({ term, weight: 1 })), ...[...also].map((term) => ({ term, weight: EXPANSION_WEIGHT }))];
    const accept = options.accept;
    const scores = new Map<number, { score: number; pid: number }>();
    const q = this.questions.search({
      terms, limit: CANDIDATES,
      accept: accept ? (slot) => accept(Math.floor(this.questions.docIdAt(slot) / PHRASING_SLOTS)) : undefined,
    });
    for (const h of q.hits) {
      const id = Math.floor(h.docId / PHRASING_SLOTS);
      const score = this.questionWeight * h.score;
      if (score > (scores.get(id)?.score ?? -1)) scores.set(id, { score, pid: h.docId });
    }
    const a = this.answers.search({ terms, limit: CANDIDATES, accept: accept ? (slot) => accept(this.answers.docIdAt(slot)) : undefined });
    for (const h of a.hits) {
      const s = scores.get(h.docId);
      scores.set(h.docId, { score: (s?.score ?? 0) + h.score, pid: s?.pid ?? h.docId * PHRASING_SLOTS });
    }
    const ranked = [...scores].sort((x, y) => y[1].score - x[1].score || x[0] - y[0]).slice(0, Math.max(limit, 2));
    if (ranked.length === 0) return [];
    const querySet = new Set([...own, ...also]);
    const top = ranked[0][1].score;
    const second = ranked[1]?.[1].score ?? 0;
    return ranked.slice(0, limit).map(([id, { score, pid }], i) => {
      // The margin of an entry is over the best other entry: negative below the top.
      const other = i === 0 ? second : top;
      const features = { topScore: score, margin: score > 0 ? Math.max(-1, (score - other) / score) : 0, coverage: this.coverage(pid, querySet) };
      return { id, score, confidence: faqConfidence(features), features, phrasing: this.phrasings.get(pid)?.text ?? '' };
    });
  }

  /** Best IDF-weighted token Jaccard between a question and one of an entry's phrasings (0–1). */
  similarity(question: string, id: number): number {
    const query = new Set(analyze(question.slice(0, this.maxChars)));
    const n = this.questions.size.documents;
    let best = 0;
    for (let k = 0; k < (this.phrasingCount.get(id) ?? 0); k++) {
      const tokens = new Set(this.phrasings.get(id * PHRASING_SLOTS + k)?.tokens ?? []);
      let both = 0;
      let either = 0;
      for (const t of new Set([...query, ...tokens])) {
        const w = idf(n, this.questions.documentFrequency(t).title);
        either += w;
        if (query.has(t) && tokens.has(t)) both += w;
      }
      if (either > 0) best = Math.max(best, both / either);
    }
    return best;
  }

  /** IDF-weighted share of a phrasing's distinct tokens that the question contains. */
  private coverage(pid: number, query: ReadonlySet<string>): number {
    const tokens = this.phrasings.get(pid)?.tokens ?? [];
    const n = this.questions.size.documents;
    let held = 0;
    let total = 0;
    for (const t of new Set(tokens)) {
      const w = idf(n, this.questions.documentFrequency(t).title);
      total += w;
      if (query.has(t)) held += w;
    }
    return total > 0 ? held / total : 0;
  }
}
