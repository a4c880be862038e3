/**
 * What every CLI ingest entry point (`ingest`, `enqueue`, `worker`, `crawl`) runs on: the library, the
 * configured embedder, and one Ingestor over them. Entry points choose only the source of the items
 * and what runs them (a stream here, BullMQ jobs, the in-process queue, the crawler).
 */
import { openEmbedder, type Embedder } from '../library/embeddings';
import { openLibrary, type Db } from '../library/store';
import { Ingestor, type QaStoreOptions } from '../ingest/pipeline';
import type { ZhiwenConfig } from './config';
import type { IngestSettings } from './ingest-settings';
import { siteResolverFromEnv } from './sites-command';

/** The embedding model ingest stamps vectors with (ZHIWEN_EMBED_*); `none` (no vectors) when unset. */
export function openConfiguredEmbedder(settings: IngestSettings): Promise<Embedder> {
  return openEmbedder(settings.embedModel, { batchSize: settings.embedBatchSize });
}

export interface IngestRuntime {
  db: Db;
  embedder: Embedder;
  ingestor: Ingestor;
  /** Closes the embedder and the library. */
  close(): Promise<void>;
}

/**
 * Opens the library and the embedder and checks, before any item, that the embedding stage can run
 * (a model configured on a PostgreSQL without pgvector fails here, saying what to install).
 */
export async function openIngestRuntime(
  config: ZhiwenConfig,
  settings: IngestSettings,
  options: { defaultSite?: string; batchSize?: number; qa?: QaStoreOptions } = {},
): Promise<IngestRuntime> {
  const db = await openLibrary(config.library);
  let embedder: Embedder | null = null;
  try {
    embedder = await openConfiguredEmbedder(settings);
    const ingestor = new Ingestor(db, {
      sites: siteResolverFromEnv(db, options.defaultSite),
      embedder,
      batchSize: options.batchSize,
      qa: options.qa,
    });
    await ingestor.ready();
    const opened = embedder;
    return {
      db,
      embedder,
      ingestor,
      async close() {
        await opened.close();
        await db.close();
      },
    };
  } catch (err) {
    await embedder?.close();
    await db.close();
    throw err;
  }
}
