/**
 * The one ingest path. Every entry point (`zhiwen ingest`, the job worker, the crawler, the service
 * that holds an embedded library) hands its items to an Ingestor; they choose only where items come
 * from and what runs them. Three stages, in this order:
 *   1. prepare: validate, normalise, screen, classify, chunk (prepareDocument), and name the site;
 *   2. store and enrich: one transaction per batch (LibraryWriter: documents, quarantine, repost
 *      clusters, interpretation links);
 *   3. embed: the stored active documents' chunks, when an embedder is configured (else skipped).
 * Q&A pairs become knowledge-base entries instead (qa-to-entries.ts). Idempotent: an item stored
 * twice is stored once, and a document whose vectors are missing gets them on the next pass.
 */
import type { Embedder } from '../../library/embeddings';
import type { PreparedDocument } from '../../library/documents';
import { InvalidRecordError } from '../../library/errors';
import type { SiteResolver } from '../../library/sites';
import type { Db } from '../../library/store';
import { embedStep, type EmbedStep } from '../embed';
import type { FeedItem } from '../feeds';
import { groupCommit } from './group-commit';
import { LibraryWriter, type StoredDocument } from './library-writer';
import { prepareDocument, type PrepareOptions } from './prepare';
import { storeQaPair, type QaStoreOptions, type StoredQa } from './qa-to-entries';
import { account, accountQa, emptySummary, type IngestSummary, type Rejection } from './summary';

export interface IngestorOptions {
  /**
   * Names each document's site by the registry (a registered code or domain, else the default site); a
   * document it cannot name is rejected. Default none: codes are stored as given (tests, the sample).
   */
  sites?: SiteResolver;
  /** SimHash bits two reposts may differ in. Default ingest/dedup's DEFAULT_MAX_DISTANCE (10). */
  maxDistance?: number;
  /** A writer to share (its near-duplicate index loads once); default a new one with `sites` and `maxDistance`. */
  writer?: LibraryWriter;
  /** The embedding stage's model; default none: no vectors, the stage is skipped. The caller closes it. */
  embedder?: Embedder;
  prepare?: PrepareOptions;
  /** How Q&A pairs become entries (publish without review, or drafts); an item's own flag wins. */
  qa?: QaStoreOptions;
  /**
   * Documents stored (and embedded) per transaction, for a stream and for concurrent single items
   * alike. Default 64: larger batches add little on PGlite (see evals/bench/ingest-bench.ts). 1–1000.
   */
  batchSize?: number;
}

/** What became of one item. */
export type ItemOutcome =
  | { kind: 'document'; stored: StoredDocument; prepared: PreparedDocument }
  | { kind: 'qa'; stored: StoredQa }
  /** The item can never be stored as it is (bad record, unregistered site): do not retry it. */
  | { kind: 'rejected'; rejection: Rejection };

export interface IngestStreamOptions {
  /** Called after each stored batch and each rejection with the number of items processed so far. */
  onProgress?: (processed: number) => void;
}

const DEFAULT_BATCH = 64;

export class Ingestor {
  readonly writer: LibraryWriter;
  private readonly embedding: EmbedStep;
  private readonly batchSize: number;
  private readonly storeConcurrently: (doc: PreparedDocument) => Promise<StoredDocument>;

