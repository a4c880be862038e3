/** Crawling a live site politely and resumably; pages come out undecoded with their Content-Type. */
export { crawlSite } from './crawl-site';
export type { CrawledPage, CrawlEvent, CrawlSummary } from './crawl-site';
export { resolveCrawlOptions } from './crawl-options';
export type { CrawlOptions, ResolvedCrawlOptions } from './crawl-options';
export { crawlCounts } from './crawl-store';
export type { CrawlCounts, CrawlUrlState } from './crawl-store';
export { parseRobots, ALLOW_ALL, DISALLOW_ALL } from './robots';
export type { RobotsPolicy } from './robots';
export { parseSitemap } from './sitemap';
export { extractLinks } from './links';
export type { PageLinks } from './links';
export { fetchPage, FetchFailure } from './fetch-page';
export type { FetchedResponse, FetchOptions } from './fetch-page';
export { HostRateLimiter } from './rate-limiter';
export { normalizeUrl, isSameSite } from './url-scope';
export { crawledPageToItem } from './crawled-item';
export type { CrawledItem } from './crawled-item';
