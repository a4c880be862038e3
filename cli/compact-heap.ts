import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface HeapCompaction {
  /** Heap V8 holds (committed), MiB, before and after. */
  beforeMiB: number;
  afterMiB: number;
  ms: number;
}

/**
 * V8's full collection as a function, or null where this V8 does not offer it. The flag exposes
 * gc() to contexts created from now on; this process's own context stays without a `gc` global.
 */
export function exposedGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** Heap V8 holds now (committed), MiB. */
export function committedHeapMiB(): number {
  return getHeapStatistics().total_heap_size / 2 ** 20;
}

/**
 * One compacting full collection, for after the search index is built. Loading a library leaves
 * the long-lived objects (term maps, title keys) scattered over pages full of the load's garbage
 * (feed rows, token arrays, outgrown postings), and V8 neither compacts nor returns those pages on
 * its own while the server idles: at 1M chunks the process stayed ~100 MiB larger for good. Null
 * when this V8 does not offer the collection (nothing is lost: the server is only larger).
 */
export function compactHeap(): HeapCompaction | null {
  const gc = exposedGc();
  if (!gc) return null;
  const beforeMiB = committedHeapMiB();
  const started = performance.now();
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return { beforeMiB, afterMiB: committedHeapMiB(), ms: performance.now() - started };
}
