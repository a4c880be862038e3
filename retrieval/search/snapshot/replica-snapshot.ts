import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { ANALYZER_VERSION } from '../../../library/analyzer';
import { readIndexFeed, type IndexFeedDocument } from '../../../library/documents';
import type { Queryable } from '../../../library/store';
import type { LexicalIndex, SegmentImage, SegmentMeta } from '../../lexical';
import { feedHead, libraryId } from './library-identity';
import { readSnapshotFile, SNAPSHOT_FORMAT, writeSnapshotFile, type SnapshotStamp } from './snapshot-file';

/** The file a replica's snapshot lives in, inside ZHIWEN_INDEX_SNAPSHOT's folder. */
export const SNAPSHOT_FILE = 'lexical-index.snapshot';

/** What was written: where, how big, and at which feed position. */
export interface WrittenSnapshot {
  path: string;
  bytes: number;
  appliedSeq: number;
}

/**
 * Writes the index as it is now (at `appliedSeq`). The image is copied synchronously, so the caller
 * takes it between syncs and the file matches exactly one feed position.
 */
export async function writeIndexSnapshot(dir: string, db: Queryable, index: LexicalIndex, appliedSeq: number): Promise<WrittenSnapshot> {
  const image = index.image();
  const stamp: SnapshotStamp = { format: SNAPSHOT_FORMAT, analyzer: ANALYZER_VERSION, library: await libraryId(db), appliedSeq };
  await mkdir(dir, { recursive: true });
  const path = join(dir, SNAPSHOT_FILE);
  const bytes = await writeSnapshotFile(path, stamp, image.meta, image.arrays);
  return { path, bytes, appliedSeq };
}

/** A snapshot ready to restore, or why it must not be. */
export type LoadedSnapshot =
  | { ok: true; image: SegmentImage; appliedSeq: number; documents: IndexFeedDocument[] }
  | { ok: false; reason: string };

/**
 * Reads the snapshot and checks it against the library: same format, analyzer and library, a feed
 * position the library has reached, and documents that agree with the feed. `documents` are the
 * library's documents changed up to that position, without chunks, oldest change first: the replica
 * rebuilds its other parts (filters, reposts, keys, vocabulary titles) from them, cheaply, and the
 * feed's later changes are applied as usual. Nothing is changed here: on `ok: false` the replica
 * rebuilds from the feed as if there were no snapshot.
 */
export async function loadIndexSnapshot(dir: string, db: Queryable): Promise<LoadedSnapshot> {
  let contents;
  try {
    contents = await readSnapshotFile(join(dir, SNAPSHOT_FILE));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, reason: e.code === 'ENOENT' ? 'no snapshot yet' : `unreadable: ${e.message}` };
  }
  const { stamp } = contents;
  if (stamp.format !== SNAPSHOT_FORMAT) return { ok: false, reason: `format ${stamp.format}, this build reads ${SNAPSHOT_FORMAT}` };
  if (stamp.analyzer !== ANALYZER_VERSION) return { ok: false, reason: `analyzer version ${stamp.analyzer}, the library's is ${ANALYZER_VERSION}` };
  const library = await libraryId(db);
  if (stamp.library !== library) return { ok: false, reason: `made from library ${stamp.library}, this is ${library}` };
  const head = await feedHead(db);
  if (!Number.isInteger(stamp.appliedSeq) || stamp.appliedSeq > head) {
    return { ok: false, reason: `made at feed position ${stamp.appliedSeq}, beyond the library's ${head} (a restored or other database)` };
  }
  const image: SegmentImage = { meta: contents.json as SegmentMeta, arrays: contents.arrays };
  const documents = await documentsUpTo(db, stamp.appliedSeq);
  const disagreement = await checkAgainstFeed(db, image, documents, stamp.appliedSeq);
  if (disagreement) return { ok: false, reason: disagreement };
  return { ok: true, image, appliedSeq: stamp.appliedSeq, documents };
}

async function documentsUpTo(db: Queryable, appliedSeq: number): Promise<IndexFeedDocument[]> {
  const docs: IndexFeedDocument[] = [];
  for (let after = 0; after < appliedSeq;) {
    const batch = await readIndexFeed(db, after, 5000, false);
    if (batch.length === 0) break;
    for (const doc of batch) if (doc.changeSeq <= appliedSeq) docs.push(doc);
    after = batch.at(-1)!.changeSeq;
  }
  return docs;
}

/**
 * Every active document changed up to the snapshot's position must be live in it, and every document
 * live in it but not among those must have changed since (the catch-up replaces it). Else it is not
 * this library's index at that position.
 */
async function checkAgainstFeed(db: Queryable, image: SegmentImage, documents: IndexFeedDocument[], appliedSeq: number): Promise<string | null> {
  const { docIds, docAlive } = image.arrays;
  const n = image.meta?.docCount;
  if (!(docIds instanceof Float64Array) || !(docAlive instanceof Uint8Array) || docIds.length !== n || docAlive.length !== n) {
    return 'its document columns are missing or the wrong size';
  }
  const live = new Set<number>();
  for (let s = 0; s < n; s++) if (docAlive[s] === 1) live.add(docIds[s]);
  for (const doc of documents) {
    if (doc.status !== 'active') continue;
    if (!live.delete(doc.id)) return `document ${doc.id} (active at position ${doc.changeSeq}) is not in it`;
  }
  if (live.size === 0) return null;
  const { rows } = await db.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM documents WHERE id = ANY($1::bigint[]) AND change_seq > $2', [[...live], appliedSeq],
  );
  const changedSince = Number(rows[0].n);
  return changedSince === live.size ? null : `${live.size - changedSince} of its documents are not in the library as it holds them`;
}
