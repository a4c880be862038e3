import { readIndexFeed, type IndexFeedDocument } from '../../library/documents';
import { SiteDirectory } from '../../library/sites';
import type { Db } from '../../library/store';
import type { LexicalIndex } from '../lexical';
import type { QueryUnderstanding } from '../query';
import type { DisplayCache } from './display-cache';
import { DocAttributes } from './doc-attributes';
import { DocumentKeys } from './document-keys';
import { FollowLoop, type FollowLoopStatus } from './follow-loop';
import { PolicyParts } from './policy-parts';
import { RepostGroups } from './repost-groups';
import { documentPrior } from './signals';
import { loadIndexSnapshot, writeIndexSnapshot, type WrittenSnapshot } from './snapshot/replica-snapshot';

/** A replica's place in the change feed (SearchService.feedStatus). */
export interface FeedStatus extends FollowLoopStatus {
  appliedSeq: number;
  caughtUpAt: number | null;
}

/** What the replica keeps up to date besides its own columns. */
export interface ReplicaParts {
  index: LexicalIndex;
  understanding: QueryUnderstanding;
  display: DisplayCache;
  /** Folder of the index snapshot (ZHIWEN_INDEX_SNAPSHOT): loaded at start when it matches the library, written after a full load. */
  snapshotDir?: string;
}

/** Catch-up after a restore larger than this writes a fresh snapshot, so the next start catches up less. */
const RESNAPSHOT_AFTER = 1000;

/**
 * This API replica's copy of the library, kept up to date from the change sequence: the lexical index,
 * the filter columns, repost clusters, sites and exact-match keys. Off the request path: the follower
 * writes here between requests, and the search pipeline only reads.
 */
export class LibraryReplica {
  readonly index: LexicalIndex;
  readonly attributes = new DocAttributes();
  /** Repost clusters by slot: one result per cluster (retrieval/search/repost-groups.ts). */
  readonly reposts = new RepostGroups();
  /** Attachments shown as the page that published them (retrieval/search/policy-parts.ts). */
  readonly parts = new PolicyParts();
  readonly sites = new SiteDirectory();
  readonly keys = new DocumentKeys();
  private readonly understanding: QueryUnderstanding;
  private readonly display: DisplayCache;
  private lastSeq = 0;
  /** When a sync last reached the end of the change feed (ms since the epoch), for /healthz's lag check. */
  private caughtUpAt: number | null = null;
  private follower: FollowLoop | null = null;
  private syncing: Promise<number> | null = null;
  private started = false;
  private readonly snapshotDir: string | null;

  constructor(
    private readonly db: Db,
    parts: ReplicaParts,
    /** How often to look for library changes, ms. */
    private readonly followIntervalMs: number,
  ) {
    this.index = parts.index;
    this.understanding = parts.understanding;
    this.display = parts.display;
    this.snapshotDir = parts.snapshotDir ?? null;
  }

  /** Writes the index snapshot now (between syncs, so it matches one feed position). */
  async writeSnapshot(): Promise<WrittenSnapshot> {
    if (!this.snapshotDir) throw new Error('no index snapshot folder is configured: set ZHIWEN_INDEX_SNAPSHOT');
    await this.syncing;
    return writeIndexSnapshot(this.snapshotDir, this.db, this.index, this.lastSeq);
  }

