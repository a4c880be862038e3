import { bm25TermScore, DEFAULT_BM25, idf, type Bm25Params } from './bm25';
import { MAX_SLOT, Postings, slotOf, termFrequencies, tfOf } from './postings';
import { TopK } from './top-k';

export interface IndexedDocument {
  id: number;
  titleTokens: readonly string[];
  chunks: ReadonlyArray<{ id: number; tokens: readonly string[] }>;
  /** Multiplies the document's final score (validity, authority, freshness); 1 = neutral. */
  prior?: number;
}

export interface WeightedTerm {
  term: string;
  /** 1 for the user's own words; less for expansions (synonyms, corrections). */
  weight: number;
}

export interface LexicalQuery {
  terms: WeightedTerm[];
  limit: number;
  /** Document slots that may be returned; omitted = all. */
  accept?: (docSlot: number) => boolean;
}

export interface LexicalHit {
  docSlot: number;
  docId: number;
  score: number;
  titleScore: number;
  bodyScore: number;
  /** The chunk whose body matched best (for the snippet), or -1 when only the title matched. */
  bestChunkId: number;
}

export interface LexicalIndexOptions {
  bm25?: Bm25Params;
  /**
   * Weight of the title field against the body. 2 is the value BASELINES.md measured for
   * "BM25 fields" (law-title nDCG@10 0.673 vs 0.447 with the title folded into the body).
   */
  titleWeight?: number;
  /**
   * How title and body combine: 'bm25f' (one saturating score over title + chunk) or 'separate'
   * (two BM25 scores summed, BASELINES' "BM25 fields"). See evals/README.md for the comparison.
   */
  fieldModel?: 'bm25f' | 'separate';
}

/** Growable typed column. */
function grow<T extends Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  next.set(a);
  return next;
}

/**
 * In-memory BM25 over two fields: titles (one per document) and bodies (one per chunk; a document
 * scores by its best chunk). Documents are appended into slots; replacing or removing a document
 * marks its old slot dead, so updates never rewrite postings.
 */
export class LexicalIndex {
  private readonly bm25: Bm25Params;
  private readonly titleWeight: number;
  private readonly fieldModel: 'bm25f' | 'separate';
  private readonly titlePostings = new Map<string, Postings>();
  private readonly bodyPostings = new Map<string, Postings>();
  private readonly slotById = new Map<number, number>();

  private docIds = new Float64Array(1024);
  private docAlive = new Uint8Array(1024);
  private docPrior = new Float32Array(1024);
  private titleLen = new Uint16Array(1024);
  private docCount = 0;
  private liveDocs = 0;
  private titleLenSum = 0;

  private chunkDoc = new Int32Array(4096);
  private chunkIds = new Float64Array(4096);
  private chunkLen = new Uint16Array(4096);
  private chunkCount = 0;
  private liveChunks = 0;
  private chunkLenSum = 0;

  // Per-query scratch, reused: search is synchronous, so one query at a time uses them.
  private chunkScore = new Float32Array(4096);
  private docTitleScore = new Float32Array(1024);
  private docBodyScore = new Float32Array(1024);
  private docBestChunk = new Int32Array(1024);
  private docTouched = new Uint8Array(1024);
  private termTitleTf = new Float32Array(1024);
  // BM25F length normalisers 1 / (1 - b + b·len/avg), recomputed only after the index changes.
  private titleNorm = new Float32Array(1024);
  private chunkNorm = new Float32Array(4096);
  private normsStale = true;
  private docFirstChunk = new Int32Array(1024);
  private docChunkCount = new Int32Array(1024);

  constructor(options: LexicalIndexOptions = {}) {
    this.bm25 = options.bm25 ?? DEFAULT_BM25;
    this.titleWeight = options.titleWeight ?? 2;
    this.fieldModel = options.fieldModel ?? 'bm25f';
  }

  get size(): { documents: number; chunks: number; terms: number } {
    return { documents: this.liveDocs, chunks: this.liveChunks, terms: this.bodyPostings.size };
  }

  has(docId: number): boolean {
    return this.slotById.has(docId);
  }

  slotOf(docId: number): number | undefined {
    return this.slotById.get(docId);
  }

  docIdAt(slot: number): number {
    return this.docIds[slot];
  }

  /** The document's score multiplier (IndexedDocument.prior), which hybrid search applies to vector hits too. */
  priorAt(slot: number): number {
    return this.docPrior[slot];
  }

