/** Keeps the k best (highest score) items seen, in O(n log k). */
export class TopK<T> {
  private readonly heap: Array<{ score: number; item: T }> = [];
  constructor(private readonly k: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** The score an item must beat to enter (−∞ until the heap is full). */
  get threshold(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0].score;
  }

  push(score: number, item: T): void {
    if (this.k <= 0) return;
    if (this.heap.length < this.k) {
      this.heap.push({ score, item });
      this.siftUp(this.heap.length - 1);
    } else if (score > this.heap[0].score) {
      this.heap[0] = { score, item };
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): Array<{ score: number; item: T }> {
    return [...this.heap].sort((a, b) => b.score - a.score);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].score <= h[i].score) break;
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
      if (l < h.length && h[l].score < h[m].score) m = l;
      if (r < h.length && h[r].score < h[m].score) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}
