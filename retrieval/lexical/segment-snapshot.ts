import { PostingList } from './postings';
import type { Segment } from './segment';

/** A typed array a snapshot stores as-is (retrieval/search/snapshot/snapshot-file.ts). */
export type StoredArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** The segment's scalars and each field's terms in the order their postings were created. */
export interface SegmentMeta {
  docCount: number;
  liveDocs: number;
  chunkCount: number;
  liveChunks: number;
  maxPrior: number;
  removals: number;
  norms: { avgTitle: number; avgChunk: number; epoch: number; epochAvgTitle: number; epochAvgChunk: number };
  titleTerms: string[];
  bodyTerms: string[];
}

/** A segment as a snapshot holds it: scalars and terms (JSON) and columns (typed arrays). */
export interface SegmentImage {
  meta: SegmentMeta;
  arrays: Record<string, StoredArray>;
}

const FIELDS = ['title', 'body'] as const;

/**
 * Copies the segment's columns and postings (each field's lists concatenated, with per-list offsets)
 * so that a later sync can go on writing the segment while the copy is written out. The common terms'
 * bitsets are a cache rebuilt on first use and are left out.
 */
export function imageOfSegment(segment: Segment): SegmentImage {
  const arrays: Record<string, StoredArray> = {
    docIds: segment.docIds.slice(0, segment.docCount),
    docAlive: segment.docAlive.slice(0, segment.docCount),
    docPrior: segment.docPrior.slice(0, segment.docCount),
    docFirstChunk: segment.docFirstChunk.slice(0, segment.docCount),
    docChunkCount: segment.docChunkCount.slice(0, segment.docCount),
    titleLen: segment.norms.titleLen.slice(0, segment.docCount),
    chunkDoc: segment.chunkDoc.slice(0, segment.chunkCount),
    chunkIds: segment.chunkIds.slice(0, segment.chunkCount),
    chunkLen: segment.norms.chunkLen.slice(0, segment.chunkCount),
  };
  const terms: Record<(typeof FIELDS)[number], string[]> = { title: [], body: [] };
  for (const field of FIELDS) {
    const map = field === 'title' ? segment.titlePostings : segment.bodyPostings;
    Object.assign(arrays, packPostings(map, terms[field], field));
  }
  const { norms } = segment;
  return {
    meta: {
      docCount: segment.docCount, liveDocs: segment.liveDocs, chunkCount: segment.chunkCount, liveChunks: segment.liveChunks,
      maxPrior: segment.maxPrior, removals: segment.removals,
      norms: { avgTitle: norms.avgTitle, avgChunk: norms.avgChunk, epoch: norms.epoch, epochAvgTitle: norms.epochAvgTitle, epochAvgChunk: norms.epochAvgChunk },
      titleTerms: terms.title, bodyTerms: terms.body,
    },
    arrays,
  };
}

function packPostings(map: Map<string, PostingList>, terms: string[], field: string): Record<string, StoredArray> {
  const n = map.size;
  // Per list: byteLength, length, lastSlot, blocks, impactEpoch, dead, deadEpoch; and maxImpact.
  const ints = new Int32Array(n * 7);
  const impact = new Float64Array(n);
  let bytes = 0;
  let blocks = 0;
  for (const list of map.values()) {
    bytes += list.byteLength;
    blocks += blockCount(list);
  }
  const allBytes = new Uint8Array(bytes);
  const blockLast = new Int32Array(blocks);
  const blockStart = new Int32Array(blocks);
  let i = 0;
  let at = 0;
  let b = 0;
  for (const [term, list] of map) {
    terms.push(term);
    const nb = blockCount(list);
    ints.set([list.byteLength, list.length, list.lastSlot, nb, list.impactEpoch, list.dead, list.deadEpoch], i * 7);
    impact[i] = list.maxImpact;
    allBytes.set(list.bytes.subarray(0, list.byteLength), at);
    blockLast.set(list.blockLast.subarray(0, nb), b);
    blockStart.set(list.blockStart.subarray(0, nb), b);
    at += list.byteLength;
    b += nb;
    i++;
  }
  return { [`${field}Lists`]: ints, [`${field}Impact`]: impact, [`${field}Bytes`]: allBytes, [`${field}BlockLast`]: blockLast, [`${field}BlockStart`]: blockStart };
}

const blockCount = (list: PostingList): number => (list.length + 127) >>> 7;

/**
 * Puts an image into an empty segment. Every check runs before the segment is touched, so on a throw
 * (an inconsistent image) the segment is still empty and the caller can rebuild from the feed.
 */