  /** Adds a document, replacing any earlier version with the same id. Returns its slot. */
  upsert(doc: IndexedDocument): number {
    this.remove(doc.id);
    const slot = this.docCount;
    if (slot > MAX_SLOT || this.chunkCount + doc.chunks.length > MAX_SLOT) {
      throw new Error('lexical index is full (16M slots): restart the process to rebuild it compactly');
    }
    this.ensureDocCapacity(slot + 1);
    this.docIds[slot] = doc.id;
    this.docAlive[slot] = 1;
    this.docPrior[slot] = doc.prior ?? 1;
    this.titleLen[slot] = Math.min(doc.titleTokens.length, 65535);
    this.titleLenSum += this.titleLen[slot];
    for (const [term, tf] of termFrequencies(doc.titleTokens)) this.postingsFor(this.titlePostings, term).push(slot, tf);
    this.docFirstChunk[slot] = this.chunkCount;
    this.docChunkCount[slot] = doc.chunks.length;
    for (const chunk of doc.chunks) {
      const c = this.chunkCount++;
      this.ensureChunkCapacity(c + 1);
      this.chunkDoc[c] = slot;
      this.chunkIds[c] = chunk.id;
      this.chunkLen[c] = Math.min(chunk.tokens.length, 65535);
      this.chunkLenSum += this.chunkLen[c];
      for (const [term, tf] of termFrequencies(chunk.tokens)) this.postingsFor(this.bodyPostings, term).push(c, tf);
      this.liveChunks++;
    }
    this.docCount++;
    this.liveDocs++;
    this.normsStale = true;
    this.slotById.set(doc.id, slot);
    return slot;
  }

  remove(docId: number): boolean {
    const slot = this.slotById.get(docId);
    if (slot === undefined) return false;
    this.docAlive[slot] = 0;
    this.normsStale = true;
    this.slotById.delete(docId);
    this.liveDocs--;
    this.titleLenSum -= this.titleLen[slot];
    const first = this.docFirstChunk[slot];
    for (let c = first; c < first + this.docChunkCount[slot]; c++) {
      this.liveChunks--;
      this.chunkLenSum -= this.chunkLen[c];
    }
    return true;
  }

  /** Frees spare capacity after a bulk load. */
  compact(): void {
    for (const p of this.titlePostings.values()) p.compact();
    for (const p of this.bodyPostings.values()) p.compact();
  }

  /** Number of live documents whose title or body contains the term (for query term weighting). */
  documentFrequency(term: string): { title: number; body: number } {
    return { title: this.titlePostings.get(term)?.length ?? 0, body: this.bodyPostings.get(term)?.length ?? 0 };
  }

  search(query: LexicalQuery): { hits: LexicalHit[]; total: number; matched: number[] } {
    const touchedDocs: number[] = [];
    const touchedChunks: number[] = [];
    const touchDoc = (slot: number) => {
      if (this.docTouched[slot]) return;
      this.docTouched[slot] = 1;
      touchedDocs.push(slot);
      this.docBestChunk[slot] = -1;
    };
    const avgTitle = this.titleLenSum / Math.max(1, this.liveDocs);
    const avgChunk = this.chunkLenSum / Math.max(1, this.liveChunks);
    if (this.normsStale) this.computeNorms(avgTitle, avgChunk);
    const scoreTerm = this.fieldModel === 'bm25f' ? this.scoreTermBm25f : this.scoreTermSeparate;
    for (const { term, weight } of mergeTerms(query.terms)) {
      scoreTerm.call(this, term, weight, touchDoc, touchedChunks, avgTitle, avgChunk);
    }
    for (const c of touchedChunks) {
      const slot = this.chunkDoc[c];
      touchDoc(slot);
      if (this.chunkScore[c] > this.docBodyScore[slot]) {
        this.docBodyScore[slot] = this.chunkScore[c];
        this.docBestChunk[slot] = c;
      }
      this.chunkScore[c] = 0;
    }
    const top = new TopK<number>(query.limit);
    const matched: number[] = [];
    const results = new Map<number, LexicalHit>();
    for (const slot of touchedDocs) {
      const titleScore = this.docTitleScore[slot];
      const bodyScore = this.docBodyScore[slot];
      const best = this.docBestChunk[slot];
      this.docTitleScore[slot] = 0;
      this.docBodyScore[slot] = 0;
      this.docTouched[slot] = 0;
      if (query.accept && !query.accept(slot)) continue;
      matched.push(slot);
      const titleFactor = this.fieldModel === 'bm25f' ? 1 : this.titleWeight;
      const score = (titleFactor * titleScore + bodyScore) * this.docPrior[slot];
      if (score <= top.threshold) continue;
      top.push(score, slot);
      results.set(slot, {
        docSlot: slot, docId: this.docIds[slot], score, titleScore, bodyScore,
        bestChunkId: best >= 0 ? this.chunkIds[best] : -1,
      });
    }
    const hits = top.sorted().map(({ item }) => results.get(item)!);
    return { hits, total: matched.length, matched };
  }

