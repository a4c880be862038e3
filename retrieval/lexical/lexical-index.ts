import { DEFAULT_BM25, idf, type Bm25Params } from './bm25';
import { MatchSet, popcount32 } from './match-set';
import { END, MAX_SLOT, PostingCursor, PostingList, termFrequencies } from './postings';
import { CollapsingTopK, type Collapse } from './collapsing-top-k';
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
  /**
   * Score every matching document instead of skipping those that cannot reach the top `limit`
   * (MaxScore). Same hits either way; for tests and comparisons.
   */
  exhaustive?: boolean;
  /**
   * Per-query score multipliers (≥ 1) for a few documents, keyed by slot: a title named inside the
   * query. Applied inside the ranking, so the top `limit` is exact with them.
   */
  boosts?: ReadonlyMap<number, number>;
  /**
   * One hit per group (reposts of one text): the top `limit` groups, each ranked by its best
   * member and shown by its preferred member when that member ranked. Totals are not collapsed here.
   */
  collapse?: Collapse;
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
  /** Bytes the common terms' match bitsets may hold together (default 32 MiB; see COMMON_BITS_BUDGET). */
  commonBitsBudget?: number;
}

/** Growable typed column. */
function grow<T extends Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Score bounds are computed against the average lengths of an "epoch" and refreshed once the live
 * averages drift this far from them (a replica that ingests every second must not rescan its
 * common terms' postings every second). Until then bounds are scaled up by the drift, so they hold.
 */
const EPOCH_DRIFT = 0.05;
/**
 * Rounding must never make a real score exceed its bound: length norms are stored as float32
 * (relative error up to 2^-24 ≈ 6e-8) while bounds are computed in float64. With 1e-9 a document
 * tied with the k-th score was pruned, so which of two equal copies ranked depended on append order.
 */
const BOUND_SLACK = 1 + 1e-6;
/**
 * A term in at least 1/COMMON_SHARE of the postings' slots gets a document bitset (see
 * PostingList.docBits): one bit per document, at most ~4× its postings' bytes, and OR-ing it is ~32
 * documents an operation where walking the postings is one. Checked against the documents in the index when a query first meets the term.
 */
const COMMON_SHARE = 32;
/**
 * Memory the common terms' bitsets may hold together; past it the least recently used is dropped
 * (and rebuilt if a query needs it again). A 1M-chunk library has ~2,200 common terms: bitsets for
 * all of them would be 88 MiB, grown over days of varied queries.
 */
const COMMON_BITS_BUDGET = 32 * 2 ** 20;

/** One query term while a query runs: its weight, its score bound and its two cursors. */
interface TermState {
  /** BM25F: query weight × IDF. 'separate': the title field's; `bodyWeight` is the body's. */
  weight: number;
  bodyWeight: number;
  /** The most this term can add to any document's score (before the document's prior). */
  bound: number;
  /** The same for a document whose title lacks the term (most candidates). */
  bodyBound: number;
  title: PostingList | null;
  body: PostingList | null;
}

/**
 * In-memory BM25 over two fields: titles (one per document) and bodies (one per chunk; a document
 * scores by its best chunk). Documents are appended into slots; replacing or removing a document
 * marks its old slot dead, so updates never rewrite postings. Queries walk postings document by
 * document (a document's chunks occupy consecutive chunk slots) and skip documents that cannot
 * reach the top `limit` (MaxScore): a common term only adds to documents a rarer term found.
 */
export class LexicalIndex {
  private readonly bm25: Bm25Params;
  private readonly titleWeight: number;
  private readonly fieldModel: 'bm25f' | 'separate';
  private readonly commonBitsBudget: number;
  private readonly titlePostings = new Map<string, PostingList>();
  private readonly bodyPostings = new Map<string, PostingList>();
  private readonly slotById = new Map<number, number>();

  private docIds = new Float64Array(1024);
  private docAlive = new Uint8Array(1024);
  private docPrior = new Float32Array(1024);
  private titleLen = new Uint16Array(1024);
  private docFirstChunk = new Int32Array(1024);
  private docChunkCount = new Int32Array(1024);
  private docCount = 0;
  private liveDocs = 0;
  private titleLenSum = 0;
  private maxPrior = 0;

  private chunkDoc = new Int32Array(4096);
  private chunkIds = new Float64Array(4096);
  private chunkLen = new Uint16Array(4096);
  private chunkCount = 0;
  private liveChunks = 0;
  private chunkLenSum = 0;

  // BM25 length normalisers 1 / (1 - b + b·len/avg), recomputed only after the index changes.
  private titleNorm = new Float32Array(1024);
  private chunkNorm = new Float32Array(4096);
  private normsStale = true;
  private avgTitle = 1;
  private avgChunk = 1;
  private epoch = 0;
  private epochAvgTitle = 0;
  private epochAvgChunk = 0;

  // Per-query scratch, reused: search is synchronous, so one query at a time uses them.
  private chunkAcc = new Float64Array(64);
  private chunkTouched = new Int32Array(64);
  private matchBits = new Uint32Array(32);
  /** One bit per live document slot. */
  private aliveBits = new Uint32Array(32);
  /** Lists holding a bitset, least recently used first (see COMMON_BITS_BUDGET). */
  private readonly bitsetsInUse = new Set<PostingList>();

  constructor(options: LexicalIndexOptions = {}) {
    this.bm25 = options.bm25 ?? DEFAULT_BM25;
    this.titleWeight = options.titleWeight ?? 2;
    this.fieldModel = options.fieldModel ?? 'bm25f';
    this.commonBitsBudget = options.commonBitsBudget ?? COMMON_BITS_BUDGET;
  }

  get size(): { documents: number; chunks: number; terms: number } {
    return { documents: this.liveDocs, chunks: this.liveChunks, terms: this.bodyPostings.size };
  }

  /** Bytes held by postings and per-slot columns (for memory reports). */
  get heldBytes(): number {
    let bytes = 0;
    for (const p of this.titlePostings.values()) bytes += p.heldBytes;
    for (const p of this.bodyPostings.values()) bytes += p.heldBytes;
    const perDoc = [this.docIds, this.docAlive, this.docPrior, this.titleLen, this.docFirstChunk, this.docChunkCount, this.titleNorm, this.matchBits, this.aliveBits];
    const perChunk = [this.chunkDoc, this.chunkIds, this.chunkLen, this.chunkNorm];
    for (const a of [...perDoc, ...perChunk]) bytes += a.byteLength;
    return bytes;
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
      throw new Error('lexical index is full (2^31 slots): restart the process to rebuild it compactly');
    }
    this.ensureDocCapacity(slot + 1);
    this.docIds[slot] = doc.id;
    this.docAlive[slot] = 1;
    this.aliveBits[slot >>> 5] |= 1 << (slot & 31);
    const prior = doc.prior ?? 1;
    if (!(prior > 0)) throw new Error(`document ${doc.id}: prior must be a positive number, got ${prior}`);
    this.docPrior[slot] = prior;
    this.maxPrior = Math.max(this.maxPrior, this.docPrior[slot]);
    const titleLen = Math.min(doc.titleTokens.length, 65535);
    this.titleLen[slot] = titleLen;
    this.titleLenSum += titleLen;
    const titleNorm = this.epochNorm(titleLen, this.epochAvgTitle);
    for (const [term, tf] of termFrequencies(doc.titleTokens)) {
      this.addPosting(this.titlePostings, term, slot, tf, titleNorm, slot);
    }
    this.docFirstChunk[slot] = this.chunkCount;
    this.docChunkCount[slot] = doc.chunks.length;
    for (const chunk of doc.chunks) {
      const c = this.chunkCount++;
      this.ensureChunkCapacity(c + 1);
      this.chunkDoc[c] = slot;
      this.chunkIds[c] = chunk.id;
      const len = Math.min(chunk.tokens.length, 65535);
      this.chunkLen[c] = len;
      this.chunkLenSum += len;
      const norm = this.epochNorm(len, this.epochAvgChunk);
      for (const [term, tf] of termFrequencies(chunk.tokens)) this.addPosting(this.bodyPostings, term, c, tf, norm, slot);
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
    this.aliveBits[slot >>> 5] &= ~(1 << (slot & 31));
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

  /**
   * After a bulk load: frees the lists' spare capacity and computes every term's score bound now
   * (~1 s at 1M chunks), so the first query to meet a common term does not rescan its postings.
   */
  settle(): void {
    for (const p of this.titlePostings.values()) p.compact();
    for (const p of this.bodyPostings.values()) p.compact();
    this.refreshNorms();
    for (const p of this.titlePostings.values()) this.maxImpact(p, 'title');
    for (const p of this.bodyPostings.values()) this.maxImpact(p, 'body');
  }

  /** Number of documents (title) and chunks (body) that contain the term, dead ones included (for query term weighting). */
  documentFrequency(term: string): { title: number; body: number } {
    return { title: this.titlePostings.get(term)?.length ?? 0, body: this.bodyPostings.get(term)?.length ?? 0 };
  }

  search(query: LexicalQuery): { hits: LexicalHit[]; total: number; matched: MatchSet } {
    this.refreshNorms();
    const terms: TermState[] = [];
    for (const { term, weight } of mergeTerms(query.terms)) {
      const state = this.termState(term, weight);
      if (state) terms.push(state);
    }
    const matched = this.collectMatches(terms, query.accept);
    const hits = matched.count === 0 ? [] : this.rank(terms, query);
    return { hits, total: matched.count, matched };
  }

  private termState(term: string, queryWeight: number): TermState | null {
    const title = this.titlePostings.get(term) ?? null;
    const body = this.bodyPostings.get(term) ?? null;
    if (!title && !body) return null;
    const { k1 } = this.bm25;
    if (this.fieldModel === 'separate') {
      const weight = queryWeight * idf(this.liveDocs, title?.length ?? 0);
      const bodyWeight = queryWeight * idf(this.liveChunks, body?.length ?? 0);
      // bm25TermScore stays below k1 + 1.
      const bound = ((title ? this.titleWeight * weight : 0) + (body ? bodyWeight : 0)) * (k1 + 1);
      return { weight, bodyWeight, bound: bound * BOUND_SLACK, bodyBound: (body ? bodyWeight * (k1 + 1) : 0) * BOUND_SLACK, title, body };
    }
    const df = Math.min(this.liveChunks, Math.max(title?.length ?? 0, body?.length ?? 0));
    const weight = queryWeight * idf(Math.max(1, this.liveChunks), df);
    const titleDrift = Math.max(1, this.avgTitle / this.epochAvgTitle);
    const bodyDrift = Math.max(1, this.avgChunk / this.epochAvgChunk);
    const maxBody = body ? this.maxImpact(body, 'body') * bodyDrift : 0;
    const maxTf = (title ? this.titleWeight * this.maxImpact(title, 'title') * titleDrift : 0) + maxBody;
    return {
      weight, bodyWeight: weight, bound: weight * saturate(maxTf, k1) * BOUND_SLACK,
      bodyBound: weight * saturate(maxBody, k1) * BOUND_SLACK, title, body,
    };
  }

  /** Every live, accepted document that holds any query term (for totals and facets). */
  private collectMatches(terms: TermState[], accept: ((slot: number) => boolean) | undefined): MatchSet {
    const words = (this.docCount + 31) >>> 5;
    const bits = this.matchBits;
    bits.fill(0, 0, words);
    const chunkDoc = this.chunkDoc;
    const mark = (list: PostingList | null, isBody: boolean) => {
      if (!list) return;
      const common = this.commonBits(list, isBody);
      if (common) {
        for (let i = 0, end = Math.min(common.length, words); i < end; i++) bits[i] |= common[i];
        return;
      }
      const cur = new PostingCursor(list);
      for (let s = cur.next(); s !== END; s = cur.next()) {
        const d = isBody ? chunkDoc[s] : s;
        bits[d >>> 5] |= 1 << (d & 31);
      }
    };
    for (const t of terms) {
      mark(t.title, false);
      mark(t.body, true);
    }
    // The set keeps its own copy: the scratch words are reused by the next query.
    const own = bits.slice(0, words);
    const alive = this.aliveBits;
    let count = 0;
    for (let i = 0; i < words; i++) {
      let w = own[i] & alive[i];
      if (accept && w !== 0) {
        for (let rest = w; rest !== 0; ) {
          const low = rest & -rest;
          rest ^= low;
          if (!accept((i << 5) + 31 - Math.clz32(low))) w &= ~low;
        }
      }
      own[i] = w;
      count += popcount32(w);
    }
    return new MatchSet(own, count);
  }

  /** The list's document bitset, built on first use once the term is common (see COMMON_SHARE). */
  private commonBits(list: PostingList, isBody: boolean): Uint32Array | null {
    if (list.docBits) {
      this.bitsetsInUse.delete(list);
      this.bitsetsInUse.add(list);
      return list.docBits;
    }
    if (list.length * COMMON_SHARE < this.docCount) return null;
    const bits = new Uint32Array(((this.docCount + 31) >>> 5) + 1);
    const cur = new PostingCursor(list);
    for (let s = cur.next(); s !== END; s = cur.next()) {
      const d = isBody ? this.chunkDoc[s] : s;
      bits[d >>> 5] |= 1 << (d & 31);
    }
    list.docBits = bits;
    this.bitsetsInUse.add(list);
    const most = Math.max(1, Math.floor(this.commonBitsBudget / bits.byteLength));
    for (const oldest of this.bitsetsInUse) {
      if (this.bitsetsInUse.size <= most) break;
      oldest.docBits = null;
      this.bitsetsInUse.delete(oldest);
    }
    return bits;
  }

  /** Bytes of the common terms' bitsets held now (at most COMMON_BITS_BUDGET, give or take one). */
  get bitsetBytes(): number {
    let bytes = 0;
    for (const list of this.bitsetsInUse) bytes += list.docBits?.byteLength ?? 0;
    return bytes;
  }

  /**
   * Document-at-a-time MaxScore. Terms sorted by bound; the lowest-bound terms whose bounds together
   * cannot beat the current k-th score are "non-essential": documents are only taken from the
   * essential terms' postings, and non-essential cursors jump ahead to them.
   */
  private rank(terms: TermState[], query: LexicalQuery): LexicalHit[] {
    const n = terms.length;
    const order = terms.map((_, i) => i).sort((a, b) => (query.exhaustive ? 0 : terms[a].bound - terms[b].bound));
    // Every term has both cursors (an absent list reads as an empty one), so the loops below stay monomorphic.
    const titleCursors = order.map((i) => new PostingCursor(terms[i].title ?? EMPTY_LIST));
    const bodyCursors = order.map((i) => new PostingCursor(terms[i].body ?? EMPTY_LIST));
    const states = order.map((i) => terms[i]);
    // below[k]: the sum of bounds of terms 0..k-1 (in bound order).
    const below = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) below[k + 1] = below[k] + (query.exhaustive ? Infinity : states[k].bound);
    const docOf = new Int32Array(n);
    const chunkDoc = this.chunkDoc;
    const place = (k: number) => {
      const td = titleCursors[k].slot;
      const bs = bodyCursors[k].slot;
      const bd = bs === END ? END : chunkDoc[bs];
      docOf[k] = td < bd ? td : bd;
    };
    // Moves term k's cursors past document d (whose chunks end before `end`).
    const pass = (k: number, d: number, end: number) => {
      const t = titleCursors[k];
      if (t.slot === d) t.next();
      const b = bodyCursors[k];
      while (b.slot < end) b.next();
      place(k);
    };
    for (let k = 0; k < n; k++) {
      titleCursors[k].next();
      bodyCursors[k].next();
      place(k);
    }
    // Equal scores rank by document id, so every replica gives one order whatever order it appended in.
    const byDocId = (a: number, b: number) => this.docIds[a] - this.docIds[b];
    const top = query.collapse ? new CollapsingTopK(query.limit, query.collapse, byDocId) : new TopK<number>(query.limit, byDocId);
    const results = new Map<number, LexicalHit>();
    let threshold = 0;
    let firstEssential = 0;
    const accept = query.accept;
    const boosts = query.boosts && query.boosts.size > 0 ? query.boosts : null;
    // Offers the document just scored (docTitle, bestScore, bestChunkSlot) to the top k.
    const keep = (d: number, score: number) => results.set(d, {
      docSlot: d, docId: this.docIds[d], score, titleScore: this.docTitle, bodyScore: this.bestScore,
      bestChunkId: this.bestChunkSlot >= 0 ? this.chunkIds[this.bestChunkSlot] : -1,
    });
    const admit = (d: number, score: number) => {
      if (score < top.threshold || score <= 0) return; // a tie enters by document id
      top.push(score, d);
      keep(d, score);
      if (top.size === query.limit && !query.exhaustive) {
        threshold = top.threshold;
        while (firstEssential < n && below[firstEssential + 1] * this.maxPrior < threshold) firstEssential++;
      }
    };
    const titleFactor = this.fieldModel === 'bm25f' ? 1 : this.titleWeight;
    const ranks = (d: number) => d < this.docCount && this.docAlive[d] === 1 && (!accept || accept(d));
    // Scores one document on its own (with fresh cursors), leaving docTitle, bestScore and bestChunkSlot set.
    const scoreAlone = (d: number): number => {
      const first = this.docFirstChunk[d];
      const end = first + this.docChunkCount[d];
      this.docTitle = 0;
      this.touchedChunks = 0;
      this.docFirst = first;
      for (const t of states) {
        const title = new PostingCursor(t.title ?? EMPTY_LIST);
        const body = new PostingCursor(t.body ?? EMPTY_LIST);
        title.advance(d);
        body.advance(first);
        this.scoreTerm(t, title, body, d, first, end);
      }
      this.findBestChunk();
      this.clearChunks();
      return (titleFactor * this.docTitle + this.bestScore) * this.docPrior[d] * (boosts?.get(d) ?? 1);
    };
    // Boosted documents are scored first, each on its own; the walk below passes over them.
    if (boosts) {
      for (const d of [...boosts.keys()].sort((a, b) => a - b)) if (ranks(d)) admit(d, scoreAlone(d));
    }
    for (;;) {
      let d = END;
      for (let k = firstEssential; k < n; k++) if (docOf[k] < d) d = docOf[k];
      if (d === END) break;
      const first = this.docFirstChunk[d];
      const end = first + this.docChunkCount[d];
      if (this.docAlive[d] === 0 || (accept && !accept(d)) || (boosts && boosts.has(d))) {
        for (let k = firstEssential; k < n; k++) if (docOf[k] === d) pass(k, d, end);
        continue;
      }
      const prior = this.docPrior[d];
      // The terms d holds and every non-essential term, at their bounds, may still fall short.
      let reach = below[firstEssential];
      for (let k = firstEssential; k < n; k++) {
        if (docOf[k] === d) reach += titleCursors[k].slot === d ? states[k].bound : states[k].bodyBound;
      }
      if (reach * prior < threshold) {
        for (let k = firstEssential; k < n; k++) if (docOf[k] === d) pass(k, d, end);
        continue;
      }
      this.docTitle = 0;
      this.touchedChunks = 0;
      this.docFirst = first;
      for (let k = n - 1; k >= firstEssential; k--) {
        if (docOf[k] !== d) continue;
        this.scoreTerm(states[k], titleCursors[k], bodyCursors[k], d, first, end);
        place(k);
      }
      this.findBestChunk();
      for (let k = firstEssential - 1; k >= 0; k--) {
        if ((this.docTitle + this.bestScore + below[k + 1]) * prior < threshold) break;
        const t = titleCursors[k];
        const b = bodyCursors[k];
        if (t.slot < d) t.advance(d);
        if (b.slot < first) b.advance(first);
        place(k);
        if (docOf[k] !== d) continue;
        this.scoreTerm(states[k], t, b, d, first, end);
        place(k);
        this.findBestChunk();
      }
      this.clearChunks();
      admit(d, (titleFactor * this.docTitle + this.bestScore) * prior);
    }
    if (top instanceof CollapsingTopK) {
      // A group shows its preferred member (the canonical) whenever that member matches at all, even
      // when pruning skipped it (it scored below the k-th group): it is scored on its own here.
      for (const group of top.groupsShowingOthers()) {
        const d = query.collapse!.preferredSlot(group);
        if (d < 0 || !ranks(d)) continue;
        const score = scoreAlone(d);
        if (score <= 0) continue;
        keep(d, score);
        top.show(group, d, score);
      }
    }
    // A collapsed group ranks by its best member even when another member is shown.
    return top.sorted().map(({ item, score }) => {
      const hit = results.get(item)!;
      return hit.score === score ? hit : { ...hit, score };
    });
  }

  // The document being scored: its title's share and its chunks' scores (chunkAcc, by position in the document).
  private docTitle = 0;
  private touchedChunks = 0;
  private docFirst = 0;
  private bestScore = 0;
  private bestChunkSlot = -1;

  /** Adds one term's title and chunk scores for document d, moving its cursors past d. */
  private scoreTerm(t: TermState, title: PostingCursor, body: PostingCursor, d: number, first: number, end: number): void {
    const { k1 } = this.bm25;
    let a = 0;
    if (title.slot === d) {
      if (this.fieldModel === 'bm25f') {
        a = this.titleWeight * title.tf * this.titleNorm[d];
        this.docTitle += t.weight * saturate(a, k1);
      } else {
        this.docTitle += t.weight * saturate(title.tf * this.titleNorm[d], k1);
      }
      title.next();
    }
    if (body.slot >= end) return;
    if (end - first > this.chunkAcc.length) {
      this.chunkAcc = grow(this.chunkAcc, end - first);
      this.chunkTouched = grow(this.chunkTouched, end - first);
    }
    const base = this.fieldModel === 'bm25f' ? saturate(a, k1) : 0;
    const acc = this.chunkAcc;
    for (let c = body.slot; c < end; c = body.next()) {
      const inc = t.bodyWeight * (saturate(a + body.tf * this.chunkNorm[c], k1) - base);
      if (!(inc > 0)) continue;
      const k = c - first;
      if (acc[k] === 0) this.chunkTouched[this.touchedChunks++] = k;
      acc[k] += inc;
    }
  }

  /** Sets bestScore and bestChunkSlot from the document's chunk scores. */
  private findBestChunk(): void {
    let score = 0;
    let chunk = -1;
    for (let i = 0; i < this.touchedChunks; i++) {
      const k = this.chunkTouched[i];
      if (this.chunkAcc[k] > score) {
        score = this.chunkAcc[k];
        chunk = this.docFirst + k;
      }
    }
    this.bestScore = score;
    this.bestChunkSlot = chunk;
  }

  private clearChunks(): void {
    for (let i = 0; i < this.touchedChunks; i++) this.chunkAcc[this.chunkTouched[i]] = 0;
    this.touchedChunks = 0;
  }

  /** Exact length norms for the live averages; a new bound epoch once they drift (see EPOCH_DRIFT). */
  private refreshNorms(): void {
    if (!this.normsStale) return;
    const { b } = this.bm25;
    this.avgTitle = this.titleLenSum / Math.max(1, this.liveDocs) || 1;
    this.avgChunk = this.chunkLenSum / Math.max(1, this.liveChunks) || 1;
    for (let d = 0; d < this.docCount; d++) this.titleNorm[d] = 1 / (1 - b + (b * this.titleLen[d]) / this.avgTitle);
    for (let c = 0; c < this.chunkCount; c++) this.chunkNorm[c] = 1 / (1 - b + (b * this.chunkLen[c]) / this.avgChunk);
    const drift = (now: number, then: number) => Math.abs(now - then) > EPOCH_DRIFT * then;
    if (this.epochAvgTitle === 0 || drift(this.avgTitle, this.epochAvgTitle) || drift(this.avgChunk, this.epochAvgChunk)) {
      this.epoch++;
      this.epochAvgTitle = this.avgTitle;
      this.epochAvgChunk = this.avgChunk;
    }
    this.normsStale = false;
  }

  /** Length norm against the epoch's average (0 before the first epoch: no bound is kept yet). */
  private epochNorm(len: number, avg: number): number {
    if (avg === 0) return 0;
    const { b } = this.bm25;
    return 1 / (1 - b + (b * len) / avg);
  }

  /** The list's largest tf × norm in this epoch, rescanning it once per epoch. */
  private maxImpact(list: PostingList, field: 'title' | 'body'): number {
    if (list.impactEpoch === this.epoch) return list.maxImpact;
    const lens = field === 'title' ? this.titleLen : this.chunkLen;
    const avg = field === 'title' ? this.epochAvgTitle : this.epochAvgChunk;
    list.maxImpact = 0;
    const cur = new PostingCursor(list);
    for (let s = cur.next(); s !== END; s = cur.next()) list.maxImpact = Math.max(list.maxImpact, cur.tf * this.epochNorm(lens[s], avg));
    list.impactEpoch = this.epoch;
    return list.maxImpact;
  }

  private addPosting(map: Map<string, PostingList>, term: string, slot: number, tf: number, norm: number, docSlot: number): void {
    let p = map.get(term);
    if (!p) map.set(term, (p = new PostingList()));
    p.push(slot, tf);
    if (p.docBits) {
      if (docSlot >>> 5 >= p.docBits.length) p.docBits = grow(p.docBits, (this.docCount >>> 5) + 1);
      p.docBits[docSlot >>> 5] |= 1 << (docSlot & 31);
    }
    // Keeps a current bound current; a stale one is rescanned when a query needs it.
    if (p.impactEpoch === this.epoch) p.maxImpact = Math.max(p.maxImpact, tf * norm);
  }

  private ensureDocCapacity(n: number): void {
    this.docIds = grow(this.docIds, n);
    this.docAlive = grow(this.docAlive, n);
    this.docPrior = grow(this.docPrior, n);
    this.titleLen = grow(this.titleLen, n);
    this.titleNorm = grow(this.titleNorm, n);
    this.docFirstChunk = grow(this.docFirstChunk, n);
    this.docChunkCount = grow(this.docChunkCount, n);
    this.matchBits = grow(this.matchBits, (n >>> 5) + 1);
    this.aliveBits = grow(this.aliveBits, (n >>> 5) + 1);
  }

  private ensureChunkCapacity(n: number): void {
    this.chunkDoc = grow(this.chunkDoc, n);
    this.chunkIds = grow(this.chunkIds, n);
    this.chunkLen = grow(this.chunkLen, n);
    this.chunkNorm = grow(this.chunkNorm, n);
  }
}

/** Stands in for a field that lacks the term. */
const EMPTY_LIST = new PostingList();

/** BM25's term-frequency saturation. */
function saturate(tf: number, k1: number): number {
  return (tf * (k1 + 1)) / (tf + k1);
}

/** A term typed twice (or produced by two expansions) counts once, at its highest weight. */
function mergeTerms(terms: WeightedTerm[]): WeightedTerm[] {
  const merged = new Map<string, number>();
  for (const { term, weight } of terms) merged.set(term, Math.max(merged.get(term) ?? 0, weight));
  return [...merged].map(([term, weight]) => ({ term, weight }));
}
