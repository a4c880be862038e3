import type { Db } from '../../library/store';
import type { Ingestor } from '../pipeline';
import { crawlSite, type CrawlEvent, type CrawlSummary } from './crawl-site';
import type { CrawlOptions } from './crawl-options';
import { crawledPageToItem } from './crawled-item';

/** What the crawl did to the library, page by page. */
export interface CrawlTally {
  added: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  /** Pages that now answer 404/410: their documents were withdrawn. */
  withdrawn: number;
  notStored: number;
  /** Why pages were skipped, failed or not stored, with how many of each. */
  reasons: Map<string, number>;
}

export interface CrawlIntoLibraryOptions extends CrawlOptions {
  /** Names every page's site; default: the page's host, matched against the registered domains. */
  site?: string;
  /** Every skip, failure and page not stored, as it happens. */
  onEvent?: (event: CrawlEvent | { type: 'not stored'; url: string; reason: string }) => void;
  /** After each page handled. */
  onPage?: (fetched: number) => void;
}

/**
 * Crawls a site (resumable: see crawlSite) and hands every page to the Ingestor, one page at a time:
 * a page is stored, enriched and embedded before the next is fetched, so a crawl stopped in between
 * fetches at most that page again. HTML goes through the saved-page reader, other files through the
 * attachment reader; a page that now answers 404/410 withdraws its document.
 */
export async function crawlIntoLibrary(
  db: Db,
  ingestor: Ingestor,
  startUrl: string,
  options: CrawlIntoLibraryOptions = {},
): Promise<{ summary: CrawlSummary; tally: CrawlTally }> {
  const { site, onEvent, onPage, ...crawl } = options;
  const siteCode = site ?? new URL(startUrl).host;
  const tally: CrawlTally = { added: 0, updated: 0, unchanged: 0, quarantined: 0, withdrawn: 0, notStored: 0, reasons: new Map() };
  const note = (reason: string) => tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + 1);
  const notStored = (url: string, reason: string) => {
    tally.notStored++;
    note(`not stored: ${reason}`);
    onEvent?.({ type: 'not stored', url, reason });
  };
  const run = crawlSite(db, startUrl, crawl, (e) => {
    note(`${e.type}: ${e.reason.replace(/redirects to .*/, 'redirect').replace(/^refused: .*/, 'refused: internal address')}`);
    onEvent?.(e);
  });
  let pages = 0;
  for (;;) {
    const next = await run.next();
    if (next.done) return { summary: next.value, tally };
    const page = next.value;
    const outcome = await crawledPageToItem(page, siteCode);
    if (outcome.kind === 'gone') {
      if (await ingestor.withdraw(page.url)) tally.withdrawn++;
    } else if (outcome.kind === 'skip' || !outcome.item.document) {
      notStored(page.url, outcome.kind === 'skip' ? outcome.reason : (outcome.item.error ?? 'no document'));
    } else {
      const document = site ? { ...outcome.item.document, siteCode: site } : outcome.item.document;
      const done = await ingestor.ingestOne({ ...outcome.item, document });
      if (done.kind === 'rejected') notStored(page.url, done.rejection.reason);
      else if (done.kind === 'document') {
        tally[done.stored.outcome]++;
        if (done.stored.status === 'quarantined') tally.quarantined++;
      }
    }
    onPage?.(++pages);
  }
}
