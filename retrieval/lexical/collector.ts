/** The parts of the score of the document just scored, for the hit a collector keeps. */
export interface DocumentScores {
  /** The title's share (before the 'separate' model's title weight). */
  readonly titleScore: number;
  /** The best chunk's score. */
  readonly bodyScore: number;
  /** That chunk's slot, or -1 when only the title matched. */
  readonly bestChunkSlot: number;
}

/**
 * Receives the documents a scorer finds, one at a time, and decides what to keep (tantivy's
 * collectors; Lucene's LeafCollector). Its threshold feeds back into the scorer: MaxScore skips a
 * document whose score bound is below it, so a collector must never keep a score below its threshold.
 */
export interface Collector {
  /** The score a document must reach to be kept from now on: −∞ while anything is; it never decreases. */
  readonly threshold: number;
  /** Offers a scored document; `parts` are valid only during the call. */
  collect(docSlot: number, score: number, parts: DocumentScores): void;
}

/** Lets a collector score, after the walk, a document the walk skipped (a repost group's preferred member). */
export interface Rescorer {
  /** Whether the slot may be returned at all (live, inside the accept set). */
  accepts(docSlot: number): boolean;
  /** The document's full score, scored on its own; its parts are left in `parts`. */
  scoreAlone(docSlot: number): number;
  readonly parts: DocumentScores;
}
