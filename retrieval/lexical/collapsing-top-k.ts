import type { TieBreak } from './top-k';

/**
 * Which documents count as one result (reposts of one text on several sites), by document slot:
 * `group[slot]` is the group's id, 0 for a document that is a group of its own; `preferred[slot]`
 * is 1 for the copy to show for its group whenever it ranks (the cluster's canonical).
 */
export interface Collapse {
  group: Int32Array;
  preferred: Uint8Array;
  /** The preferred member's slot of a group, or -1 (none live). */
  preferredSlot(group: number): number;
}

interface Entry {
  /** The group's best score: what ranks it. */
  score: number;
  /** The slot shown for the group. */
  item: number;
  itemScore: number;
  group: number;
  /** Position in the heap. */
  at: number;
}

/**
 * A top k that keeps the k best groups rather than the k best documents (Lucene's collapsing
 * collector): a group ranks by its best member's score and shows its preferred member when that
 * member was offered, else its best. Its threshold is the k-th group's score, so MaxScore's pruning
 * stays exact: a document below it can neither enter nor lift a group already held.
 */
export class CollapsingTopK {
  private readonly heap: Entry[] = [];
  private readonly byGroup = new Map<number, Entry>();

  constructor(
    private readonly k: number,
    private readonly collapse: Collapse,
    /** Orders slots of equal score (see TopK): groups by their shown member, members within a group. */
    private readonly tieBreak?: TieBreak<number>,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  get threshold(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0].score;
  }

  push(score: number, slot: number): void {
    if (this.k <= 0) return;
    const group = slot < this.collapse.group.length ? this.collapse.group[slot] : 0;
    const held = group === 0 ? undefined : this.byGroup.get(group);
    if (held) {
      const preferred = this.collapse.preferred[slot] === 1;
      const heldPreferred = this.collapse.preferred[held.item] === 1;
      if ((preferred && !heldPreferred) || (preferred === heldPreferred && this.better(score, slot, held.itemScore, held.item))) {
        held.item = slot;
        held.itemScore = score;
      }
      if (score > held.score) held.score = score;
      this.siftDown(held.at);
      this.siftUp(held.at);
      return;
    }
    const entry: Entry = { score, item: slot, itemScore: score, group, at: 0 };
    if (this.heap.length < this.k) {
      entry.at = this.heap.length;
      this.heap.push(entry);
      this.siftUp(entry.at);
    } else if (this.worse(this.heap[0], entry)) {
      const evicted = this.heap[0];
      if (evicted.group !== 0) this.byGroup.delete(evicted.group);
      this.heap[0] = entry;
      this.siftDown(0);
    } else return;
    if (group !== 0) this.byGroup.set(group, entry);
  }

  /** Groups held whose shown member is not their preferred one. */
  groupsShowingOthers(): number[] {
    return this.heap.filter((e) => e.group !== 0 && this.collapse.preferred[e.item] !== 1).map((e) => e.group);
  }

  /** Shows `slot` (the group's preferred member, scored on its own) for a held group. */
  show(group: number, slot: number, score: number): void {
    const held = this.byGroup.get(group);
    if (!held) return;
    held.item = slot;
    held.itemScore = score;
    if (score > held.score) held.score = score;
    this.siftDown(held.at);
    this.siftUp(held.at);
  }

  /** Best group first; `score` is the group's, `item` the slot shown for it. */
  sorted(): Array<{ score: number; item: number }> {
    return [...this.heap]
      .sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0))
      .map((e) => ({ score: e.score, item: e.item }));
  }

  /** Whether (score, slot) ranks before (otherScore, otherSlot). */
  private better(score: number, slot: number, otherScore: number, otherSlot: number): boolean {
    if (score !== otherScore) return score > otherScore;
    return this.tieBreak !== undefined && this.tieBreak(slot, otherSlot) < 0;
  }

  /** Whether group entry `a` ranks below `b`. */
  private worse(a: Entry, b: Entry): boolean {
    return this.better(b.score, b.item, a.score, a.item);
  }

  private swap(i: number, j: number): void {
    const h = this.heap;
    [h[i], h[j]] = [h[j], h[i]];
    h[i].at = i;
    h[j].at = j;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(this.heap[i], this.heap[parent])) break;
      this.swap(parent, i);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l], h[m])) m = l;
      if (r < h.length && this.worse(h[r], h[m])) m = r;
      if (m === i) return;
      this.swap(m, i);
      i = m;
    }
  }
}
