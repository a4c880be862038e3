import { END, PostingCursor, type PostingList } from './postings';

/**
 * A term in at least 1/COMMON_SHARE of the postings' slots gets a document bitset (see
 * PostingList.docBits): one bit per document, at most ~4× its postings' bytes, and OR-ing it is ~32
 * documents an operation where walking the postings is one. Checked against the documents in the index when a query first meets the term.
 */
const COMMON_SHARE = 32;
/**
 * Memory the common terms' bitsets may hold together; past it the least recently used is dropped
 * (and rebuilt if a query needs it again). A 1M-chunk library has ~2,200 common terms: bitsets for
 * all of them would be 88 MiB, grown over days of varied queries.
 */
export const COMMON_BITS_BUDGET = 32 * 2 ** 20;

/** The common terms' document bitsets, built on first use and dropped least recently used first. */
export class CommonBits {
  /** Lists holding a bitset, least recently used first. */
  private readonly inUse = new Set<PostingList>();

  /** `budget`: bytes the bitsets may hold together. */
  constructor(private readonly budget: number = COMMON_BITS_BUDGET) {}

  /** Bytes of the bitsets held now (at most the budget, give or take one). */
  get bytes(): number {
    let bytes = 0;
    for (const list of this.inUse) bytes += list.docBits?.byteLength ?? 0;
    return bytes;
  }

  /**
   * The list's document bitset, or null for a term too rare to need one. `chunkDoc` maps a body
   * list's chunk slots to document slots (`isBody`); a title list's slots are document slots.
   */
  of(list: PostingList, isBody: boolean, docCount: number, chunkDoc: Int32Array): Uint32Array | null {
    if (list.docBits) {
      this.inUse.delete(list);
      this.inUse.add(list);
      return list.docBits;
    }
    if (list.length * COMMON_SHARE < docCount) return null;
    const bits = new Uint32Array(((docCount + 31) >>> 5) + 1);
    const cur = new PostingCursor(list);
    for (let s = cur.next(); s !== END; s = cur.next()) {
      const d = isBody ? chunkDoc[s] : s;
      bits[d >>> 5] |= 1 << (d & 31);
    }
    list.docBits = bits;
    this.inUse.add(list);
    const most = Math.max(1, Math.floor(this.budget / bits.byteLength));
    for (const oldest of this.inUse) {
      if (this.inUse.size <= most) break;
      oldest.docBits = null;
      this.inUse.delete(oldest);
    }
    return bits;
  }
}
