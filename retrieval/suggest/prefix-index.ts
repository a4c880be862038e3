import { TopK } from '../lexical';

/** How a key was made from its entry's text. */
export const KeyKind = { Text: 0, Pinyin: 1, Initials: 2 } as const;
export type KeyKind = (typeof KeyKind)[keyof typeof KeyKind];

export interface PrefixKey {
  key: string;
  entry: number;
  kind: KeyKind;
}

export interface PrefixIndexOptions {
  /** A prefix whose range holds at most this many keys is answered by scanning it. Default 256. */
  scanCap?: number;
  /** Best entries precomputed for every prefix with a larger range. Default 48. */
  heavyTop?: number;
}

export interface PrefixMatch {
  entry: number;
  kind: KeyKind;
}

/**
 * Prefix search over sorted keys: binary search finds the range of keys starting with the prefix; a
 * small range is scanned, and every prefix with a large range has its best entries precomputed at
 * build time. A lookup therefore costs O(log n + scanCap) whatever the library size. There are at most
 * n / scanCap large ranges per prefix length, so the precomputed lists stay small.
 */
export class PrefixIndex {
  private readonly heavy = new Map<string, Int32Array>();
  private readonly scanCap: number;
  private readonly heavyTop: number;

  private constructor(
    private readonly keys: string[],
    private readonly packed: Int32Array,
    private readonly score: ArrayLike<number>,
    options: PrefixIndexOptions,
  ) {
    this.scanCap = options.scanCap ?? 256;
    this.heavyTop = options.heavyTop ?? 48;
  }

  /** Builds an index at once (small key sets: hot words, popular queries, tests). `score[entry]` (integers): higher first; ties go to the lower entry number. */
  static of(keys: readonly PrefixKey[], score: ArrayLike<number>, options: PrefixIndexOptions = {}): PrefixIndex {
    const groups = groupByKey(keys);
    const index = new PrefixIndex(...flatten(groups, [...groups.keys()].sort(), keys.length), score, options);
    for (const _ of index.precompute(0, index.keys.length, 0));
    return index;
  }

  /**
   * Builds a large index, yielding to the event loop between steps (grouping, sorting the keys of each
   * first character, each first character's precomputation), so searches keep being answered while the
   * library's suggestions are rebuilt.
   */
  static async build(keys: readonly PrefixKey[], score: ArrayLike<number>, options: PrefixIndexOptions = {}): Promise<PrefixIndex> {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < keys.length; i++) {
      groupKey(groups, keys[i]);
      if (i % 50_000 === 49_999) await pause();
    }
    // Keys sorted per first character concatenate in global order, and each sort is small.
    const byFirst = new Map<string, string[]>();
    for (const key of groups.keys()) {
      const bucket = byFirst.get(key[0]);
      if (bucket) bucket.push(key);
      else byFirst.set(key[0], [key]);
    }
    const sorted: string[] = [];
    for (const first of [...byFirst.keys()].sort()) {
      const bucket = byFirst.get(first)!.sort();
      for (const key of bucket) sorted.push(key);
      if (bucket.length > 1000) await pause();
    }
    const index = new PrefixIndex(...flatten(groups, sorted, keys.length), score, options);
    await pause();
    for (const _ of index.precompute(0, index.keys.length, 0)) await pause();
    return index;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The best entries with a key starting with `prefix`, each once, that `accept` lets through. */
  search(prefix: string, limit: number, accept?: (entry: number) => boolean): PrefixMatch[] {
    if (!prefix || limit <= 0) return [];
    const lo = this.lowerBound(prefix);
    const hi = this.lowerBound(prefix + '\uffff');
    if (lo >= hi) return [];
    const heavy = hi - lo > this.scanCap ? this.heavy.get(prefix) : undefined;
    const found = new Map<number, KeyKind>();
    if (heavy) {
      for (const p of heavy) {
        if (found.size >= limit) break;
        const entry = p >> 2;
        if (!found.has(entry) && (!accept || accept(entry))) found.set(entry, (p & 3) as KeyKind);
      }
      if (found.size >= limit || !accept) return [...found].map(([entry, kind]) => ({ entry, kind }));
    }
    // Scan (a bounded slice of) the range; best score first.
    const candidates = new Map<number, KeyKind>();
    for (let i = lo; i < Math.min(hi, lo + this.scanCap); i++) {
      const entry = this.packed[i] >> 2;
      if (!candidates.has(entry) && !found.has(entry) && (!accept || accept(entry))) candidates.set(entry, (this.packed[i] & 3) as KeyKind);
    }
    const rest = [...candidates].sort((a, b) => this.score[b[0]] - this.score[a[0]] || a[0] - b[0]);
    return [...found, ...rest].slice(0, limit).map(([entry, kind]) => ({ entry, kind }));
  }

  private lowerBound(target: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Finds the groups of keys sharing a prefix one longer than `depth` inside [lo, hi) and records the best
   * entries of the large ones, recursively. A generator: it pauses after each large group, where an
   * asynchronous build yields to the event loop (titles sharing a long opening, 示例市…, nest deep).
   */
  private *precompute(lo: number, hi: number, depth: number): Generator<void> {
    let start = lo;
    while (start < hi) {
      if (this.keys[start].length <= depth) {
        start++;
        continue;
      }
      const prefix = this.keys[start].slice(0, depth + 1);
      let end = start + 1;
      while (end < hi && this.keys[end].startsWith(prefix)) end++;
      if (end - start > this.scanCap) {
        this.heavy.set(prefix, this.best(start, end));
        yield* this.precompute(start, end, depth + 1);
        if (end - start > YIELD_GROUP) yield;
      }
      start = end;
    }
  }

  private best(lo: number, hi: number): Int32Array {
    // An entry can have two keys in one range (full pinyin and initials share their first letter).
    const top = new TopK<number>(this.heavyTop * 2);
    const tie = 0.5 / (this.packed.length + 1);
    for (let i = lo; i < hi; i++) {
      const entry = this.packed[i] >> 2;
      top.push(this.score[entry] - entry * tie, this.packed[i]);
    }
    const seen = new Set<number>();
    const out: number[] = [];
    for (const { item } of top.sorted()) {
      if (out.length < this.heavyTop && !seen.has(item >> 2)) {
        seen.add(item >> 2);
        out.push(item);
      }
    }
    return Int32Array.from(out);
  }
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Groups at least this large end a step of an asynchronous build. */
const YIELD_GROUP = 5_000;

/** Adds a key to the map of key → packed entries (entry * 4 + kind). */
function groupKey(groups: Map<string, number[]>, k: PrefixKey): void {
  const list = groups.get(k.key);
  if (list) list.push(k.entry * 4 + k.kind);
  else groups.set(k.key, [k.entry * 4 + k.kind]);
}

function groupByKey(keys: readonly PrefixKey[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const k of keys) groupKey(groups, k);
  return groups;
}

function flatten(groups: Map<string, number[]>, sorted: string[], size: number): [string[], Int32Array] {
  const keys: string[] = [];
  const packed = new Int32Array(size);
  for (const key of sorted) {
    for (const p of groups.get(key)!) {
      packed[keys.length] = p;
      keys.push(key);
    }
  }
  return [keys, packed];
}
