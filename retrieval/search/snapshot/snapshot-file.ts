import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import type { StoredArray } from '../../lexical';

/** Bumped whenever the layout or what a snapshot holds changes: an older file is refused, never misread. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = Buffer.from('ZWIDXSN\n', 'latin1');
const DIGEST_BYTES = 32;

/** What a snapshot was made from: it is loaded only where all of it still holds. */
export interface SnapshotStamp {
  format: number;
  analyzer: number;
  /** library_meta's library_id: a snapshot of another library is refused. */
  library: string;
  /** The last change-feed position applied to the index the snapshot holds. */
  appliedSeq: number;
}

interface SectionEntry {
  name: string;
  type: keyof typeof TYPES;
  offset: number;
  bytes: number;
}

const TYPES = {
  f64: Float64Array, f32: Float32Array, i32: Int32Array, u32: Uint32Array, u16: Uint16Array, u8: Uint8Array,
} as const;

function typeOf(a: StoredArray): keyof typeof TYPES {
  for (const [name, type] of Object.entries(TYPES)) if (a instanceof type) return name as keyof typeof TYPES;
  throw new Error('unsupported snapshot column type');
}

const pad8 = (n: number): number => (n + 7) & ~7;

/**
 * Layout: magic, header length (uint32 LE, 4 spare bytes), header JSON (stamp, small JSON payload,
 * section table), each typed array as-is at an 8-byte boundary, then a SHA-256 of everything before it
 * (a torn or flipped file is refused rather than misread). Written to a temporary file, fsynced and renamed, so
 * a crash mid-write leaves the previous snapshot in place.
 */
export async function writeSnapshotFile(path: string, stamp: SnapshotStamp, json: unknown, arrays: Record<string, StoredArray>): Promise<number> {
  const sections: SectionEntry[] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    sections.push({ name, type: typeOf(a), offset, bytes: a.byteLength });
    offset = pad8(offset + a.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ ...stamp, json, sections }), 'utf8');
  const prefix = Buffer.alloc(pad8(16 + header.length));
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(header.length, 8);
  header.copy(prefix, 16);
  const hash = createHash('sha256').update(prefix);
  const temp = `${path}.${process.pid}.tmp`;
  const file = await open(temp, 'w');
  try {
    await file.write(prefix);
    const zeros = new Uint8Array(8);
    for (const [i, a] of Object.values(arrays).entries()) {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const gap = pad8(sections[i].offset + a.byteLength) - sections[i].offset - a.byteLength;
      hash.update(bytes).update(zeros.subarray(0, gap));
      await file.write(bytes);
      if (gap) await file.write(zeros.subarray(0, gap));
    }
    await file.write(hash.digest());
    await file.sync();
  } catch (err) {
    await file.close();
    await rm(temp, { force: true });
    throw err;
  }
  await file.close();
  await rename(temp, path);
  return prefix.length + offset + DIGEST_BYTES;
}

/** A snapshot as read back, checked whole (the digest) but not yet against the library. */
export interface SnapshotContents {
  stamp: SnapshotStamp;
  json: unknown;
  arrays: Record<string, StoredArray>;
}

/** Reads and checks a snapshot file; throws with the reason when it is unreadable, torn or not one. */
export async function readSnapshotFile(path: string): Promise<SnapshotContents> {
  const buf = await readFile(path);
  if (buf.length < 16 + DIGEST_BYTES || !buf.subarray(0, 8).equals(MAGIC)) throw new Error('not a Zhiwen index snapshot');
  const body = buf.subarray(0, buf.length - DIGEST_BYTES);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(buf.subarray(buf.length - DIGEST_BYTES))) throw new Error('checksum mismatch (truncated or corrupt file)');
  const headerLength = buf.readUInt32LE(8);
  const header = JSON.parse(buf.subarray(16, 16 + headerLength).toString('utf8')) as SnapshotStamp & { json: unknown; sections: SectionEntry[] };
  const base = pad8(16 + headerLength);
  const arrays: Record<string, StoredArray> = {};
  for (const s of header.sections) {
    const type = TYPES[s.type];
    const start = base + s.offset;
    if (!type || start + s.bytes > body.length || s.bytes % type.BYTES_PER_ELEMENT !== 0) throw new Error(`section ${s.name} is out of bounds`);
    // A copy: aligned for its type, and not a view on the file's buffer.
    arrays[s.name] = new type(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + start + s.bytes));
  }
  const { format, analyzer, library, appliedSeq, json } = header;
  return { stamp: { format, analyzer, library, appliedSeq }, json, arrays };
}
