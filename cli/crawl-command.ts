import { openLibrary } from '../library/store';
import { crawledPageToItem, crawlSite, type CrawlOptions, type CrawlSummary } from '../ingest/crawl';
import { ensureVectorIndex, openEmbedder } from '../library/embeddings';
import { embedDocumentChunks } from '../ingest/embed';
import { LibraryWriter, prepareDocument } from '../ingest/pipeline';
import type { ZhiwenConfig } from './config';
import { siteResolverFromEnv } from './sites-command';
import type { IngestSettings } from './ingest-settings';

export interface CrawlCommandOptions extends CrawlOptions {
  /** Site code for pages that name none; default the start URL's host. */
  site?: string;
  progress: boolean;
}

/**
 * `zhiwen crawl <url>`: crawls a site (resumable) and stores what it fetches through the ingest
 * pipeline: HTML pages via the saved-page reader (decode with the HTTP charset, main content),
 * attachments via the attachment reader; prepared, screened and stored with their enrichment.
 * A page that now answers 404/410 withdraws its document.
 */
export async function crawlCommand(
  startUrl: string,
  config: ZhiwenConfig,
  settings: IngestSettings,
  options: CrawlCommandOptions,
): Promise<CrawlSummary> {
  const db = await openLibrary(config.library);
  const embedder = await openEmbedder(settings.embedModel, { batchSize: settings.embedBatchSize });
  const writer = new LibraryWriter(db, { sites: siteResolverFromEnv(db) });
  const siteCode = options.site ?? new URL(startUrl).host;
  const tally = { added: 0, updated: 0, unchanged: 0, quarantined: 0, withdrawn: 0, notStored: 0 };
  const reasons = new Map<string, number>();
  const note = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  try {
    if (embedder.dimensions > 0) await ensureVectorIndex(db, embedder.id, embedder.dimensions);
    const run = crawlSite(db, startUrl, options, (e) => {
      note(`${e.type}: ${e.reason.replace(/redirects to .*/, 'redirect')}`);
      if (options.progress) console.error(`  ${e.type} ${e.url}: ${e.reason}`);
    });
    let fetched = 0;
    for (;;) {
      const next = await run.next();
      if (next.done) {
        printSummary(startUrl, next.value, tally, reasons);
        return next.value;
      }
      const page = next.value;
      const outcome = await crawledPageToItem(page, siteCode);
      if (outcome.kind === 'gone') {
        if (await writer.withdraw(page.url)) tally.withdrawn++;
      } else if (outcome.kind === 'skip' || !outcome.item.document) {
        tally.notStored++;
        note(`not stored: ${outcome.kind === 'skip' ? outcome.reason : outcome.item.error}`);
      } else {
        // --site names every page's site; without it the page's host is matched against registered domains.
        const document = options.site ? { ...outcome.item.document, siteCode: options.site } : outcome.item.document;
        const admitted = await writer.admitSite(await prepareDocument(document));
        if (typeof admitted === 'string') {
          tally.notStored++;
          note(`not stored: ${admitted}`);
          continue;
        }
        const [stored] = await writer.store([admitted]);
        tally[stored.outcome]++;
        if (stored.status === 'quarantined') tally.quarantined++;
        else await embedDocumentChunks(db, embedder, stored.id);
      }
      if (options.progress && ++fetched % 10 === 0) console.error(`${fetched} pages…`);
    }
  } finally {
    await embedder.close();
    await db.close();
  }
}

function printSummary(
  startUrl: string,
  s: CrawlSummary,
  tally: Record<string, number>,
  reasons: Map<string, number>,
): void {
  console.log(
    `crawl ${startUrl}: fetched ${s.fetchedThisRun} pages this run (${s.counts.fetched} in all), ` +
      `${s.counts.queued} still queued, stopped: ${s.stoppedBy}`,
  );
  console.log(
    `  documents: added ${tally.added}, updated ${tally.updated}, unchanged ${tally.unchanged}, ` +
      `quarantined ${tally.quarantined}, withdrawn ${tally.withdrawn}, pages not stored ${tally.notStored}`,
  );
  for (const [reason, n] of reasons) console.log(`  ${n} × ${reason}`);
  if (s.fetchedThisRun === 0 && s.counts.queued === 0) {
    console.log('  this crawl had already finished: --restart crawls the site again');
  }
}
