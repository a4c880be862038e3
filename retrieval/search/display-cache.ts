import { attachmentLinksOf, fetchDisplayRows, type AttachmentLink, type DisplayDocument, type DisplayRow, type DisplayWanted } from '../../library/documents';
import type { Db } from '../../library/store';

/** Most recently used entries first out when full (a Map keeps insertion order). */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }
}

/**
 * What a result page shows of each document and passage, read from the library (one query a page,
 * ~3 ms at 1M chunks, as much as ranking) and kept for the documents people keep finding. Documents
 * and their openings are forgotten when the change feed says they changed; a chunk's id is never
 * reused for other text (an edited document gets new chunks), so chunk texts need no invalidation.
 */
export class DisplayCache {
  private readonly docs: Lru<number, DisplayDocument>;
  /** Passages by chunk id (best chunks) and, under -1 - docId, documents' openings. */
  private readonly passages: Lru<number, string>;
  /** Pages' attachment links (most documents have none: an empty list is kept too). */
  private readonly links: Lru<number, AttachmentLink[]>;

  constructor(private readonly db: Db, capacity = 20_000) {
    this.docs = new Lru(capacity);
    this.passages = new Lru(capacity);
    this.links = new Lru(capacity);
  }

  forget(docId: number): void {
    this.docs.delete(docId);
    this.links.delete(docId);
    this.passages.delete(openingKey(docId));
  }

  /** Each page's attachment links, by document id (one query for those not cached). */
  async attachments(docIds: readonly number[]): Promise<Map<number, AttachmentLink[]>> {
    const out = new Map<number, AttachmentLink[]>();
    const missing: number[] = [];
    for (const id of docIds) {
      const links = this.links.get(id);
      if (links === undefined) missing.push(id);
      else out.set(id, links);
    }
    if (missing.length === 0) return out;
    const read = await attachmentLinksOf(this.db, missing);
    for (const id of missing) {
      const links = read.get(id) ?? [];
      this.links.set(id, links);
      out.set(id, links);
    }
    return out;
  }

  /** Rows by document id; documents withdrawn since they were ranked are absent. */
  async rows(wanted: DisplayWanted[]): Promise<Map<number, DisplayRow>> {
    const out = new Map<number, DisplayRow>();
    const missing: DisplayWanted[] = [];
    for (const w of wanted) {
      const doc = this.docs.get(w.docId);
      const passage = this.passages.get(passageKey(w));
      if (doc === undefined || passage === undefined) missing.push(w);
      else out.set(w.docId, { doc, passage });
    }
    if (missing.length === 0) return out;
    const fetched = await fetchDisplayRows(this.db, missing);
    for (const w of missing) {
      const row = fetched.get(w.docId);
      if (!row) continue;
      this.docs.set(w.docId, row.doc);
      this.passages.set(passageKey(w), row.passage);
      out.set(w.docId, row);
    }
    return out;
  }
}

function openingKey(docId: number): number {
  return -1 - docId;
}

function passageKey(w: DisplayWanted): number {
  return w.chunkId >= 0 ? w.chunkId : openingKey(w.docId);
}