export function restoreSegment(segment: Segment, image: SegmentImage): void {
  if (segment.docCount !== 0) throw new Error('a snapshot restores only into an empty index');
  const { meta, arrays } = image;
  const d = meta.docCount;
  const c = meta.chunkCount;
  const get = <T extends StoredArray>(name: string, type: new (n: number) => T, length: number, min: number): T => {
    const a = arrays[name];
    if (!(a instanceof type) || a.length !== length) throw new Error(`snapshot column ${name} is missing or the wrong size`);
    // Spare capacity, as the segment keeps growing its columns after the restore.
    const out = new type(Math.max(min, length));
    out.set(a);
    return out;
  };
  const cols = {
    docIds: get('docIds', Float64Array, d, 1024),
    docAlive: get('docAlive', Uint8Array, d, 1024),
    docPrior: get('docPrior', Float32Array, d, 1024),
    docFirstChunk: get('docFirstChunk', Int32Array, d, 1024),
    docChunkCount: get('docChunkCount', Int32Array, d, 1024),
    chunkDoc: get('chunkDoc', Int32Array, c, 4096),
    chunkIds: get('chunkIds', Float64Array, c, 4096),
  };
  const titleLen = get('titleLen', Uint16Array, d, 1024);
  const chunkLen = get('chunkLen', Uint16Array, c, 4096);
  if (meta.liveDocs !== countAlive(cols.docAlive, d)) throw new Error('snapshot live document count does not match its columns');
  const titles = unpackPostings(meta.titleTerms, arrays, 'title', d);
  const bodies = unpackPostings(meta.bodyTerms, arrays, 'body', c);
  const aliveBits = new Uint32Array((cols.docIds.length >>> 5) + 1);
  for (let s = 0; s < d; s++) if (cols.docAlive[s] === 1) aliveBits[s >>> 5] |= 1 << (s & 31);
  Object.assign(segment, cols, {
    aliveBits, docCount: d, liveDocs: meta.liveDocs, chunkCount: c, liveChunks: meta.liveChunks, maxPrior: meta.maxPrior, removals: meta.removals,
  });
  Object.assign(segment.norms, meta.norms, {
    titleLen, chunkLen, titleNorm: new Float32Array(titleLen.length), chunkNorm: new Float32Array(chunkLen.length),
  });
  for (const [term, list] of titles) segment.titlePostings.set(term, list);
  for (const [term, list] of bodies) segment.bodyPostings.set(term, list);
  segment.reindexAfterRestore();
}

function unpackPostings(terms: string[], arrays: Record<string, StoredArray>, field: string, slots: number): Map<string, PostingList> {
  const map = new Map<string, PostingList>();
  const ints = arrays[`${field}Lists`];
  const impact = arrays[`${field}Impact`];
  const bytes = arrays[`${field}Bytes`];
  const blockLast = arrays[`${field}BlockLast`];
  const blockStart = arrays[`${field}BlockStart`];
  if (!(ints instanceof Int32Array) || ints.length !== terms.length * 7 || !(impact instanceof Float64Array) || !(bytes instanceof Uint8Array)
    || !(blockLast instanceof Int32Array) || !(blockStart instanceof Int32Array)) {
    throw new Error(`snapshot postings of ${field} are missing or the wrong size`);
  }
  let at = 0;
  let b = 0;
  for (let i = 0; i < terms.length; i++) {
    const [byteLength, length, lastSlot, nb, impactEpoch, dead, deadEpoch] = ints.subarray(i * 7, i * 7 + 7);
    if (at + byteLength > bytes.length || b + nb > blockLast.length || lastSlot >= slots) throw new Error(`snapshot postings of ${field} overrun their arrays`);
    const list = new PostingList();
    // Copies: a list keeps growing in place after the restore.
    list.bytes = bytes.slice(at, at + byteLength);
    list.byteLength = byteLength;
    list.length = length;
    list.lastSlot = lastSlot;
    list.blockLast = nb > 0 ? blockLast.slice(b, b + nb) : new Int32Array(1);
    list.blockStart = nb > 0 ? blockStart.slice(b, b + nb) : new Int32Array(1);
    list.impactEpoch = impactEpoch;
    list.maxImpact = impact[i];
    list.dead = dead;
    list.deadEpoch = deadEpoch;
    map.set(terms[i], list);
    at += byteLength;
    b += nb;
  }
  return map;
}

function countAlive(alive: Uint8Array, n: number): number {
  let live = 0;
  for (let s = 0; s < n; s++) live += alive[s];
  return live;
}
