import { CollapsingTopK, type Collapse } from './collapsing-top-k';
import type { Collector, DocumentScores, Rescorer } from './collector';
import type { Segment } from './segment';
import { TopK } from './top-k';
import type { LexicalHit } from './types';

/**
 * Keeps the `limit` best documents (TopK) or, given a collapse, the `limit` best repost groups
 * (CollapsingTopK), with each kept document's hit. Equal scores rank by document id, so every
 * replica gives one order whatever order it appended in.
 */
export class TopHitsCollector implements Collector {
  private readonly top: TopK<number> | CollapsingTopK;
  /** The hit of every document that entered the top k (some may have left it since). */
  private readonly kept = new Map<number, LexicalHit>();

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

  collect(d: number, score: number, parts: DocumentScores): void {
    if (score < this.top.threshold || score <= 0) return; // a tie enters by document id
    this.top.push(score, d);
    this.keep(d, score, parts);
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
        const score = rescorer.scoreAlone(d);
        if (score <= 0) continue;
        this.keep(d, score, rescorer.parts);
        top.show(group, d, score);
      }
    }
    return top.sorted().map(({ item, score }) => {
      const hit = this.kept.get(item)!;
      return hit.score === score ? hit : { ...hit, score };
    });
  }

  private keep(d: number, score: number, parts: DocumentScores): void {
    const seg = this.segment;
    this.kept.set(d, {
      docSlot: d, docId: seg.docIds[d], score, titleScore: parts.titleScore, bodyScore: parts.bodyScore,
      bestChunkId: parts.bestChunkSlot >= 0 ? seg.chunkIds[parts.bestChunkSlot] : -1,
    });
  }
}
