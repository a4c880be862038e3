import type { IndexFeedDocument } from '../../library/documents';
import type { LexicalIndex, MatchSet } from '../lexical';

/** A ranked entry: a hit and, when it is pinned, why. */
interface Ranked {
  hit: { docSlot: number; docId: number; bestChunkId: number };
  by?: string;
}

/** Where a page's result was found when the words matched one of its attachments. */
export interface FoundInAttachment {
  docId: number;
  chunkId: number;
}

/**
 * A policy page and its attachments are one policy (library/documents/attachments.ts): search shows
 * the page wherever one of its attachments ranks, with the passage from the attachment. Kept per slot
 * from the change feed's `partOf`; only attachments of indexed pages are in the maps, so a library
 * without attachments pays nothing per query.
 */
export class PolicyParts {
  /** Attachment slot → the page document it belongs to. */
  private readonly pageOfSlot = new Map<number, number>();

  /** Records the page of the document just indexed at `slot`. */
  set(slot: number, doc: Pick<IndexFeedDocument, 'partOf'>): void {
    if (doc.partOf !== null) this.pageOfSlot.set(slot, doc.partOf);
  }

  /** Forgets a slot whose document changed or left the index. */
  forget(slot: number): void {
    this.pageOfSlot.delete(slot);
  }

  /**
   * The ranked list with each attachment shown as its page (at the attachment's place, unless the page
   * ranks higher), one entry per page; `foundIn` says which attachment passage the entry stands for.
   * An attachment whose page is not in the index (withdrawn, or not crawled yet) stays itself.
   */
  group<T extends Ranked>(ranked: T[], index: LexicalIndex): Array<T & { foundIn?: FoundInAttachment }> {
    if (this.pageOfSlot.size === 0) return ranked;
    const seen = new Set<number>();
    const out: Array<T & { foundIn?: FoundInAttachment }> = [];
    for (const r of ranked) {
      const page = this.livePage(r.hit.docSlot, index);
      const shown = page ?? r.hit.docSlot;
      if (seen.has(shown)) continue;
      seen.add(shown);
      if (page === undefined) {
        out.push(r);
        continue;
      }
      const foundIn = { docId: r.hit.docId, chunkId: r.hit.bestChunkId };
      out.push({ ...r, hit: { ...r.hit, docSlot: page, docId: index.docIdAt(page), bestChunkId: -1 }, foundIn });
    }
    return out;
  }

  /** Counts each policy once: a matched attachment of an indexed page counts as that page. */
  collapseMatches(matched: MatchSet, index: LexicalIndex): void {
    for (const slot of this.pageOfSlot.keys()) {
      if (!matched.has(slot)) continue;
      const page = this.livePage(slot, index);
      if (page === undefined) continue;
      matched.delete(slot);
      matched.add(page);
    }
  }

  private livePage(slot: number, index: LexicalIndex): number | undefined {
    const pageId = this.pageOfSlot.get(slot);
    return pageId === undefined ? undefined : index.slotOf(pageId);
  }
}
