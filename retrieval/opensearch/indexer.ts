import { readIndexFeed, type IndexFeedDocument } from '../../library/documents';
import { zhiwenError } from '../../library/errors';
import type { Queryable } from '../../library/store/db';
import type { OpenSearchClient } from './client';
import { bulkLines } from './documents';
import { currentStamp, indexBody, OPENSEARCH_SCHEMA_VERSION, type IndexStamp } from './mapping';

export interface OpenSearchIndexerOptions {
  /** The alias searches read (and the prefix of the concrete indices behind it). Default `zhiwen-documents`. */
  alias?: string;
  /** Feed changes read and sent per bulk request. Default 500 (a bulk body of a few MB). */
  batchSize?: number;
  shards?: number;
  replicas?: number;
}

interface AliasTarget {
  index: string;
  stamp: IndexStamp;
}

/**
 * Keeps an OpenSearch index in step with the library's change feed (library/documents readIndexFeed),
 * as LibraryReplica does for the in-memory index. The feed position is stored in the index's own
 * mapping `_meta`, so it travels with the index: a rebuilt index starts from 0 and a restarted indexer
 * resumes where the index stands. Searches read an alias; `rebuild` fills a fresh index and swaps the
 * alias in one atomic call, so searches never see a half-built index.
 */
export class OpenSearchIndexer {
  readonly alias: string;
  private readonly batchSize: number;
  private syncing: Promise<number> | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly client: OpenSearchClient,
    private readonly options: OpenSearchIndexerOptions = {},
  ) {
    this.alias = options.alias ?? 'zhiwen-documents';
    this.batchSize = options.batchSize ?? 500;
  }

  /** Applies every library change since the index's position (creating index and alias the first time); returns how many documents changed. */
  sync(): Promise<number> {
    this.syncing ??= this.runSync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** Fills a new index from the start of the feed, then points the alias at it and drops the old one; returns the new index's name. */
  async rebuild(): Promise<string> {
    const previous = await this.target();
    const index = await this.createIndex();
    await this.fill(index, 0);
    const actions: object[] = [{ add: { index, alias: this.alias } }];
    if (previous) actions.unshift({ remove: { index: previous.index, alias: this.alias } });
    await this.client.request('POST', '/_aliases', { actions });
    if (previous) await this.client.request('DELETE', `/${encodeURIComponent(previous.index)}`, undefined, [404]);
    return index;
  }

  /** The index behind the alias and its stamp, or null before the first sync. */
  async target(): Promise<AliasTarget | null> {
    const res = await this.client.request<Record<string, { mappings: { _meta?: IndexStamp } }>>(
      'GET', `/${encodeURIComponent(this.alias)}/_mapping`, undefined, [404],
    );
    if (res.status === 404) return null;
    const [index, body] = Object.entries(res.body)[0];
    return { index, stamp: body.mappings._meta ?? currentStamp(0) };
  }

  private async runSync(): Promise<number> {
    const target = await this.target();
    if (!target) {
      const index = await this.createIndex();
      await this.client.request('POST', '/_aliases', { actions: [{ add: { index, alias: this.alias } }] });
      return this.fill(index, 0);
    }
    if (!isCurrentStamp(target.stamp)) {
      // Tokens from another analyzer would never match the queries': rebuild beside it, then swap.
      await this.rebuild();
      return -1;
    }
    return this.fill(target.index, target.stamp.appliedSeq);
  }

  /**
   * The index searches read, created empty the first time, rebuilt (and swapped) when its stamp is
   * another schema's or analyzer's. What a write job applies to (feed-jobs.ts).
   */
  async ensureTarget(): Promise<AliasTarget> {
    const target = await this.target();
    if (target && isCurrentStamp(target.stamp)) return target;
    if (target) await this.rebuild();
    else {
      const index = await this.createIndex();
      await this.client.request('POST', '/_aliases', { actions: [{ add: { index, alias: this.alias } }] });
    }
    return (await this.target())!;
  }

  /**
   * Applies the library's changes after `after` up to at least `upTo` (a write job): the documents'
   * current states from the library, each at its change_seq as external version, so a repeated, late
   * or out-of-order job writes nothing older than what the index holds. The recorded position moves
   * forward only, and only when the index already held everything up to `after`: a lost job leaves
   * the position where it was, and the follower enqueues that range again. Returns the documents sent.
   */
  async applyRange(after: number, upTo: number): Promise<number> {
    const { index } = await this.ensureTarget();
    let seq = after;
    let changed = 0;
    while (seq < upTo) {
      const batch = await readIndexFeed(this.db, seq, this.batchSize);
      if (batch.length === 0) break;
      await this.write(index, batch);
      seq = batch.at(-1)!.changeSeq;
      changed += batch.length;
    }
    if (changed) await this.client.request('POST', `/${encodeURIComponent(index)}/_refresh`);
    // Read just before writing: the position only advances, and never over a gap.
    const held = (await this.target())?.stamp.appliedSeq ?? 0;
    if (after <= held && seq > held) await this.client.request('PUT', `/${encodeURIComponent(index)}/_mapping`, { _meta: currentStamp(seq) });
    return changed;
  }

  /** Sends the feed after `fromSeq` to `index` in bulk batches, recording the position after each; returns the documents sent. */
  private async fill(index: string, fromSeq: number): Promise<number> {
    let seq = fromSeq;
    let changed = 0;
    for (;;) {
      const batch = await readIndexFeed(this.db, seq, this.batchSize);
      if (batch.length === 0) break;
      await this.write(index, batch);
      seq = batch.at(-1)!.changeSeq;
      changed += batch.length;
      await this.client.request('PUT', `/${encodeURIComponent(index)}/_mapping`, { _meta: currentStamp(seq) });
    }
    if (changed) await this.client.request('POST', `/${encodeURIComponent(index)}/_refresh`);
    return changed;
  }

  /** One bulk request; a version conflict means the index already holds that state or a newer one. */
  private async write(index: string, batch: readonly IndexFeedDocument[]): Promise<void> {
    const result = await this.client.bulk(bulkLines(index, batch));
    if (!result.errors) return;
    // 409: this index already holds a newer version (a repeated batch); 404: deleting what was never indexed.
    const failed = result.items.map((item) => Object.values(item)[0]).filter((i) => i.status !== 409 && i.status !== 404 && i.status >= 300);
    if (failed.length) throw zhiwenError('SEARCH_BACKEND_FAILED', `bulk into ${index}`, failed[0].status, `${failed.length} of ${batch.length} writes failed, first: ${failed[0].error?.reason}`);
  }

  private async createIndex(): Promise<string> {
    const index = `${this.alias}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    await this.client.request('PUT', `/${encodeURIComponent(index)}`, indexBody(this.options));
    return index;
  }

  /** Removes the alias and every index behind it (tests, and an operator starting over). */
  async drop(): Promise<void> {
    await this.client.request('DELETE', `/${encodeURIComponent(this.alias)}-*`, undefined, [404]);
  }
}

const isCurrentStamp = (stamp: IndexStamp): boolean =>
  stamp.schemaVersion === OPENSEARCH_SCHEMA_VERSION && stamp.analyzerVersion === currentStamp(0).analyzerVersion;
