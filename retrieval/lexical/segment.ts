import { grow } from './columns';
import { CommonBits } from './common-bits';
import { FieldNorms } from './field-norms';
import { END, MAX_SLOT, PostingCursor, PostingList, termFrequencies } from './postings';
import type { IndexedDocument } from './types';

/**
 * The index's storage: documents appended into slots, per-slot columns, two fields' postings
 * (titles by document slot, bodies by chunk slot; a document's chunks take consecutive chunk
 * slots), field lengths and norms, and the common terms' bitsets. Replacing or removing a document
 * marks its old slot dead, so updates never rewrite postings. Columns are public for the scorer and
 * collectors to read in their loops; only the segment writes them.
 */
export class Segment {
  readonly titlePostings = new Map<string, PostingList>();
  readonly bodyPostings = new Map<string, PostingList>();
  readonly norms: FieldNorms;
  readonly commonBits: CommonBits;
  private readonly slotById = new Map<number, number>();

  docIds = new Float64Array(1024);
  docAlive = new Uint8Array(1024);
  docPrior = new Float32Array(1024);
  docFirstChunk = new Int32Array(1024);
  docChunkCount = new Int32Array(1024);
  /** One bit per live document slot. */
  aliveBits = new Uint32Array(32);
  docCount = 0;
  liveDocs = 0;
  /** The largest prior ever given (a bound on every document's multiplier). */
  maxPrior = 0;
  /** Documents removed or replaced so far: a list's dead postings are recounted once this moved (liveLength). */
  removals = 0;

  chunkDoc = new Int32Array(4096);
  chunkIds = new Float64Array(4096);
  chunkCount = 0;
  liveChunks = 0;

  /** `b`: BM25's length normalisation; `commonBitsBudget`: see COMMON_BITS_BUDGET. */
  constructor(b: number, commonBitsBudget?: number) {
    this.norms = new FieldNorms(b);
    this.commonBits = new CommonBits(commonBitsBudget);
  }

  /** Bytes held by postings, per-slot columns and norms. */
  get heldBytes(): number {
    let bytes = this.norms.heldBytes;
    for (const p of this.titlePostings.values()) bytes += p.heldBytes;
    for (const p of this.bodyPostings.values()) bytes += p.heldBytes;
    const perDoc = [this.docIds, this.docAlive, this.docPrior, this.docFirstChunk, this.docChunkCount, this.aliveBits];
    const perChunk = [this.chunkDoc, this.chunkIds];
    for (const a of [...perDoc, ...perChunk]) bytes += a.byteLength;
    return bytes;
  }

  slotOf(docId: number): number | undefined {
    return this.slotById.get(docId);
  }

  /** After a snapshot's columns were put in place (segment-snapshot.ts): the id map and the norms' sums, from the columns. */
  reindexAfterRestore(): void {
    this.slotById.clear();
    for (let s = 0; s < this.docCount; s++) if (this.docAlive[s] === 1) this.slotById.set(this.docIds[s], s);
    this.norms.recount(this.docAlive, this.docCount, this.docFirstChunk, this.docChunkCount);
  }

