/**
 * Checks a ZIP package (DOCX) before a parser inflates it: the central directory must be whole (a
 * truncated download is named as such), and every part the parser reads is inflated here as a
 * stream and counted, stopping the moment it passes the limit. Declared sizes are not trusted (a
 * bomb can lie in them), and nothing inflated is kept, so a 1 GiB bomb costs one chunk of memory.
 */
import { createInflateRaw } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  declaredSize: number;
  /** Where the part's compressed bytes start. */
  dataOffset: number;
}

export type ZipDirectory = { parts: ZipPart[] } | { broken: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record sits within the last 22 bytes + a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;

/** The package's parts from its central directory, or why it cannot be a whole ZIP. */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - EOCD_SEARCH); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return { broken: 'the ZIP package has no end record: the file is truncated (cut off while downloading or copying)' };
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) return { broken: 'the ZIP package is ZIP64, which a DOCX never needs: save it again from Word or WPS' };
  if (offset + size > end) return { broken: 'the ZIP package\'s directory points past its end: the file is truncated or corrupt' };
  const parts: ZipPart[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL) return { broken: 'the ZIP package\'s directory is corrupt' };
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const declaredSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLength).toString('utf8');
    p += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) {
      return { broken: `the ZIP part "${name}" is missing: the file is truncated or corrupt` };
    }
    const dataOffset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataOffset + compressedSize > bytes.length) return { broken: `the ZIP part "${name}" is cut off: the file is truncated` };
    parts.push({ name, method, compressedSize, declaredSize, dataOffset });
  }
  return { parts };
}

/** Inflates a deflated part as a stream, counting bytes and keeping none; stops past `max`. */
function inflatedSize(data: Uint8Array, max: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let n = 0;
    inflater.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > max) {
        inflater.destroy();
        resolve(n);
      }
    });
    inflater.on('end', () => resolve(n));
    inflater.on('error', reject);
    inflater.end(data);
  });
}

export interface OversizedPart {
  name: string;
  /** Bytes inflated before stopping (just over the limit), or the declared size when that already was. */
  atLeast: number;
}

/**
 * The first part matching `reads` that inflates past `maxBytes`, or null when all stay within it.
 * A part that does not inflate (corrupt data) throws the zlib error.
 */
export async function findOversizedPart(
  bytes: Uint8Array,
  parts: ZipPart[],
  maxBytes: number,
  reads: (name: string) => boolean,
): Promise<OversizedPart | null> {
  for (const part of parts) {
    if (!reads(part.name)) continue;
    if (part.declaredSize > maxBytes) return { name: part.name, atLeast: part.declaredSize };
    if (part.method === 0) {
      if (part.compressedSize > maxBytes) return { name: part.name, atLeast: part.compressedSize };
      continue;
    }
    const data = bytes.subarray(part.dataOffset, part.dataOffset + part.compressedSize);
    const size = await inflatedSize(data, maxBytes);
    if (size > maxBytes) return { name: part.name, atLeast: size };
  }
  return null;
}

/**
 * A part's bytes, inflated as a stream and refused (null) the moment they pass `maxBytes`: for
 * packages read here rather than by a parser (OFD). A part that does not inflate throws zlib's error.
 */
export function readZipPart(bytes: Uint8Array, part: ZipPart, maxBytes: number): Promise<Buffer | null> {
  const data = bytes.subarray(part.dataOffset, part.dataOffset + part.compressedSize);
  if (part.method === 0) return Promise.resolve(data.length > maxBytes ? null : Buffer.from(data));
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    const chunks: Buffer[] = [];
    let n = 0;
    inflater.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > maxBytes) {
        inflater.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    inflater.on('end', () => resolve(Buffer.concat(chunks)));
    inflater.on('error', reject);
    inflater.end(data);
  });
}
