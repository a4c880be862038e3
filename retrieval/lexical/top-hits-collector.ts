import { CollapsingTopK, type Collapse } from './collapsing-top-k';
import type { Collector, DocumentScores, Rescorer } from './collector';
import type { Segment } from './segment';
import { TopK } from './top-k';
import type { LexicalHit } from './types';

/**
 * Scores are ranked at float32 precision (relative 6e-8, far below any difference that means
 * something) and reported exact. The float64 sums' last bits depend on the order terms are added in,
 * which follows the terms' score bounds and so each replica's ingest history: two replicas gave equal
 * documents sums a few ulps apart and ranked them differently. Rounded, equal sums compare equal and
 * the document id decides. (Bounds keep a 1e-6 slack, so the rounding never lifts a score over its bound.)
 */
const comparable = (score: number): number => Math.fround(score);

/**
 * Keeps the `limit` best documents (TopK) or, given a collapse, the `limit` best repost groups
 * (CollapsingTopK), with each kept document's hit. Equal scores rank by document id, so every
 * replica gives one order whatever order it appended in.
 */
export class TopHitsCollector implements Collector {
  private readonly top: TopK<number> | CollapsingTopK;
  /** The hit of every document that entered the top k (some may have left it since). */
  private readonly kept = new Map<number, LexicalHit>();
  /** The exact best score of each ranked unit (a document, or a repost group), by its ranking key. */
  private readonly exactBest = new Map<number, number>();

  constructor(
    limit: number,
    private readonly segment: Segment,
    private readonly collapse?: Collapse,
  ) {
    const byDocId = (a: number, b: number) => segment.docIds[a] - segment.docIds[b];
    this.top = collapse ? new CollapsingTopK(limit, collapse, byDocId) : new TopK<number>(limit, byDocId);
  }

  get threshold(): number {
    return this.top.threshold;
  }

  collect(d: number, rawScore: number, parts: DocumentScores): void {
    const score = comparable(rawScore);
    if (score < this.top.threshold || score <= 0) return; // a tie enters by document id
    this.top.push(score, d);
    this.keep(d, rawScore, parts);
  }

  /**
   * The hits, best first. A collapsed group shows its preferred member (the canonical) whenever
   * that member matches at all, even when pruning skipped it (it scored below the k-th group): it
   * is scored on its own here. A group ranks by its best member even when another member is shown.
   */
  hits(rescorer: Rescorer): LexicalHit[] {
    const top = this.top;
    if (top instanceof CollapsingTopK) {
      for (const group of top.groupsShowingOthers()) {
        const d = this.collapse!.preferredSlot(group);
        if (d < 0 || !rescorer.accepts(d)) continue;
        const exact = rescorer.scoreAlone(d);
        if (exact <= 0) continue;
        this.keep(d, exact, rescorer.parts);
        top.show(group, d, comparable(exact));
      }
    }
    return top.sorted().map(({ item, score }) => {
      const hit = this.kept.get(item)!;
      if (comparable(hit.score) === score) return hit;
      // A collapsed group shown by another member than its best: the group's exact best score.
      return { ...hit, score: this.exactBest.get(this.unitOf(item)) ?? score };
    });
  }

  /** What ranks as one: the repost group of a collapsed search, else the document. */
  private unitOf(d: number): number {
    const group = this.collapse && d < this.collapse.group.length ? this.collapse.group[d] : 0;
    return group !== 0 ? -group : d;
  }

  private keep(d: number, score: number, parts: DocumentScores): void {
    const unit = this.unitOf(d);
    if (score > (this.exactBest.get(unit) ?? -Infinity)) this.exactBest.set(unit, score);
    const seg = this.segment;
    this.kept.set(d, {
      docSlot: d, docId: seg.docIds[d], score, titleScore: parts.titleScore, bodyScore: parts.bodyScore,
      bestChunkId: parts.bestChunkSlot >= 0 ? seg.chunkIds[parts.bestChunkSlot] : -1,
    });
  }
}
