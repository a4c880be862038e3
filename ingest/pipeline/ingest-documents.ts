/** Streams into the library through the Ingestor: any feed items, and JSONL document lines. */
import type { Db } from '../../library/store';
import { documentFromValue, DOCUMENT_FIELDS, renameFields } from '../feeds';
import type { FeedItem, JsonlLine } from '../feeds';
import { Ingestor, type IngestorOptions, type IngestStreamOptions } from './ingestor';
import type { IngestSummary } from './summary';

export interface IngestItemsOptions extends IngestorOptions, IngestStreamOptions {}

export interface IngestOptions extends IngestItemsOptions {
  /** Site code for records that carry none (e.g. the feed's file name). */
  defaultSite: string;
}

/**
 * Prepares, stores and (with an embedder) embeds every item; a bad item is rejected with where it came
 * from and why, and the rest still goes in. Idempotent: the same input twice adds nothing. One run of an
 * Ingestor made for the call (pass `writer` to share the near-duplicate index between calls).
 */
export async function ingestItems(db: Db, items: AsyncIterable<FeedItem>, options: IngestItemsOptions = {}): Promise<IngestSummary> {
  const ingestor = new Ingestor(db, options);
  await ingestor.ready();
  return ingestor.ingest(items, options);
}

/**
 * JSONL document lines (see ingest/feeds readJsonl) into the library. A bad line is rejected with
 * its line number and reason; the rest of the feed still goes in.
 */
export async function ingestDocumentLines(db: Db, lines: AsyncIterable<JsonlLine>, options: IngestOptions): Promise<IngestSummary> {
  async function* items(): AsyncGenerator<FeedItem> {
    for await (const line of lines) {
      const where = { source: '', lineNumber: line.lineNumber };
      if (line.error) {
        yield { ...where, error: line.error };
        continue;
      }
      const v = line.value;
      const renamed = v && typeof v === 'object' && !Array.isArray(v) ? renameFields(v as Record<string, unknown>, DOCUMENT_FIELDS) : v;
      yield documentFromValue(renamed, options.defaultSite, where);
    }
  }
  const summary = await ingestItems(db, items(), options);
  for (const r of summary.rejected) delete r.source;
  return summary;
}
