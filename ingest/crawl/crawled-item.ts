import path from 'node:path';
import { attachmentToFeedItem, pageToFeedItem, type FeedItem } from '../feeds';
import type { CrawledPage } from './crawl-site';

export type CrawledItem =
  | { kind: 'item'; item: FeedItem }
  /** 404/410: the page is gone, its document should be withdrawn. */
  | { kind: 'gone' }
  | { kind: 'skip'; reason: string };

/**
 * A crawled response → what the ingest pipeline takes: HTML through the saved-page reader (decode with
 * the HTTP Content-Type as evidence, main content, information table), other files through the
 * attachment reader (PDF, DOCX, …; unreadable formats come back with their rejection reason).
 */
export async function crawledPageToItem(page: CrawledPage, defaultSite: string): Promise<CrawledItem> {
  if (page.status === 404 || page.status === 410) return { kind: 'gone' };
  if (page.status < 200 || page.status >= 300) return { kind: 'skip', reason: `HTTP ${page.status}` };
  if (page.noindex) return { kind: 'skip', reason: 'the page asks not to be indexed (meta robots noindex)' };
  const hint = { url: page.url, site: defaultSite };
  if (/html/i.test(page.contentType ?? 'text/html')) {
    const item = pageToFeedItem(page.bytes, page.url, {
      relativePath: page.url,
      defaultSite,
      hint,
      contentType: page.contentType ?? undefined,
    });
    return { kind: 'item', item };
  }
  const name = path.posix.basename(new URL(page.url).pathname) || 'download';
  const item = await attachmentToFeedItem(page.bytes, name, { relativePath: page.url, defaultSite });
  const document = item.document ? { ...item.document, externalId: page.url, url: page.url } : undefined;
  return {
    kind: 'item',
    item: { ...item, source: page.url, id: page.url, ...(document ? { document } : {}) },
  };
}
