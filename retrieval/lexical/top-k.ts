/**
 * Orders two items of equal score: negative when `a` ranks first. Without one, ties keep the order
 * items arrived in, which differs between replicas that appended the same documents in another order.
 */
export type TieBreak<T> = (a: T, b: T) => number;

/** Keeps the k best (highest score, then first by `tieBreak`) items seen, in O(n log k). */
export class TopK<T> {
  private readonly heap: Array<{ score: number; item: T }> = [];
  constructor(
    private readonly k: number,
    private readonly tieBreak?: TieBreak<T>,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  /** The score an item must reach to enter (−∞ until the heap is full); a tie enters by `tieBreak`. */
  get threshold(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0].score;
  }

  push(score: number, item: T): void {
    if (this.k <= 0) return;
    const entry = { score, item };
    if (this.heap.length < this.k) {
      this.heap.push(entry);
      this.siftUp(this.heap.length - 1);
    } else if (this.worse(this.heap[0], entry)) {
      this.heap[0] = entry;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): Array<{ score: number; item: T }> {
    return [...this.heap].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0));
  }

  /** Whether `a` ranks below `b`. */
  private worse(a: { score: number; item: T }, b: { score: number; item: T }): boolean {
    if (a.score !== b.score) return a.score < b.score;
    return this.tieBreak !== undefined && this.tieBreak(a.item, b.item) > 0;
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(h[i], h[parent])) break;
      [h[parent], h[i]] = [h[i], h[parent]];
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
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}
