/**
 * Where a byte string stops being valid UTF-8 or GB18030 (GBK's superset): feed readers name that
 * byte in their rejection instead of storing U+FFFD. Structural checks only; both run in one pass.
 */

/**
 * Length of the well-formed UTF-8 sequence that starts at `i` (1 for ASCII), or 0 when the byte there
 * cannot start one or its continuation is wrong (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  let need = 0;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return 0;
  }
  return need + 1;
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

/**
 * Index of the first byte that breaks GB18030 structure (one byte < 0x80; a lead 0x81–0xFE with a
 * trail 0x40–0x7E or 0x80–0xFE; or the four-byte form lead, 0x30–0x39, 0x81–0xFE, 0x30–0x39), or -1.
 */
export function firstInvalidGb18030(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return i;
    const c = bytes[i + 1];
    if (c === undefined) return i;
    if ((c >= 0x40 && c <= 0x7e) || (c >= 0x80 && c <= 0xfe)) {
      i += 2;
      continue;
    }
    const d = bytes[i + 2];
    const e = bytes[i + 3];
    if (c >= 0x30 && c <= 0x39 && d !== undefined && d >= 0x81 && d <= 0xfe && e !== undefined && e >= 0x30 && e <= 0x39) {
      i += 4;
      continue;
    }
    return i;
  }
  return -1;
}

/** Count of bytes ≥ 0x80 (0 means the bytes read the same in UTF-8 and GB18030). */
export function nonAsciiCount(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) n++;
  return n;
}
