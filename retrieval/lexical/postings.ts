/**
 * A growable postings list: each entry packs a slot (chunk or document, < 2^24) and a term frequency
 * (capped at 255) into one uint32, so 1M chunks of ~200 tokens fit in a few hundred MiB.
 */
export const MAX_SLOT = (1 << 24) - 1;

export class Postings {
  data: Uint32Array;
  length = 0;

  constructor(initialCapacity = 4) {
    this.data = new Uint32Array(initialCapacity);
  }

  push(slot: number, tf: number): void {
    if (this.length === this.data.length) {
      // ×1.5, not ×2: at 1M chunks the postings dominate memory, and the slack is paid until compact().
      const grown = new Uint32Array(Math.ceil(this.data.length * 1.5) + 4);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = ((slot << 8) | Math.min(tf, 255)) >>> 0;
  }

  /** Frees unused capacity once loading is done. */
  compact(): void {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length);
  }
}

export const slotOf = (packed: number): number => packed >>> 8;
export const tfOf = (packed: number): number => packed & 0xff;

/** Counts each distinct term of a token list. */
export function termFrequencies(tokens: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}
