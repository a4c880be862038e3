import type { Collector, DocumentScores, Rescorer } from './collector';
import type { DocumentScorer } from './document-scorer';
import { END, PostingCursor, PostingList } from './postings';
import type { Segment } from './segment';
import type { TermState } from './term-bounds';
import type { ScoringModel } from './types';

export interface ScorerOptions {
  /** Document slots that may be returned; omitted = every live one. */
  accept?: (docSlot: number) => boolean;
  /** Score multipliers for a few slots (see LexicalQuery.boosts); those are scored first, on their own. */
  boosts?: ReadonlyMap<number, number>;
  /** Score every matching document (no pruning, terms in query order). */
  exhaustive?: boolean;
}

/** Stands in for a field that lacks the term. */
const EMPTY_LIST = new PostingList();

/**
 * Document-at-a-time MaxScore over one segment, pushing each scored document to a collector.
 * Terms are sorted by bound; the lowest-bound terms whose bounds together cannot beat the
 * collector's threshold are "non-essential": documents are only taken from the essential terms'
 * postings, and non-essential cursors jump ahead to them. A common term thus only adds to
 * documents a rarer term found.
 */
export class MaxScoreScorer implements Rescorer {
  /** The terms in walk order (ascending bound, or query order when exhaustive). */
  private readonly states: TermState[];
  private readonly accept: ((docSlot: number) => boolean) | undefined;
  private readonly boosts: ReadonlyMap<number, number> | null;
  private readonly exhaustive: boolean;
  private readonly titleFactor: number;

  constructor(
    private readonly segment: Segment,
    model: ScoringModel,
    private readonly doc: DocumentScorer,
    terms: readonly TermState[],
    options: ScorerOptions,
  ) {
    this.exhaustive = options.exhaustive === true;
    this.accept = options.accept;
    this.boosts = options.boosts && options.boosts.size > 0 ? options.boosts : null;
    const order = terms.map((_, i) => i).sort((a, b) => (this.exhaustive ? 0 : terms[a].bound - terms[b].bound));
    this.states = order.map((i) => terms[i]);
    this.titleFactor = model.fieldModel === 'bm25f' ? 1 : model.titleWeight;
    doc.bind(segment.norms);
  }

  get parts(): DocumentScores {
    return this.doc;
  }

  accepts(d: number): boolean {
    const seg = this.segment;
    return d < seg.docCount && seg.docAlive[d] === 1 && (!this.accept || this.accept(d));
  }

  /** Scores one document on its own (with fresh cursors), leaving its parts in `parts`. */
  scoreAlone(d: number): number {
    const seg = this.segment;
    const doc = this.doc;
    const first = seg.docFirstChunk[d];
    const end = first + seg.docChunkCount[d];
    doc.begin(first);
    for (const t of this.states) {
      const title = new PostingCursor(t.title ?? EMPTY_LIST);
      const body = new PostingCursor(t.body ?? EMPTY_LIST);
      title.advance(d);
      body.advance(first);
      doc.addTerm(t, title, body, d, first, end);
    }
    doc.findBestChunk();
    doc.clearChunks();
    return (this.titleFactor * doc.titleScore + doc.bodyScore) * seg.docPrior[d] * (this.boosts?.get(d) ?? 1);
  }

  /** Boosted documents first, each scored on its own; then the walk, which passes over them. */
  run(collector: Collector): void {
    const { states, exhaustive, accept, boosts, doc, titleFactor } = this;
    const seg = this.segment;
    const n = states.length;
    // Every term has both cursors (an absent list reads as an empty one), so the loops below stay monomorphic.
    const titleCursors = states.map((t) => new PostingCursor(t.title ?? EMPTY_LIST));
    const bodyCursors = states.map((t) => new PostingCursor(t.body ?? EMPTY_LIST));
    // below[k]: the sum of bounds of terms 0..k-1 (in bound order).
    const below = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) below[k + 1] = below[k] + (exhaustive ? Infinity : states[k].bound);
    const docOf = new Int32Array(n);
    const { chunkDoc, docFirstChunk, docChunkCount, docAlive, docPrior, maxPrior } = seg;
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
    let threshold = 0;
    let firstEssential = 0;
    const admit = (d: number, score: number) => {
      collector.collect(d, score, doc);
      if (exhaustive) return;
      const now = collector.threshold;
      if (now <= threshold) return;
      threshold = now;
      while (firstEssential < n && below[firstEssential + 1] * maxPrior < threshold) firstEssential++;
    };
    if (boosts) {
      for (const d of [...boosts.keys()].sort((a, b) => a - b)) if (this.accepts(d)) admit(d, this.scoreAlone(d));
    }
    for (;;) {
      let d = END;
      for (let k = firstEssential; k < n; k++) if (docOf[k] < d) d = docOf[k];
      if (d === END) break;
      const first = docFirstChunk[d];
      const end = first + docChunkCount[d];
      if (docAlive[d] === 0 || (accept && !accept(d)) || (boosts && boosts.has(d))) {
        for (let k = firstEssential; k < n; k++) if (docOf[k] === d) pass(k, d, end);
        continue;
      }
      const prior = docPrior[d];
      // The terms d holds and every non-essential term, at their bounds, may still fall short.
      let reach = below[firstEssential];
      for (let k = firstEssential; k < n; k++) {
        if (docOf[k] === d) reach += titleCursors[k].slot === d ? states[k].bound : states[k].bodyBound;
      }
      if (reach * prior < threshold) {
        for (let k = firstEssential; k < n; k++) if (docOf[k] === d) pass(k, d, end);
        continue;
      }
      doc.begin(first);
      for (let k = n - 1; k >= firstEssential; k--) {
        if (docOf[k] !== d) continue;
        doc.addTerm(states[k], titleCursors[k], bodyCursors[k], d, first, end);
        place(k);
      }
      doc.findBestChunk();
      for (let k = firstEssential - 1; k >= 0; k--) {
        // The title's share counts at its field weight ('separate'), as in the final score.
        if ((titleFactor * doc.titleScore + doc.bodyScore + below[k + 1]) * prior < threshold) break;
        const t = titleCursors[k];
        const b = bodyCursors[k];
        if (t.slot < d) t.advance(d);
        if (b.slot < first) b.advance(first);
        place(k);
        if (docOf[k] !== d) continue;
        doc.addTerm(states[k], t, b, d, first, end);
        place(k);
        doc.findBestChunk();
      }
      doc.clearChunks();
      admit(d, (titleFactor * doc.titleScore + doc.bodyScore) * prior);
    }
  }
}
