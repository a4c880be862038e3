import { saturate } from './bm25';
import { grow } from './columns';
import type { DocumentScores } from './collector';
import type { FieldNorms } from './field-norms';
import type { PostingCursor } from './postings';
import type { TermState } from './term-bounds';
import type { ScoringModel } from './types';

/**
 * The score of the one document being scored: its title's share and each of its chunks' (a
 * document scores by its best chunk). Terms are added one at a time, in any order the walk needs.
 * Its chunk accumulators are reused from query to query (search is synchronous).
 */
export class DocumentScorer implements DocumentScores {
  titleScore = 0;
  bodyScore = 0;
  bestChunkSlot = -1;
  /** Chunk scores by position in the document, and which positions are non-zero. */
  private chunkAcc = new Float64Array(64);
  private chunkTouched = new Int32Array(64);
  private touchedChunks = 0;
  private first = 0;
  private titleNorm = new Float32Array(0);
  private chunkNorm = new Float32Array(0);

  constructor(private readonly model: ScoringModel) {}

  get heldBytes(): number {
    return this.chunkAcc.byteLength + this.chunkTouched.byteLength;
  }

  /** Reads the segment's current norms (once per query: growing the segment replaces its columns). */
  bind(norms: FieldNorms): void {
    this.titleNorm = norms.titleNorm;
    this.chunkNorm = norms.chunkNorm;
  }

  /** Starts a document whose chunks begin at chunk slot `first`. */
  begin(first: number): void {
    this.titleScore = 0;
    this.touchedChunks = 0;
    this.first = first;
  }

  /** Adds one term's title and chunk scores for document d (chunks first…end−1), moving its cursors past d. */
  addTerm(t: TermState, title: PostingCursor, body: PostingCursor, d: number, first: number, end: number): void {
    const { k1 } = this.model.bm25;
    const bm25f = this.model.fieldModel === 'bm25f';
    let a = 0;
    if (title.slot === d) {
      if (bm25f) {
        a = this.model.titleWeight * title.tf * this.titleNorm[d];
        this.titleScore += t.weight * saturate(a, k1);
      } else {
        this.titleScore += t.weight * saturate(title.tf * this.titleNorm[d], k1);
      }
      title.next();
    }
    if (body.slot >= end) return;
    if (end - first > this.chunkAcc.length) {
      this.chunkAcc = grow(this.chunkAcc, end - first);
      this.chunkTouched = grow(this.chunkTouched, end - first);
    }
    const base = bm25f ? saturate(a, k1) : 0;
    const acc = this.chunkAcc;
    const chunkNorm = this.chunkNorm;
    for (let c = body.slot; c < end; c = body.next()) {
      const inc = t.bodyWeight * (saturate(a + body.tf * chunkNorm[c], k1) - base);
      if (!(inc > 0)) continue;
      const k = c - first;
      if (acc[k] === 0) this.chunkTouched[this.touchedChunks++] = k;
      acc[k] += inc;
    }
  }

  /** Sets bodyScore and bestChunkSlot from the chunk scores so far. */
  findBestChunk(): void {
    let score = 0;
    let chunk = -1;
    for (let i = 0; i < this.touchedChunks; i++) {
      const k = this.chunkTouched[i];
      if (this.chunkAcc[k] > score) {
        score = this.chunkAcc[k];
        chunk = this.first + k;
      }
    }
    this.bodyScore = score;
    this.bestChunkSlot = chunk;
  }

  /** Zeroes the chunk accumulators for the next document (the parts stay readable). */
  clearChunks(): void {
    for (let i = 0; i < this.touchedChunks; i++) this.chunkAcc[this.chunkTouched[i]] = 0;
    this.touchedChunks = 0;
  }
}