  /** Adds a document, replacing any earlier version with the same id. Returns its slot. */
  upsert(doc: IndexedDocument): number {
    this.remove(doc.id);
    const slot = this.docCount;
    if (slot > MAX_SLOT || this.chunkCount + doc.chunks.length > MAX_SLOT) {
      throw new Error('lexical index is full (2^31 slots): restart the process to rebuild it compactly');
    }
    const prior = doc.prior ?? 1;
    if (!(prior > 0)) throw new Error(`document ${doc.id}: prior must be a positive number, got ${prior}`);
    this.ensureDocCapacity(slot + 1);
    this.docIds[slot] = doc.id;
    this.docAlive[slot] = 1;
    this.aliveBits[slot >>> 5] |= 1 << (slot & 31);
    this.docPrior[slot] = prior;
    this.maxPrior = Math.max(this.maxPrior, this.docPrior[slot]);
    const titleNorm = this.norms.addTitle(slot, doc.titleTokens.length);
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
      const norm = this.norms.addChunk(c, chunk.tokens.length);
      for (const [term, tf] of termFrequencies(chunk.tokens)) this.addPosting(this.bodyPostings, term, c, tf, norm, slot);
      this.liveChunks++;
    }
    this.docCount++;
    this.liveDocs++;
    this.slotById.set(doc.id, slot);
    return slot;
  }

  remove(docId: number): boolean {
    const slot = this.slotById.get(docId);
    if (slot === undefined) return false;
    this.docAlive[slot] = 0;
    this.aliveBits[slot >>> 5] &= ~(1 << (slot & 31));
    this.slotById.delete(docId);
    this.liveDocs--;
    this.removals++;
    this.liveChunks -= this.docChunkCount[slot];
    this.norms.remove(slot, this.docFirstChunk[slot], this.docChunkCount[slot]);
    return true;
  }

  /**
   * The list's postings in live slots: the term's document frequency. Lucene's docFreq counts deleted
   * documents until a merge; here that made two replicas weigh terms differently (one saw a document's
   * first version and its enrichment, the other only the second) and rank near-ties in different orders.
   * Recounted when a query needs the list after removals; appends are live, so the count stays right.
   */
  liveLength(list: PostingList, field: 'title' | 'body'): number {
    if (list.deadEpoch !== this.removals) {
      const alive = this.docAlive;
      const owner = this.chunkDoc;
      const cursor = new PostingCursor(list);
      let dead = 0;
      if (field === 'title') for (let s = cursor.next(); s !== END; s = cursor.next()) dead += 1 - alive[s];
      else for (let s = cursor.next(); s !== END; s = cursor.next()) dead += 1 - alive[owner[s]];
      list.dead = dead;
      list.deadEpoch = this.removals;
    }
    return list.length - list.dead;
  }

  /** Exact norms for the live averages (a no-op until the segment changes). */
  refreshNorms(): void {
    this.norms.refresh(this.docCount, this.liveDocs, this.chunkCount, this.liveChunks);
  }

  /** Frees the lists' spare capacity and computes every list's bound for this epoch (after a bulk load). */
  settle(): void {
    for (const p of this.titlePostings.values()) p.compact();
    for (const p of this.bodyPostings.values()) p.compact();
    this.refreshNorms();
    for (const p of this.titlePostings.values()) this.norms.maxImpact(p, 'title');
    for (const p of this.bodyPostings.values()) this.norms.maxImpact(p, 'body');
  }

  private addPosting(map: Map<string, PostingList>, term: string, slot: number, tf: number, norm: number, docSlot: number): void {
    let p = map.get(term);
    if (!p) map.set(term, (p = new PostingList()));
    p.push(slot, tf);
    if (p.docBits) {
      if (docSlot >>> 5 >= p.docBits.length) p.docBits = grow(p.docBits, (this.docCount >>> 5) + 1);
      p.docBits[docSlot >>> 5] |= 1 << (docSlot & 31);
    }
    this.norms.notePosting(p, tf, norm);
  }

  private ensureDocCapacity(n: number): void {
    this.docIds = grow(this.docIds, n);
    this.docAlive = grow(this.docAlive, n);
    this.docPrior = grow(this.docPrior, n);
    this.docFirstChunk = grow(this.docFirstChunk, n);
    this.docChunkCount = grow(this.docChunkCount, n);
    this.aliveBits = grow(this.aliveBits, (n >>> 5) + 1);
    this.norms.ensureDocCapacity(n);
  }

  private ensureChunkCapacity(n: number): void {
    this.chunkDoc = grow(this.chunkDoc, n);
    this.chunkIds = grow(this.chunkIds, n);
    this.norms.ensureChunkCapacity(n);
  }
}
