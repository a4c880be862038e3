/**
 * The documents a query matched, as one bit per document slot: a broad question matches most of
 * the library, and an array of its slots (250k at 1M chunks) cost more to build than the ranking.
 */
export class MatchSet {
  /** `bits` becomes the set's own (not copied); `size` must be its number of set bits. */
  constructor(
    private bits: Uint32Array,
    private size: number,
  ) {}

  static empty(): MatchSet {
    return new MatchSet(new Uint32Array(0), 0);
  }

  get count(): number {
    return this.size;
  }

  has(slot: number): boolean {
    return slot >>> 5 < this.bits.length && (this.bits[slot >>> 5] & (1 << (slot & 31))) !== 0;
  }

  /** Adds a document (a pinned or vector-only hit). */
  add(slot: number): void {
    if (this.has(slot)) return;
    if (slot >>> 5 >= this.bits.length) this.bits = growTo(this.bits, (slot >>> 5) + 1);
    this.bits[slot >>> 5] |= 1 << (slot & 31);
    this.size++;
  }

  /** Removes a document (a repost counted under its cluster's shown copy). */
  delete(slot: number): void {
    if (!this.has(slot)) return;
    this.bits[slot >>> 5] &= ~(1 << (slot & 31));
    this.size--;
  }

  /** Every slot, ascending. */
  forEach(fn: (slot: number) => void): void {
    for (let i = 0; i < this.bits.length; i++) visitWord(this.bits[i], i, fn);
  }

  /**
   * About `max` slots spread evenly over the set (whole 32-slot words at jittered, seeded strides,
   * so no period in slot order is locked onto), and the factor that scales their counts up to the
   * whole set. Everything, with factor 1, when the set is no larger than `max`.
   */
  sample(max: number, fn: (slot: number) => void): number {
    if (this.size <= max) {
      this.forEach(fn);
      return 1;
    }
    const step = this.size / max;
    let seed = this.size | 1;
    let seen = 0;
    for (let i = 0; i < this.bits.length; ) {
      seen += visitWord(this.bits[i], i, fn);
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      i += 1 + Math.floor((seed / 2 ** 32) * (2 * step - 1));
    }
    return seen === 0 ? 1 : this.size / seen;
  }
}

function visitWord(word: number, index: number, fn: (slot: number) => void): number {
  let w = word;
  let n = 0;
  while (w !== 0) {
    const low = w & -w;
    fn((index << 5) + 31 - Math.clz32(low));
    w ^= low;
    n++;
  }
  return n;
}

function growTo(a: Uint32Array, words: number): Uint32Array {
  const next = new Uint32Array(words);
  next.set(a);
  return next;
}

/** Set bits in a 32-bit word. */
export function popcount32(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