  /** Applies every library change since the last sync; returns how many documents changed. */
  sync(): Promise<number> {
    // One sync at a time: a timer tick during a long first load must not apply changes twice.
    this.syncing ??= this.runSync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** Keeps following the library, retrying with backoff while the database is down; returns a function that stops. */
  follow(): () => void {
    this.follower ??= new FollowLoop('search index sync', () => this.sync(), this.followIntervalMs);
    return this.follower.start();
  }

  /** Where this replica stands in the change feed: the last change applied, when it last caught up, failures. */
  get feedStatus(): FeedStatus {
    const loop = this.follower?.status ?? { failures: 0, lastError: null };
    return { appliedSeq: this.lastSeq, caughtUpAt: this.caughtUpAt, ...loop };
  }

  private async runSync(): Promise<number> {
    let changed = 0;
    await this.sites.reload(this.db);
    const first = !this.started;
    const restored = first && this.snapshotDir ? await this.restoreSnapshot(this.snapshotDir) : null;
    this.started = true;
    if (restored !== null) changed += restored;
    let caughtUp = 0;
    for (;;) {
      const batch = await readIndexFeed(this.db, this.lastSeq);
      if (batch.length === 0) break;
      for (const doc of batch) this.apply(doc);
      changed += batch.length;
      caughtUp += batch.length;
      this.lastSeq = batch.at(-1)!.changeSeq;
    }
    this.caughtUpAt = Date.now();
    await this.understanding.afterSync();
    if (changed > 1000) this.index.settle();
    if (first && this.snapshotDir && (restored === null || caughtUp > RESNAPSHOT_AFTER)) await this.snapshotAfterLoad();
    return changed;
  }

  /**
   * Fills the empty index from the snapshot and the other parts from the feed's documents up to its
   * position (no chunks: cheap); returns the live documents restored, or null (the reason logged) when
   * the snapshot does not match the library, and the feed rebuilds everything as without one.
   */
  private async restoreSnapshot(dir: string): Promise<number | null> {
    const started = performance.now();
    const loaded = await loadIndexSnapshot(dir, this.db);
    if (loaded.ok) {
      try {
        this.index.restore(loaded.image);
      } catch (err) {
        console.warn(`index snapshot not used (${(err as Error).message}): rebuilding from the change feed`);
        return null;
      }
    } else {
      console.warn(`index snapshot not used (${loaded.reason}): rebuilding from the change feed`);
      return null;
    }
    // The index holds no chunk text: the vocabulary's body words come from its terms, in the order they were first seen.
    this.understanding.vocabulary.seedBodyTerms(loaded.image.meta.bodyTerms);
    for (const doc of loaded.documents) {
      this.understanding.observe(doc);
      if (doc.status === 'active') this.indexParts(this.index.slotOf(doc.id)!, doc);
    }
    this.lastSeq = loaded.appliedSeq;
    const ms = Math.round(performance.now() - started);
    console.log(`index snapshot loaded: ${this.index.size.documents} documents at feed position ${loaded.appliedSeq} in ${ms} ms`);
    return this.index.size.documents;
  }

  private async snapshotAfterLoad(): Promise<void> {
    const started = performance.now();
    try {
      // Within this sync: the index cannot change under the copy.
      const written = await writeIndexSnapshot(this.snapshotDir!, this.db, this.index, this.lastSeq);
      const ms = Math.round(performance.now() - started);
      console.log(`index snapshot written: ${written.path} (${(written.bytes / 2 ** 20).toFixed(1)} MiB, feed position ${written.appliedSeq}, ${ms} ms)`);
    } catch (err) {
      // Serving goes on: the next start rebuilds from the feed.
      console.warn(`index snapshot not written: ${(err as Error).message}`);
    }
  }

  private apply(doc: IndexFeedDocument): void {
    const previousSlot = this.index.slotOf(doc.id);
    const previousTitle = previousSlot === undefined ? undefined : this.keys.titleOf(previousSlot);
    this.understanding.observe(doc, previousTitle === undefined ? undefined : { title: previousTitle });
    this.display.forget(doc.id);
    if (previousSlot !== undefined) {
      this.keys.forget(previousSlot, doc.id);
      this.reposts.forget(previousSlot);
      this.parts.forget(previousSlot);
    }
    if (doc.status !== 'active') {
      this.index.remove(doc.id);
      return;
    }
    this.indexParts(this.index.upsert({ ...doc, prior: documentPrior(doc) }), doc);
  }

  /** The filter columns, repost clusters, attachment pages and exact-match keys of the document indexed at `slot`. */
  private indexParts(slot: number, doc: IndexFeedDocument): void {
    this.attributes.set(slot, doc);
    this.reposts.set(slot, doc);
    this.parts.set(slot, doc);
    this.keys.add(slot, doc);
  }
}
