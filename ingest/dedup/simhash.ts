/**
 * 64-bit SimHash over character 3-grams of a normalised text. Reposts of one policy on several
 * sites differ in headers, footers and a few edits; their fingerprints differ in a few bits, while
 * two different policies written from the same template differ in many (see dedup.test.ts).
 */
import { normalizeText } from '../normalize';

/** Shingle length in characters: 3-grams of Chinese text are roughly word-pair sized. */
export const SHINGLE = 3;

/**
 * The text SimHash sees: normalised (width folding etc.) with whitespace and punctuation removed,
 * so reflowed paragraphs and ，/, differences do not count as edits.
 */
export function fingerprintText(text: string): string {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();
}

/** murmur3's 32-bit finaliser: spreads FNV's weak high bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/**
 * SimHash of `text` as an unsigned 64-bit bigint. Each DISTINCT 3-gram votes once: counted per
 * occurrence, the frequent legal and administrative phrases (人民政府, 应当, 有关部门) outvote what
 * makes a document itself, and different laws of one template land 1–5 bits apart (measured).
 * Texts shorter than 3 characters after fingerprintText hash as one shingle; empty text → 0n.
 */
export function simhash64(text: string): bigint {
  const s = fingerprintText(text);
  if (s.length === 0) return 0n;
  const shingles = new Set<string>();
  for (let i = 0; i <= Math.max(0, s.length - SHINGLE); i++) shingles.add(s.slice(i, i + SHINGLE));
  const votes = new Int32Array(64);
  for (const shingle of shingles) {
    const lo = fnv1a(shingle, 0x811c9dc5);
    const hi = fnv1a(shingle, 0x050c5d1f);
    for (let b = 0; b < 32; b++) {
      votes[b] += (lo >>> b) & 1 ? 1 : -1;
      votes[b + 32] += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b] > 0) lo |= 1 << b;
    if (votes[b + 32] > 0) hi |= 1 << b;
  }
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** The fingerprint as 16 lowercase hex digits (for storage in `extra`). */
export function simhashHex(hash: bigint): string {
  return hash.toString(16).padStart(16, '0');
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of differing bits between two 64-bit fingerprints (bigint or 16-digit hex). */
export function hammingDistance(a: bigint | string, b: bigint | string): number {
  const x = (typeof a === 'string' ? BigInt(`0x${a}`) : a) ^ (typeof b === 'string' ? BigInt(`0x${b}`) : b);
  return popcount32(Number(x & 0xffffffffn)) + popcount32(Number((x >> 32n) & 0xffffffffn));
}
