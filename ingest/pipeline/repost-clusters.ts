/**
 * Groups reposts (one text published on several sites) into clusters as documents are stored.
 * Candidates come from a NearDuplicateIndex over the stored SimHashes plus the documents with the
 * same title key; a candidate counts only if nothing contradicts it being the same document
 * (repostConflict: same title, no differing 文号, issuer or dates). The in-memory index follows the
 * library's change feed, so it is rebuilt after a restart and sees other processes' writes.
 */
import type { Queryable } from '../../library/store';
import {
  activeClusterMembers, clusterOf, createCluster, joinCluster, leaveCluster, refreshCluster, repostFactsSince,
} from '../../library/documents';
import type { PreparedDocument } from '../../library/documents';
import { DEFAULT_MAX_DISTANCE, hammingDistance, NearDuplicateIndex } from '../dedup';
import { repostConflict, repostTitleKey, type RepostFacts } from './keys';

interface Entry extends RepostFacts {
  id: number;
  hash: bigint;
}

export interface ClusterOutcome {
  /** The cluster the document is in now, or null. */
  clusterId: number | null;
  /** This document's arrival formed a new cluster (with the document it reposts). */
  created: boolean;
  /** The document entered a cluster it was not in before. */
  joined: boolean;
  /** The cluster it left (a changed or withdrawn document), or null. */
  left: number | null;
  /** The stored document it was found to repost, and the SimHash distance. */
  duplicateOf?: number;
  distance?: number;
}

/**
 * A title shared by more documents than this ("通知", "工作动态") says nothing: only the index's
 * nearest neighbour is checked then, which keeps every placement cheap.
 */
const TITLE_GROUP_SCAN = 200;

const NONE: ClusterOutcome = { clusterId: null, created: false, joined: false, left: null };
const SYNC_PAGE = 5000;

export class RepostClusters {
  readonly maxDistance: number;
  private index: NearDuplicateIndex;
  private readonly entries = new Map<number, Entry>();
  private readonly byTitle = new Map<string, Set<number>>();
  private lastSeq = 0;

  /** `maxDistance`: SimHash bits two reposts may differ in; ingest/dedup's DEFAULT_MAX_DISTANCE (10) by default. */
  constructor(maxDistance = DEFAULT_MAX_DISTANCE) {
    this.maxDistance = maxDistance;
    this.index = new NearDuplicateIndex({ maxDistance });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Reads the documents changed since the last sync (all of them the first time). */
  async sync(db: Queryable): Promise<void> {
    for (;;) {
      const rows = await repostFactsSince(db, this.lastSeq, SYNC_PAGE);
      for (const r of rows) {
        this.forget(r.id);
        if (r.status !== 'active' || !r.simhash) continue;
        this.remember({
          id: r.id, hash: BigInt(`0x${r.simhash}`), titleKey: repostTitleKey(r.title), issuer: r.issuer,
          writtenAt: r.writtenAt, publishedAt: r.publishedAt, docNumberKey: r.docNumberKey,
        });
      }
      if (rows.length > 0) this.lastSeq = rows[rows.length - 1].changeSeq;
      if (rows.length < SYNC_PAGE) return;
    }
  }

  /** Forgets everything (after a rolled-back transaction); the next sync reloads from the library. */
  reset(): void {
    this.index = new NearDuplicateIndex({ maxDistance: this.maxDistance });
    this.entries.clear();
    this.byTitle.clear();
    this.lastSeq = 0;
  }

  /**
   * Places a stored (added or changed) document: joins the cluster of the document it reposts,
   * forms a cluster with it, stays, or leaves its old cluster. Call inside the storing transaction;
   * `stored` is the cluster the library holds for it, when the caller read it already.
   */
  async place(db: Queryable, doc: PreparedDocument, id: number, stored?: number | null): Promise<ClusterOutcome> {
    this.forget(id);
    const current = stored === undefined ? await clusterOf(db, id) : stored;
    if (doc.status === 'quarantined' || !doc.simhash) {
      if (current === null) return NONE;
      await leaveCluster(db, id);
      return { ...NONE, left: current };
    }
    const entry: Entry = {
      id, hash: BigInt(`0x${doc.simhash}`), titleKey: repostTitleKey(doc.title), issuer: doc.issuer ?? null,
      writtenAt: doc.writtenAt ?? null, publishedAt: doc.publishedAt ?? null, docNumberKey: doc.docNumberKey,
    };
    const nearest = this.remember(entry);
    const { match, target } = await this.choose(db, entry, nearest);
    const found = match ? { duplicateOf: match.id, distance: match.distance } : {};
    if (match && current !== null && target === current) {
      await refreshCluster(db, current);
      return { clusterId: current, created: false, joined: false, left: null, ...found };
    }
    if (current !== null) await leaveCluster(db, id);
    const left = current;
    if (!match) return { ...NONE, left };
    if (target !== null) {
      await joinCluster(db, target, id);
      return { clusterId: target, created: false, joined: true, left, ...found };
    }
    const clusterId = await createCluster(db, [match.id, id]);
    return { clusterId, created: true, joined: true, left, ...found };
  }

  /** Takes a document out of the in-memory index (withdrawn, or about to be re-placed). */
  forget(id: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.index.remove(String(id));
    const same = this.byTitle.get(entry.titleKey);
    same?.delete(id);
    if (same?.size === 0) this.byTitle.delete(entry.titleKey);
  }

  /** Adds to the index; returns the nearest earlier document within maxDistance, if any. */
  private remember(entry: Entry): number | null {
    this.entries.set(entry.id, entry);
    const same = this.byTitle.get(entry.titleKey) ?? new Set<number>();
    same.add(entry.id);
    this.byTitle.set(entry.titleKey, same);
    const added = this.index.addHash(String(entry.id), entry.hash);
    return added.duplicateOf === null ? null : Number(added.duplicateOf);
  }

  /**
   * The closest compatible document and its cluster. Candidates are the index's nearest neighbour
   * (which may be a same-template text with another title) and the documents sharing the title key.
   * Joining a cluster needs compatibility with every member: otherwise two documents with different
   * 文号 would meet through a repost that carries none.
   */
  private async choose(db: Queryable, entry: Entry, nearest: number | null): Promise<{ match: { id: number; distance: number } | null; target: number | null }> {
    const group = this.byTitle.get(entry.titleKey);
    const ids = new Set(group && group.size <= TITLE_GROUP_SCAN ? group : []);
    if (nearest !== null) ids.add(nearest);
    ids.delete(entry.id);
    const candidates: Array<{ id: number; distance: number }> = [];
    for (const id of ids) {
      const other = this.entries.get(id);
      if (!other) continue;
      const distance = hammingDistance(entry.hash, other.hash);
      if (distance <= this.maxDistance && repostConflict(entry, other) === null) candidates.push({ id, distance });
    }
    candidates.sort((a, b) => a.distance - b.distance || a.id - b.id);
    for (const candidate of candidates) {
      const target = await clusterOf(db, candidate.id);
      if (target === null) return { match: candidate, target };
      const members = (await activeClusterMembers(db, target, entry.id)).map((id) => this.entries.get(id));
      if (members.every((m) => m !== undefined && repostConflict(entry, m) === null)) return { match: candidate, target };
    }
    return { match: null, target: null };
  }
}