  /** Title and body as independent BM25 scores, summed with the title weighted (BASELINES' "BM25 fields"). */
  private scoreTermSeparate(
    term: string, weight: number, touchDoc: (slot: number) => void, touchedChunks: number[], avgTitle: number, avgChunk: number,
  ): void {
    const title = this.titlePostings.get(term);
    if (title) {
      const w = weight * idf(this.liveDocs, title.length);
      for (let i = 0; i < title.length; i++) {
        const packed = title.data[i];
        const slot = slotOf(packed);
        if (!this.docAlive[slot]) continue;
        touchDoc(slot);
        this.docTitleScore[slot] += w * bm25TermScore(tfOf(packed), this.titleLen[slot], avgTitle, this.bm25);
      }
    }
    const body = this.bodyPostings.get(term);
    if (!body) return;
    const w = weight * idf(this.liveChunks, body.length);
    for (let i = 0; i < body.length; i++) {
      const packed = body.data[i];
      const c = slotOf(packed);
      if (!this.docAlive[this.chunkDoc[c]]) continue;
      // BM25 IDF here is always > 0, so a touched chunk never scores 0: 0 means "not yet touched".
      if (this.chunkScore[c] === 0) touchedChunks.push(c);
      this.chunkScore[c] += w * bm25TermScore(tfOf(packed), this.chunkLen[c], avgChunk, this.bm25);
    }
  }

  /**
   * BM25F: each chunk with its document's title is one pseudo-document; the title's length-normalised
   * term frequency, weighted, adds to the chunk's before saturation. The title's share goes to
   * docTitleScore and each chunk adds only its increment, so title + best chunk = BM25F exactly.
   */
  private scoreTermBm25f(
    term: string, weight: number, touchDoc: (slot: number) => void, touchedChunks: number[], _avgTitle: number, _avgChunk: number,
  ): void {
    const title = this.titlePostings.get(term);
    const body = this.bodyPostings.get(term);
    const df = Math.min(this.liveChunks, Math.max(title?.length ?? 0, body?.length ?? 0));
    const w = weight * idf(Math.max(1, this.liveChunks), df);
    const { k1 } = this.bm25;
    const saturate = (x: number) => (x * (k1 + 1)) / (x + k1);
    const titled: number[] = [];
    if (title) {
      for (let i = 0; i < title.length; i++) {
        const packed = title.data[i];
        const slot = slotOf(packed);
        if (!this.docAlive[slot]) continue;
        touchDoc(slot);
        const tf = this.titleWeight * tfOf(packed) * this.titleNorm[slot];
        this.termTitleTf[slot] = tf;
        titled.push(slot);
        this.docTitleScore[slot] += w * saturate(tf);
      }
    }
    if (body) {
      for (let i = 0; i < body.length; i++) {
        const packed = body.data[i];
        const c = slotOf(packed);
        const slot = this.chunkDoc[c];
        if (!this.docAlive[slot]) continue;
        if (this.chunkScore[c] === 0) touchedChunks.push(c);
        const tfBody = tfOf(packed) * this.chunkNorm[c];
        const tfTitle = this.termTitleTf[slot];
        this.chunkScore[c] += w * (saturate(tfTitle + tfBody) - saturate(tfTitle));
      }
    }
    for (const slot of titled) this.termTitleTf[slot] = 0;
  }

  private computeNorms(avgTitle: number, avgChunk: number): void {
    const { b } = this.bm25;
    for (let d = 0; d < this.docCount; d++) this.titleNorm[d] = 1 / (1 - b + (b * this.titleLen[d]) / (avgTitle || 1));
    for (let c = 0; c < this.chunkCount; c++) this.chunkNorm[c] = 1 / (1 - b + (b * this.chunkLen[c]) / (avgChunk || 1));
    this.normsStale = false;
  }

  private postingsFor(map: Map<string, Postings>, term: string): Postings {
    let p = map.get(term);
    if (!p) map.set(term, (p = new Postings()));
    return p;
  }

  private ensureDocCapacity(n: number): void {
    this.docIds = grow(this.docIds, n);
    this.docAlive = grow(this.docAlive, n);
    this.docPrior = grow(this.docPrior, n);
    this.titleLen = grow(this.titleLen, n);
    this.docTitleScore = grow(this.docTitleScore, n);
    this.docBodyScore = grow(this.docBodyScore, n);
    this.docBestChunk = grow(this.docBestChunk, n);
    this.docTouched = grow(this.docTouched, n);
    this.termTitleTf = grow(this.termTitleTf, n);
    this.titleNorm = grow(this.titleNorm, n);
    this.docFirstChunk = grow(this.docFirstChunk, n);
    this.docChunkCount = grow(this.docChunkCount, n);
  }

  private ensureChunkCapacity(n: number): void {
    this.chunkDoc = grow(this.chunkDoc, n);
    this.chunkIds = grow(this.chunkIds, n);
    this.chunkLen = grow(this.chunkLen, n);
    this.chunkScore = grow(this.chunkScore, n);
    this.chunkNorm = grow(this.chunkNorm, n);
  }
}

/** A term typed twice (or produced by two expansions) counts once, at its highest weight. */
function mergeTerms(terms: WeightedTerm[]): WeightedTerm[] {
  const merged = new Map<string, number>();
  for (const { term, weight } of terms) merged.set(term, Math.max(merged.get(term) ?? 0, weight));
  return [...merged].map(([term, weight]) => ({ term, weight }));
}