  constructor(private readonly db: Db, private readonly options: IngestorOptions = {}) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > 1000) {
      throw new RangeError(`ingest batchSize must be an integer from 1 to 1000, got ${options.batchSize}`);
    }
    this.writer = options.writer ?? new LibraryWriter(db, { sites: options.sites, maxDistance: options.maxDistance });
    this.embedding = embedStep(db, options.embedder);
    // Two versions of one document never share a transaction: they are stored one after the other.
    this.storeConcurrently = groupCommit(async (docs) => this.storeBatch(docs), {
      maxBatch: this.batchSize,
      keyOf: (d) => d.externalId,
    });
  }

  /** The embedding model vectors are stamped with; null when the stage is skipped. */
  get embeddingModel(): string | null {
    return this.embedding.model;
  }

  /** Checks, before the first item, that the embedding stage can run (the model's index; pgvector). */
  ready(): Promise<void> {
    return this.embedding.ready();
  }

  /**
   * One item, through every stage; resolves once it is stored and embedded. Concurrent calls (a
   * worker's jobs) share transactions and embedding calls: the first runs alone, those arriving while
   * it runs go together in the next batch.
   */
  async ingestOne(item: FeedItem, qa: QaStoreOptions = {}): Promise<ItemOutcome> {
    if (item.qa && !item.error) return this.storeQa(item, { ...this.options.qa, ...qa });
    const prepared = await this.prepare(item);
    if (prepared.kind === 'rejected') return prepared;
    return { kind: 'document', stored: await this.storeConcurrently(prepared.document), prepared: prepared.document };
  }

  /**
   * A stream of items, in batches of `batchSize` documents. A bad item is rejected with where it came
   * from and why, and the rest still goes in.
   */
  async ingest(items: AsyncIterable<FeedItem>, options: IngestStreamOptions = {}): Promise<IngestSummary> {
    const summary = emptySummary();
    let processed = 0;
    let batch: PreparedDocument[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const stored = await this.storeBatch(batch);
      stored.forEach((s, i) => account(summary, s, batch[i]));
      processed += batch.length;
      batch = [];
      options.onProgress?.(processed);
    };
    for await (const item of items) {
      const outcome = item.qa && !item.error ? await this.storeQa(item, this.options.qa) : await this.prepare(item);
      if (outcome.kind === 'prepared') {
        batch.push(outcome.document);
        if (batch.length >= this.batchSize) await flush();
        continue;
      }
      if (outcome.kind === 'qa') accountQa(summary.qa, outcome.stored);
      else summary.rejected.push(outcome.rejection);
      processed++;
      options.onProgress?.(processed + batch.length);
    }
    await flush();
    return summary;
  }

  /** Withdraws a document (kept for audit, out of search) with its cluster place and links. */
  withdraw(externalId: string): Promise<boolean> {
    return this.writer.withdraw(externalId);
  }

  /** Stage 1: the document as the library stores it, under its registered site, or why it cannot be stored. */
  private async prepare(item: FeedItem): Promise<{ kind: 'prepared'; document: PreparedDocument } | Extract<ItemOutcome, { kind: 'rejected' }>> {
    const rejected = (reason: string) => ({
      kind: 'rejected' as const,
      rejection: { source: item.source, lineNumber: item.lineNumber, id: item.id, reason },
    });
    if (item.error || !item.document) return rejected(item.error ?? 'no document');
    let prepared: PreparedDocument;
    try {
      prepared = prepareDocument(item.document, this.options.prepare);
    } catch (err) {
      return rejected(`cannot prepare the document (${(err as Error).message}); report it with the record`);
    }
    const admitted = await this.writer.admitSite(prepared);
    return typeof admitted === 'string' ? rejected(admitted) : { kind: 'prepared', document: admitted };
  }

  /** Stages 2 and 3 for a batch: stored with enrichment in one transaction, then the active ones embedded. */
  private async storeBatch(docs: PreparedDocument[]): Promise<StoredDocument[]> {
    const stored = await this.writer.store(docs);
    const active = stored.filter((s) => s.status === 'active').map((s) => s.id);
    try {
      await this.embedding.embed(active);
    } catch (err) {
      throw new Error(
        `embedding ${active.length} stored documents with ${this.embedding.model} failed (${(err as Error).message}): ` +
          'they are stored and searchable lexically; ingest them again or run `zhiwen reembed` to add their vectors',
        { cause: err },
      );
    }
    return stored;
  }

  private async storeQa(item: FeedItem, qa: QaStoreOptions = {}): Promise<Extract<ItemOutcome, { kind: 'qa' | 'rejected' }>> {
    try {
      return { kind: 'qa', stored: await storeQaPair(this.db, this.writer, item.qa!, item, qa) };
    } catch (err) {
      if (!(err instanceof InvalidRecordError)) throw err;
      return { kind: 'rejected', rejection: { source: item.source, lineNumber: item.lineNumber, id: item.id, reason: err.message } };
    }
  }
}
