import { crawlIntoLibrary, type CrawlOptions, type CrawlSummary, type CrawlTally } from '../ingest/crawl';
import type { ZhiwenConfig } from './config';
import type { IngestSettings } from './ingest-settings';
import { openIngestRuntime } from './ingest-runtime';

export interface CrawlCommandOptions extends CrawlOptions {
  /** Site code for pages that name none; default the start URL's host. */
  site?: string;
  progress: boolean;
}

/**
 * `zhiwen crawl <url>`: crawls a site (resumable) and stores what it fetches through the Ingestor
 * (ingest/crawl crawlIntoLibrary): HTML pages via the saved-page reader, attachments via the
 * attachment reader; prepared, stored with their enrichment and embedded when a model is configured.
 * A page that now answers 404/410 withdraws its document.
 */
export async function crawlCommand(
  startUrl: string,
  config: ZhiwenConfig,
  settings: IngestSettings,
  options: CrawlCommandOptions,
): Promise<CrawlSummary> {
  const { progress, ...crawl } = options;
  const runtime = await openIngestRuntime(config, settings);
  try {
    const { summary, tally } = await crawlIntoLibrary(runtime.db, runtime.ingestor, startUrl, {
      ...crawl,
      allowHosts: [...(settings.crawlAllowHosts ?? []), ...(crawl.allowHosts ?? [])],
      onEvent: (e) => {
        if (progress) console.error(`  ${e.type} ${e.url}: ${e.reason}`);
      },
      onPage: (n) => {
        if (progress && n % 10 === 0) console.error(`${n} pages…`);
      },
    });
    printSummary(startUrl, summary, tally);
    return summary;
  } finally {
    await runtime.close();
  }
}

function printSummary(startUrl: string, s: CrawlSummary, tally: CrawlTally): void {
  console.log(
    `crawl ${startUrl}: fetched ${s.fetchedThisRun} pages this run (${s.counts.fetched} in all), ` +
      `${s.counts.queued} still queued, stopped: ${s.stoppedBy}`,
  );
  console.log(
    `  documents: added ${tally.added}, updated ${tally.updated}, unchanged ${tally.unchanged}, ` +
      `quarantined ${tally.quarantined}, withdrawn ${tally.withdrawn}, pages not stored ${tally.notStored}`,
  );
  for (const [reason, n] of tally.reasons) console.log(`  ${n} × ${reason}`);
  for (const { url, reason } of s.refused) console.log(`  ${url}: ${reason}`);
  if (s.fetchedThisRun === 0 && s.counts.queued === 0 && s.stoppedBy !== 'refused') {
    console.log('  this crawl had already finished: --restart crawls the site again');
  }
}
