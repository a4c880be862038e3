import { fetchChunkTexts, fetchDisplayDocuments, type DisplayDocument } from '../../library/documents';
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
 * What a result page shows of each document and chunk, read from the library and kept for the
 * documents people keep finding (two queries a page cost ~3–6 ms, more than ranking). Documents
 * are forgotten when the change feed says they changed; a chunk's id is never reused for other
 * text (an edited document gets new chunks), so chunk texts need no invalidation.
 */
export class DisplayCache {
  private readonly docs: Lru<number, DisplayDocument>;
  private readonly chunks: Lru<number, string>;

  constructor(private readonly db: Db, capacity = 20_000) {
    this.docs = new Lru(capacity);
    this.chunks = new Lru(capacity);
  }

  forget(docId: number): void {
    this.docs.delete(docId);
  }

  async documents(ids: number[]): Promise<Map<number, DisplayDocument>> {
    return this.through(ids, this.docs, (missing) => fetchDisplayDocuments(this.db, missing));
  }

  async chunkTexts(ids: number[]): Promise<Map<number, string>> {
    return this.through(ids, this.chunks, (missing) => fetchChunkTexts(this.db, missing));
  }

  private async through<V>(ids: number[], lru: Lru<number, V>, fetch: (ids: number[]) => Promise<Map<number, V>>): Promise<Map<number, V>> {
    const out = new Map<number, V>();
    const missing: number[] = [];
    for (const id of ids) {
      const hit = lru.get(id);
      if (hit === undefined) missing.push(id);
      else out.set(id, hit);
    }
    if (missing.length === 0) return out;
    for (const [id, value] of await fetch(missing)) {
      lru.set(id, value);
      out.set(id, value);
    }
    return out;
  }
}
