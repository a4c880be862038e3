import { indexForm } from '../../library/analyzer';

/** Shortest title that counts as a key on its own (4 characters: 信访条例). */
export const MIN_TITLE_KEY = 4;

/**
 * Multi-valued key → document ids (文号 keys, normalised titles). Most keys name one document, so
 * a key holds a bare id until a second arrives (a Set per title cost ~100 bytes × 4 keys × 1M titles).
 */
class KeyedIds {
  private readonly map = new Map<string, number | Set<number>>();
  add(key: string | null, id: number): void {
    if (!key) return;
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, id);
    else if (typeof held === 'number') {
      if (held !== id) this.map.set(key, new Set([held, id]));
    } else held.add(id);
  }
  delete(key: string | null, id: number): void {
    if (!key) return;
    const held = this.map.get(key);
    if (held === id) this.map.delete(key);
    else if (typeof held === 'object') {
      held.delete(id);
      if (held.size === 1) this.map.set(key, held.values().next().value as number);
    }
  }
  get(key: string): Iterable<number> {
    const held = this.map.get(key);
    return held === undefined ? [] : typeof held === 'number' ? [held] : held;
  }
}

/** What a document is found by besides its text: its external id, its 文号 key and its title keys. */
export interface KeyedDocument {
  id: number;
  externalId: string;
  title: string;
  docNumberKey: string | null;
}

/**
 * The exact-match keys of the indexed documents: external id → id, 文号 key → ids, title keys → ids.
 * What each document's keys were made from is kept by index slot (to take them back when it changes)
 * in columns, where a Map of small objects cost ~100 bytes a document (measured at 1M chunks:
 * committed heap after the load 205 → 185 MiB).
 */
export class DocumentKeys {
  private readonly docNumbers = new KeyedIds();
  private readonly titles = new KeyedIds();
  private readonly idByExternal = new Map<string, number>();
  private readonly externalIdAt: Array<string | undefined> = [];
  private readonly titleAt: Array<string | undefined> = [];
  private readonly docNumberKeyAt: Array<string | null | undefined> = [];

  /** The title of the document indexed at `slot` (undefined for a dead slot). */
  titleOf(slot: number): string | undefined {
    return this.titleAt[slot];
  }

  /** Records the keys of the document just indexed at `slot`. */
  add(slot: number, doc: KeyedDocument): void {
    this.docNumbers.add(doc.docNumberKey, doc.id);
    for (const key of titleKeys(doc.title)) this.titles.add(key, doc.id);
    this.externalIdAt[slot] = doc.externalId;
    this.titleAt[slot] = doc.title;
    this.docNumberKeyAt[slot] = doc.docNumberKey;
    this.idByExternal.set(doc.externalId, doc.id);
  }

  /** Takes back the keys of document `id`, indexed at `slot` until now (the slot is dead from here on). */
  forget(slot: number, id: number): void {
    this.docNumbers.delete(this.docNumberKeyAt[slot] ?? null, id);
    for (const key of titleKeys(this.titleAt[slot] ?? '')) this.titles.delete(key, id);
    this.idByExternal.delete(this.externalIdAt[slot]!);
    // Its strings can go.
    this.externalIdAt[slot] = this.titleAt[slot] = this.docNumberKeyAt[slot] = undefined;
  }

  idOf(externalId: string): number | undefined {
    return this.idByExternal.get(externalId);
  }

  /** Documents bearing a canonical 文号 key. */
  byDocNumber(key: string): Iterable<number> {
    return this.docNumbers.get(key);
  }

  /** Documents one of whose title keys is `key` (a normalised title, see normalizeTitle). */
  byTitle(key: string): Iterable<number> {
    return this.titles.get(key);
  }
}

/** Titles compare in index form without spaces or 《》 quotes. */
export function normalizeTitle(title: string): string {
  return indexForm(title).replace(/[\s《》“”"]/g, '');
}

/** A national law is cited with or without the state's name: 专利法 = 中华人民共和国专利法. */
const STATE_NAME = /^中华人民共和国/u;

/** Parts of one code are titled "<code>·<part>" (中华人民共和国民法典·物权编): each is found by the code's name. */
const PART_SEPARATOR = /[·・•]/u;

/** The keys a title is found by: its normalised form, without the state's name, and its code's name. */
export function titleKeys(title: string): string[] {
  const key = normalizeTitle(title);
  const keys = new Set([key]);
  const base = key.split(PART_SEPARATOR)[0];
  for (const k of [base, key.replace(STATE_NAME, ''), base.replace(STATE_NAME, '')]) {
    if (k.length >= MIN_TITLE_KEY) keys.add(k);
  }
  return [...keys];
}
