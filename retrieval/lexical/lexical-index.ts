import { DEFAULT_BM25 } from './bm25';
import { DocumentScorer } from './document-scorer';
import { MatchCollector } from './match-collector';
import type { MatchSet } from './match-set';
import { MaxScoreScorer } from './max-score';
import { Segment } from './segment';
import { imageOfSegment, restoreSegment, type SegmentImage } from './segment-snapshot';
import { weighTerms } from './term-bounds';
import { TopHitsCollector } from './top-hits-collector';
import type { IndexedDocument, LexicalHit, LexicalIndexOptions, LexicalQuery, ScoringModel } from './types';

export type { IndexedDocument, LexicalHit, LexicalIndexOptions, LexicalQuery, WeightedTerm } from './types';
export type { SegmentImage } from './segment-snapshot';

/**
 * In-memory BM25 over two fields: titles (one per document) and bodies (one per chunk; a document
 * scores by its best chunk). The face of three parts: a Segment stores (columns, postings, norms),
 * a MaxScoreScorer scores (BM25F bounds, MaxScore over an accept set) and collectors keep
 * (TopHitsCollector for the ranked hits, MatchCollector for the matching set).
 */
export class LexicalIndex {
  private readonly model: ScoringModel;
  private readonly segment: Segment;
  private readonly matches = new MatchCollector();
  private readonly document: DocumentScorer;

  constructor(options: LexicalIndexOptions = {}) {
    this.model = {
      bm25: options.bm25 ?? DEFAULT_BM25,
      titleWeight: options.titleWeight ?? 2,
      fieldModel: options.fieldModel ?? 'bm25f',
    };
    this.segment = new Segment(this.model.bm25.b, options.commonBitsBudget);
    this.document = new DocumentScorer(this.model);
  }

  get size(): { documents: number; chunks: number; terms: number } {
    return { documents: this.segment.liveDocs, chunks: this.segment.liveChunks, terms: this.segment.bodyPostings.size };
  }

  /** Bytes held by postings, per-slot columns and query scratch (for memory reports). */
  get heldBytes(): number {
    return this.segment.heldBytes + this.matches.heldBytes + this.document.heldBytes;
  }

  /** Bytes of the common terms' bitsets held now (at most the budget, give or take one). */
  get bitsetBytes(): number {
    return this.segment.commonBits.bytes;
  }

  has(docId: number): boolean {
    return this.segment.slotOf(docId) !== undefined;
  }

  slotOf(docId: number): number | undefined {
    return this.segment.slotOf(docId);
  }

  docIdAt(slot: number): number {
    return this.segment.docIds[slot];
  }

  /** The document's score multiplier (IndexedDocument.prior), which hybrid search applies to vector hits too. */
  priorAt(slot: number): number {
    return this.segment.docPrior[slot];
  }

  /** Adds a document, replacing any earlier version with the same id. Returns its slot. */
  upsert(doc: IndexedDocument): number {
    return this.segment.upsert(doc);
  }

  remove(docId: number): boolean {
    return this.segment.remove(docId);
  }

  /**
   * After a bulk load: frees the lists' spare capacity and computes every term's score bound now
   * (~1 s at 1M chunks), so the first query to meet a common term does not rescan its postings.
   */
  settle(): void {
    this.segment.settle();
  }

  /** A copy of the stored index for a snapshot (retrieval/search/snapshot), safe to write out while the index changes. */
  image(): SegmentImage {
    return imageOfSegment(this.segment);
  }

  /** Fills this empty index from a snapshot's image; throws when the image is inconsistent. */
  restore(image: SegmentImage): void {
    restoreSegment(this.segment, image);
  }

  /** Number of live documents (title) and chunks (body) that contain the term (for query term weighting). */
  documentFrequency(term: string): { title: number; body: number } {
    const segment = this.segment;
    const title = segment.titlePostings.get(term);
    const body = segment.bodyPostings.get(term);
    return { title: title ? segment.liveLength(title, 'title') : 0, body: body ? segment.liveLength(body, 'body') : 0 };
  }

  /** The top `limit` hits (scorer → top-hits collector) and every match (match collector). */
  search(query: LexicalQuery): { hits: LexicalHit[]; total: number; matched: MatchSet } {
    const segment = this.segment;
    segment.refreshNorms();
    const terms = weighTerms(segment, this.model, query.terms);
    const matched = this.matches.collect(segment, terms, query.accept);
    if (matched.count === 0) return { hits: [], total: 0, matched };
    const scorer = new MaxScoreScorer(segment, this.model, this.document, terms, query);
    const top = new TopHitsCollector(query.limit, segment, query.collapse);
    scorer.run(top);
    return { hits: top.hits(scorer), total: matched.count, matched };
  }
}
