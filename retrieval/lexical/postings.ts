/**
 * Compressed, append-only postings. Slots (chunk or document numbers) only ever grow, so each
 * posting is stored as the gap from the previous slot with its term frequency folded in:
 * varint(gap·4 + min(tf, 4) − 1), then one more byte when tf ≥ 4. A common term's gap is small,
 * so most postings take one byte (a uint32 per posting took four: 1M chunks need ~150M postings).
 * Every BLOCK postings, the block's last slot and byte offset are kept, so a cursor can skip
 * whole blocks without decoding them (MaxScore moves non-essential cursors far ahead). Per-block
 * score maxima (block-max) were tried and measured no faster at 1M chunks, so there are none.
 */
export const BLOCK = 128;
/** A slot beyond every real one: a cursor past its last posting sits here. */
export const END = 0x7fffffff;
export const MAX_SLOT = END - 1;

export class PostingList {
  bytes = new Uint8Array(8);
  byteLength = 0;
  length = 0;
  lastSlot = -1;
  /** Last slot of each full or partial block, and the byte offset where each block starts. */
  blockLast = new Int32Array(1);
  blockStart = new Int32Array(1);
  /** Largest impact (tf × length norm) of any posting in epoch `impactEpoch`, for the score bounds; see FieldNorms.maxImpact. */
  maxImpact = 0;
  impactEpoch = -1;
  /**
   * For a common term: one bit per document slot that holds it, kept up to date on every push.
   * Counting a query's matches ORs these word by word instead of walking long postings.
   */
  docBits: Uint32Array | null = null;
  /** Postings in dead slots, as counted when the segment's removal count was `deadEpoch` (Segment.liveLength). */
  dead = 0;
  deadEpoch = 0;

  push(slot: number, tf: number): void {
    if (slot <= this.lastSlot) throw new Error(`postings must be appended in slot order (${slot} after ${this.lastSlot})`);
    const block = this.length >>> 7; // BLOCK = 128
    if ((this.length & (BLOCK - 1)) === 0) {
      if (block >= this.blockStart.length) {
        this.blockStart = growInt32(this.blockStart, block + 1);
        this.blockLast = growInt32(this.blockLast, block + 1);
      }
      this.blockStart[block] = this.byteLength;
    }
    this.blockLast[block] = slot;
    // The first posting of a block is a gap from the previous block's last slot, so decoding can start at any block.
    const capped = Math.min(tf, 255);
    const tfCode = Math.min(capped, 4) - 1;
    this.ensureBytes(6);
    let v = (slot - this.lastSlot) * 4 + tfCode;
    while (v >= 0x80) {
      this.bytes[this.byteLength++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.bytes[this.byteLength++] = v;
    if (tfCode === 3) this.bytes[this.byteLength++] = capped;
    this.lastSlot = slot;
    this.length++;
  }

  /** Frees spare capacity once loading is done. */
  compact(): void {
    if (this.bytes.length > this.byteLength) this.bytes = this.bytes.slice(0, this.byteLength);
    const blocks = ((this.length + BLOCK - 1) >>> 7) || 1;
    if (this.blockStart.length > blocks) {
      this.blockStart = this.blockStart.slice(0, blocks);
      this.blockLast = this.blockLast.slice(0, blocks);
    }
  }

  /** Bytes held (for memory accounting). */
  get heldBytes(): number {
    return this.bytes.byteLength + this.blockStart.byteLength + this.blockLast.byteLength + (this.docBits?.byteLength ?? 0);
  }

  private ensureBytes(extra: number): void {
    if (this.byteLength + extra <= this.bytes.length) return;
    // ×1.5, not ×2: at 1M chunks the postings dominate memory, and the slack is paid until compact().
    const grown = new Uint8Array(Math.ceil(this.bytes.length * 1.5) + extra + 8);
    grown.set(this.bytes.subarray(0, this.byteLength));
    this.bytes = grown;
  }
}

function growInt32(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(size, Math.ceil(a.length * 1.5) + 1));
  next.set(a);
  return next;
}

/**
 * Reads one list in slot order. `slot` is the current posting's slot (END once exhausted), `tf` its
 * term frequency. Start with next(); advance(target) jumps to the first posting at or after target.
 */
export class PostingCursor {
  slot = -1;
  tf = 0;
  private index = 0;
  private pos = 0;
  private readonly bytes: Uint8Array;
  private readonly length: number;

  constructor(private readonly list: PostingList) {
    this.bytes = list.bytes;
    this.length = list.length;
  }

  next(): number {
    if (this.index >= this.length) return (this.slot = END);
    const bytes = this.bytes;
    let pos = this.pos;
    let b = bytes[pos++];
    let v = b & 0x7f;
    if (b >= 0x80) {
      let scale = 128;
      do {
        b = bytes[pos++];
        v += (b & 0x7f) * scale;
        scale *= 128;
      } while (b >= 0x80);
    }
    const tfCode = v & 3;
    this.slot += (v - tfCode) / 4;
    this.tf = tfCode === 3 ? bytes[pos++] : tfCode + 1;
    this.pos = pos;
    this.index++;
    return this.slot;
  }

  /** Moves to the first posting whose slot is ≥ target (never backwards). */
  advance(target: number): number {
    if (this.slot >= target) return this.slot;
    const list = this.list;
    // Skip whole blocks whose last slot is below the target.
    let block = this.index >>> 7;
    const blocks = (this.length + BLOCK - 1) >>> 7;
    if (block < blocks && list.blockLast[block] < target) {
      while (block + 1 < blocks && list.blockLast[block + 1] < target) block++;
      if (block + 1 >= blocks) {
        this.index = this.length;
        return (this.slot = END);
      }
      // Start decoding at the next block, whose first gap is from this block's last slot.
      this.slot = list.blockLast[block];
      this.index = (block + 1) * BLOCK;
      this.pos = list.blockStart[block + 1];
    }
    while (this.next() < target);
    return this.slot;
  }
}

/** Counts each distinct term of a token list. */
export function termFrequencies(tokens: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}
