/**
 * Stores prepared documents with their enrichment in one transaction per batch: the documents and
 * chunks, the quarantine record, the repost cluster and the interpretation links. A crash between
 * two batches loses nothing and leaves nothing half-enriched; running the batch again is a no-op
 * for what was stored. Enrichment is serialised across processes by an advisory lock.
 */
import type { Db, Queryable } from '../../library/store';
import {
  clearQuarantine, recordQuarantine, releasedContent, storedStates, withdrawDocument, writeDocuments, isUnchanged, leaveCluster,
  liveDocumentId, lockEnrichment, relinkAttachments, replaceAttachmentLinks,
} from '../../library/documents';
import type { PreparedDocument, UpsertOutcome } from '../../library/documents';
import type { SiteResolver } from '../../library/sites';
import { attachmentLinksIn } from '../extract';
import { unlinkDocument, updateLinks } from './interpretation-links';
import { RepostClusters, type ClusterOutcome } from './repost-clusters';

export interface LibraryWriterOptions {
  /** SimHash bits two reposts may differ in. Default ingest/dedup's DEFAULT_MAX_DISTANCE (10). */
  maxDistance?: number;
  /**
   * Names each document's site by the registry (a registered code or domain, else the default site);
   * a document it cannot name is rejected by admitSite. Default none: codes are stored as given
   * (tests and the sample loader, which register what they use). The CLI and worker always pass one.
   */
  sites?: SiteResolver;
}

export interface StoredDocument {
  externalId: string;
  id: number;
  outcome: UpsertOutcome;
  status: 'active' | 'quarantined';
  infoType: string;
  /** Absent when the document was unchanged (nothing was re-derived). */
  cluster?: ClusterOutcome;
  linksAdded: number;
  linksRemoved: number;
}

export class LibraryWriter {
  private readonly clusters: RepostClusters;
  private readonly sites?: SiteResolver;

  constructor(private readonly db: Db, options: LibraryWriterOptions = {}) {
    this.clusters = new RepostClusters(options.maxDistance);
    this.sites = options.sites;
  }

  /** The document under its registered site code, or why its site is not registered (reject it). */
  async admitSite(doc: PreparedDocument): Promise<PreparedDocument | string> {
    if (!this.sites) return doc;
    const named = await this.sites.resolve(doc.siteCode);
    if ('reason' in named) return named.reason;
    return named.code === doc.siteCode ? doc : { ...doc, siteCode: named.code };
  }

  /** Stores a batch; results in the order of `docs`. */
  async store(docs: PreparedDocument[]): Promise<StoredDocument[]> {
    if (docs.length === 0) return [];
    const ids = docs.map((d) => d.externalId);
    const released = await releasedContent(this.db, ids);
    const batch = docs.map((d) =>
      d.status === 'quarantined' && released.get(d.externalId) === d.contentHash ? { ...d, status: 'active' as const } : d,
    );
    const states = await storedStates(this.db, ids);
    if (batch.every((d) => isUnchanged(states.get(d.externalId), d))) {
      return batch.map((d) => result(d, states.get(d.externalId)!.id, 'unchanged'));
    }
    try {
      return await this.db.transaction(async (tx) => {
        await lockEnrichment(tx);
        await this.clusters.sync(tx);
        const written = await writeDocuments(tx, batch);
        const out: StoredDocument[] = [];
        for (const [i, doc] of batch.entries()) {
          const { id, outcome } = written[i];
          const stored = result(doc, id, outcome);
          if (outcome !== 'unchanged') await this.enrich(tx, doc, stored);
          out.push(stored);
        }
        return out;
      });
    } catch (err) {
      // The in-memory index may hold documents the rollback removed: rebuild it on the next batch.
      this.clusters.reset();
      throw err;
    }
  }

  /** Withdraws a document (kept for audit, out of search), its cluster place and its links. */
  async withdraw(externalId: string): Promise<boolean> {
    try {
      return await this.db.transaction(async (tx) => {
        await lockEnrichment(tx);
        const id = await liveDocumentId(tx, externalId);
        if (id === null) return false;
        await withdrawDocument(tx, externalId);
        await relinkAttachments(tx, id);
        await leaveCluster(tx, id);
        await unlinkDocument(tx, id);
        this.clusters.forget(id);
        return true;
      });
    } catch (err) {
      this.clusters.reset();
      throw err;
    }
  }

  private async enrich(tx: Queryable, doc: PreparedDocument, stored: StoredDocument): Promise<void> {
    if (doc.status === 'quarantined' && doc.screen) await recordQuarantine(tx, stored.id, doc.screen, doc.contentHash);
    else if (stored.outcome === 'updated') await clearQuarantine(tx, stored.id);
    // A document new in this transaction is in no cluster yet: no need to ask the library.
    stored.cluster = await this.clusters.place(tx, doc, stored.id, stored.outcome === 'added' ? null : undefined);
    const links = await updateLinks(tx, doc, stored.id, stored.outcome);
    stored.linksAdded = links.added;
    stored.linksRemoved = links.removed;
    await this.attach(tx, doc, stored);
  }

  /** Keeps a page and its attachments one policy, whichever of them arrives first (migration 018). */
  private async attach(tx: Queryable, doc: PreparedDocument, stored: StoredDocument): Promise<void> {
    const attachments = attachmentLinksIn(doc.extra);
    // An updated page may have dropped its attachment list: replace it too.
    if (attachments || stored.outcome === 'updated') await replaceAttachmentLinks(tx, stored.id, attachments ?? []);
    if (attachments?.length || doc.url || stored.outcome === 'updated') await relinkAttachments(tx, stored.id);
  }
}

function result(doc: PreparedDocument, id: number, outcome: UpsertOutcome): StoredDocument {
  return {
    externalId: doc.externalId, id, outcome, status: doc.status ?? 'active', infoType: doc.infoType,
    linksAdded: 0, linksRemoved: 0,
  };
}
