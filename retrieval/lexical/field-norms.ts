import { grow } from './columns';
import { END, PostingCursor, type PostingList } from './postings';

/**
 * Score bounds are computed against the average lengths of an "epoch" and refreshed once the live
 * averages drift this far from them (a replica that ingests every second must not rescan its
 * common terms' postings every second). Until then bounds are scaled up by the drift, so they hold.
 */
export const EPOCH_DRIFT = 0.05;

export type Field = 'title' | 'body';

/**
 * The segment's field lengths (title per document slot, body per chunk slot) and the BM25 length
 * norms derived from them, 1 / (1 − b + b·len/avg): exact for the live averages after refresh(),
 * and per posting list the largest tf × norm against the current epoch's averages (the score bounds'
 * raw material; see EPOCH_DRIFT). Written only by Segment; read by the scorer.
 */
export class FieldNorms {
  titleLen = new Uint16Array(1024);
  chunkLen = new Uint16Array(4096);
  /** Norms for the live averages, stored as float32 (hence the scorer's BOUND_SLACK). */
  titleNorm = new Float32Array(1024);
  chunkNorm = new Float32Array(4096);
  avgTitle = 1;
  avgChunk = 1;
  epoch = 0;
  epochAvgTitle = 0;
  epochAvgChunk = 0;
  private titleLenSum = 0;
  private chunkLenSum = 0;
  private stale = true;

  /** `b`: BM25's length normalisation (Bm25Params.b). */
  constructor(private readonly b: number) {}

  get heldBytes(): number {
    return this.titleLen.byteLength + this.chunkLen.byteLength + this.titleNorm.byteLength + this.chunkNorm.byteLength;
  }

  ensureDocCapacity(n: number): void {
    this.titleLen = grow(this.titleLen, n);
    this.titleNorm = grow(this.titleNorm, n);
  }

  ensureChunkCapacity(n: number): void {
    this.chunkLen = grow(this.chunkLen, n);
    this.chunkNorm = grow(this.chunkNorm, n);
  }

  /** Records a title's length (capped at 65535); returns its norm in this epoch. */
  addTitle(slot: number, tokens: number): number {
    const len = Math.min(tokens, 65535);
    this.titleLen[slot] = len;
    this.titleLenSum += len;
    this.stale = true;
    return this.epochNorm(len, this.epochAvgTitle);
  }

  /** Records a chunk's length (capped at 65535); returns its norm in this epoch. */
  addChunk(chunk: number, tokens: number): number {
    const len = Math.min(tokens, 65535);
    this.chunkLen[chunk] = len;
    this.chunkLenSum += len;
    this.stale = true;
    return this.epochNorm(len, this.epochAvgChunk);
  }

  /** The live lengths' sums again from the columns (after a snapshot restored them); norms are refreshed at the next query. */
  recount(docAlive: Uint8Array, docCount: number, firstChunk: Int32Array, chunkCount: Int32Array): void {
    this.titleLenSum = 0;
    this.chunkLenSum = 0;
    for (let d = 0; d < docCount; d++) {
      if (docAlive[d] !== 1) continue;
      this.titleLenSum += this.titleLen[d];
      for (let c = firstChunk[d]; c < firstChunk[d] + chunkCount[d]; c++) this.chunkLenSum += this.chunkLen[c];
    }
    this.stale = true;
  }

  /** Takes a removed document's title and chunks out of the averages. */
  remove(slot: number, firstChunk: number, chunks: number): void {
    this.titleLenSum -= this.titleLen[slot];
    for (let c = firstChunk; c < firstChunk + chunks; c++) this.chunkLenSum -= this.chunkLen[c];
    this.stale = true;
  }

  /** Exact length norms for the live averages; a new bound epoch once they drift (see EPOCH_DRIFT). */
  refresh(docCount: number, liveDocs: number, chunkCount: number, liveChunks: number): void {
    if (!this.stale) return;
    const { b } = this;
    this.avgTitle = this.titleLenSum / Math.max(1, liveDocs) || 1;
    this.avgChunk = this.chunkLenSum / Math.max(1, liveChunks) || 1;
    for (let d = 0; d < docCount; d++) this.titleNorm[d] = 1 / (1 - b + (b * this.titleLen[d]) / this.avgTitle);
    for (let c = 0; c < chunkCount; c++) this.chunkNorm[c] = 1 / (1 - b + (b * this.chunkLen[c]) / this.avgChunk);
    const drift = (now: number, then: number) => Math.abs(now - then) > EPOCH_DRIFT * then;
    if (this.epochAvgTitle === 0 || drift(this.avgTitle, this.epochAvgTitle) || drift(this.avgChunk, this.epochAvgChunk)) {
      this.epoch++;
      this.epochAvgTitle = this.avgTitle;
      this.epochAvgChunk = this.avgChunk;
    }
    this.stale = false;
  }

  /** The list's largest tf × norm in this epoch, rescanning it once per epoch. */
  maxImpact(list: PostingList, field: Field): number {
    if (list.impactEpoch === this.epoch) return list.maxImpact;
    const lens = field === 'title' ? this.titleLen : this.chunkLen;
    const avg = field === 'title' ? this.epochAvgTitle : this.epochAvgChunk;
    list.maxImpact = 0;
    const cur = new PostingCursor(list);
    for (let s = cur.next(); s !== END; s = cur.next()) list.maxImpact = Math.max(list.maxImpact, cur.tf * this.epochNorm(lens[s], avg));
    list.impactEpoch = this.epoch;
    return list.maxImpact;
  }

  /** Keeps a list's current bound current as a posting is appended; a stale one is rescanned when a query needs it. */
  notePosting(list: PostingList, tf: number, norm: number): void {
    if (list.impactEpoch === this.epoch) list.maxImpact = Math.max(list.maxImpact, tf * norm);
  }

  /** Length norm against the epoch's average (0 before the first epoch: no bound is kept yet). */
  private epochNorm(len: number, avg: number): number {
    if (avg === 0) return 0;
    const { b } = this;
    return 1 / (1 - b + (b * len) / avg);
  }
}
