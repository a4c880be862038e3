import { grow } from './columns';
import { MatchSet, popcount32 } from './match-set';
import { END, PostingCursor, type PostingList } from './postings';
import type { Segment } from './segment';

/** A query term's two lists (either may be missing). */
export interface TermLists {
  readonly title: PostingList | null;
  readonly body: PostingList | null;
}

/**
 * Every live, accepted document that holds any query term (for totals and facets). Not a
 * collector of the MaxScore walk, which skips documents that cannot rank: this OR-s the terms'
 * postings into one bit per document, a common term's bitset a word at a time (see CommonBits).
 */
export class MatchCollector {
  /** Scratch words, reused by every query (search is synchronous). */
  private scratch = new Uint32Array(32);

  get heldBytes(): number {
    return this.scratch.byteLength;
  }

  collect(segment: Segment, terms: readonly TermLists[], accept: ((docSlot: number) => boolean) | undefined): MatchSet {
    const words = (segment.docCount + 31) >>> 5;
    const bits = (this.scratch = grow(this.scratch, words));
    bits.fill(0, 0, words);
    const { chunkDoc, docCount, commonBits } = segment;
    const mark = (list: PostingList | null, isBody: boolean) => {
      if (!list) return;
      const common = commonBits.of(list, isBody, docCount, chunkDoc);
      if (common) {
        for (let i = 0, end = Math.min(common.length, words); i < end; i++) bits[i] |= common[i];
        return;
      }
      const cur = new PostingCursor(list);
      for (let s = cur.next(); s !== END; s = cur.next()) {
        const d = isBody ? chunkDoc[s] : s;
        bits[d >>> 5] |= 1 << (d & 31);
      }
    };
    for (const t of terms) {
      mark(t.title, false);
      mark(t.body, true);
    }
    // The set keeps its own copy: the scratch words are reused by the next query.
    const own = bits.slice(0, words);
    const alive = segment.aliveBits;
    let count = 0;
    for (let i = 0; i < words; i++) {
      let w = own[i] & alive[i];
      if (accept && w !== 0) {
        for (let rest = w; rest !== 0; ) {
          const low = rest & -rest;
          rest ^= low;
          if (!accept((i << 5) + 31 - Math.clz32(low))) w &= ~low;
        }
      }
      own[i] = w;
      count += popcount32(w);
    }
    return new MatchSet(own, count);
  }
}
