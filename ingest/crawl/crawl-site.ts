import { ZhiwenError } from '../../library/errors';
import type { Queryable } from '../../library/store';
import { decodeHtml } from '../decode';
import { resolveCrawlOptions, type CrawlOptions } from './crawl-options';
import {
  addToFrontier,
  crawlCounts,
  finishCrawl,
  markUrl,
  nextInFrontier,
  openCrawl,
  type CrawlCounts,
} from './crawl-store';
import { refusalOf } from './address-guard';
import { FetchFailure, fetchPage, RefusedAddress, type FetchedResponse } from './fetch-page';
import { extractLinks } from './links';
import { HostRateLimiter } from './rate-limiter';
import { ALLOW_ALL, parseRobots, type RobotsPolicy } from './robots';
import { parseSitemap } from './sitemap';
import { isSameSite, looksLikeAsset, normalizeUrl } from './url-scope';

/** A page as fetched: the bytes undecoded, with the headers (Content-Type) the decoder needs. */
export interface CrawledPage extends Omit<FetchedResponse, 'location'> {
  depth: number;
  fetchedAt: string;
  /** The page asked not to be indexed (<meta name="robots" content="noindex">). */
  noindex: boolean;
}

export type CrawlEvent =
  { type: 'skipped'; url: string; reason: string } | { type: 'failed'; url: string; reason: string };

export interface CrawlSummary {
  crawlId: number;
  /** URL states over the whole crawl, resumed runs included. */
  counts: CrawlCounts;
  /** Pages fetched by this run. */
  fetchedThisRun: number;
  /** URLs this run did not fetch because their address is internal (see address-guard), each with why. */
  refused: { url: string; reason: string }[];
  /** 'refused': the start URL's own address is refused, so nothing (not even robots.txt) was fetched. */
  stoppedBy: 'frontier-empty' | 'max-pages' | 'refused';
}

const MAX_SITEMAPS = 50;

/**
 * Crawls one site breadth first from a start page or a sitemap, politely (robots.txt, a per-host rate,
 * a timeout and a size cap), and yields every page it fetches. The frontier and seen set live in the
 * library, so calling it again with the same start URL (or key) continues the crawl. A page counts as
 * done once the consumer asks for the next one: a run stopped in between fetches that page again.
 */
export async function* crawlSite(
  db: Queryable,
  startUrl: string,
  options: CrawlOptions = {},
  onEvent: (event: CrawlEvent) => void = () => undefined,
): AsyncGenerator<CrawledPage, CrawlSummary, void> {
  const o = resolveCrawlOptions(options);
  const start = normalizeUrl(startUrl);
  if (!start)
    throw new ZhiwenError('BAD_START_URL', `cannot crawl "${startUrl}": give an http:// or https:// URL`);
  const { restart: _restart, productToken: _token, allowance: _allowance, ...saved } = o;
  const crawlId = await openCrawl(db, o.key ?? start, start, saved, o.restart);
  const limiter = new HostRateLimiter(1000 / o.requestsPerSecond);
  const host = new URL(start).host;
  const fetchPolitely = async (url: string) => {
    await limiter.wait(host);
    return fetchPage(url, o);
  };
  const refused: CrawlSummary['refused'] = [];
  let fetchedThisRun = 0;
  let robots: RobotsPolicy;
  try {
    robots = await loadRobots(start, o.productToken, fetchPolitely);
  } catch (err) {
    if (!(err instanceof RefusedAddress)) throw err;
    await addToFrontier(db, crawlId, [{ url: start, depth: 0 }]);
    await refuse(start, err.message);
    return finish('refused');
  }
  if (robots.crawlDelay !== null) limiter.setInterval(host, robots.crawlDelay * 1000);
  const inScope = (url: string) => isSameSite(url, start) && !looksLikeAsset(url);

  const before = await crawlCounts(db, crawlId);
  if (Object.values(before).every((n) => n === 0)) {
    const asSitemap = o.sitemap ?? new URL(start).pathname.toLowerCase().endsWith('.xml');
    const seeds = asSitemap ? await readSitemaps(start, fetchPolitely, robots, onEvent) : [start];
    await addToFrontier(
      db,
      crawlId,
      seeds.filter(inScope).map((url) => ({ url, depth: 0 })),
    );
  }

  let fetchedTotal = before.fetched;
  for (;;) {
    const batch = await nextInFrontier(db, crawlId, 20);
    if (batch.length === 0) break;
    for (const { url, depth } of batch) {
      if (fetchedTotal >= o.maxPages) return finish('max-pages');
      const { pathname, search } = new URL(url);
      if (!robots.isAllowed(pathname + search)) {
        await skip(url, 'disallowed by robots.txt');
        continue;
      }
      let res: FetchedResponse;
      try {
        res = await fetchPolitely(url);
      } catch (err) {
        if (err instanceof RefusedAddress) {
          await refuse(url, err.message);
          continue;
        }
        if (!(err instanceof FetchFailure)) throw err;
        await markUrl(db, crawlId, url, { state: 'failed', reason: err.message });
        onEvent({ type: 'failed', url, reason: err.message });
        continue;
      }
      if (res.location) {
        // The hop is fetched (and its address checked) as a frontier entry of its own; one to an
        // internal address is named as refused rather than merely off site.
        const target = normalizeUrl(res.location);
        const refusal = target ? refusalOf(target, o.allowance) : null;
        const follow = target !== null && refusal === null && inScope(target);
        if (follow) await addToFrontier(db, crawlId, [{ url: target, depth }]);
        if (refusal) refused.push({ url: target!, reason: refusal });
        const why = follow ? '' : refusal ? ` (not followed, ${refusal})` : ' (off site, not followed)';
        await skip(url, `redirects to ${res.location}${why}`, res.status);
        continue;
      }
      const { location: _location, ...page } = res;
      let noindex = false;
      if (res.status >= 200 && res.status < 300 && isHtml(res)) {
        const found = extractLinks(
          decodeHtml(res.bytes, { contentTypeHeader: res.contentType ?? undefined }).text,
          url,
        );
        noindex = found.noindex;
        if (!found.nofollow && depth < o.maxDepth) {
          await addToFrontier(
            db,
            crawlId,
            found.links.filter(inScope).map((link) => ({ url: link, depth: depth + 1 })),
          );
        }
      }
      yield { ...page, depth, fetchedAt: new Date().toISOString(), noindex };
      await markUrl(db, crawlId, url, { state: 'fetched', status: res.status, contentType: res.contentType });
      fetchedThisRun++;
      fetchedTotal++;
    }
  }
  await finishCrawl(db, crawlId);
  return finish('frontier-empty');

  async function skip(url: string, reason: string, status?: number) {
    await markUrl(db, crawlId, url, { state: 'skipped', reason, status });
    onEvent({ type: 'skipped', url, reason });
  }
  async function refuse(url: string, reason: string) {
    refused.push({ url, reason });
    await skip(url, reason);
  }
  async function finish(stoppedBy: CrawlSummary['stoppedBy']): Promise<CrawlSummary> {
    return { crawlId, counts: await crawlCounts(db, crawlId), fetchedThisRun, refused, stoppedBy };
  }
}

function isHtml(res: FetchedResponse): boolean {
  if (res.contentType) return /html/i.test(res.contentType);
  return /^\s*</.test(new TextDecoder('latin1').decode(res.bytes.subarray(0, 64)));
}

/** robots.txt: 2xx is obeyed, 4xx means no rules (RFC 9309); anything else stops the crawl. */
async function loadRobots(
  start: string,
  productToken: string,
  get: (url: string) => Promise<FetchedResponse>,
): Promise<RobotsPolicy> {
  const url = new URL('/robots.txt', start).toString();
  let res: FetchedResponse;
  try {
    res = await get(url);
  } catch (err) {
    if (err instanceof RefusedAddress) throw err;
    throw new ZhiwenError(
      'ROBOTS_UNREACHABLE',
      `cannot read ${url} (${(err as Error).message}): ` +
        'RFC 9309 treats the site as off limits until it answers; try again later',
    );
  }
  if (res.status >= 200 && res.status < 300)
    return parseRobots(new TextDecoder().decode(res.bytes), productToken);
  // 4xx: no robots.txt, no rules. A redirect we do not follow is treated the same.
  if (res.status >= 300 && res.status < 500) return ALLOW_ALL;
  throw new ZhiwenError(
    'ROBOTS_UNREACHABLE',
    `${url} answered HTTP ${res.status}: RFC 9309 treats the site as off limits ` +
      'until robots.txt answers; try again later',
  );
}

async function readSitemaps(
  start: string,
  get: (url: string) => Promise<FetchedResponse>,
  robots: RobotsPolicy,
  onEvent: (event: CrawlEvent) => void,
): Promise<string[]> {
  const pending = [start];
  const seen = new Set<string>();
  const urls: string[] = [];
  while (pending.length > 0 && seen.size < MAX_SITEMAPS) {
    const sitemap = pending.shift()!;
    if (seen.has(sitemap)) continue;
    seen.add(sitemap);
    try {
      const res = await get(sitemap);
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
      const parsed = parseSitemap(new TextDecoder().decode(res.bytes));
      for (const s of parsed.sitemaps) {
        const u = normalizeUrl(s, sitemap);
        if (u && isSameSite(u, start) && robots.isAllowed(new URL(u).pathname)) pending.push(u);
      }
      for (const p of parsed.urls) {
        const u = normalizeUrl(p, sitemap);
        if (u) urls.push(u);
      }
    } catch (err) {
      onEvent({ type: 'failed', url: sitemap, reason: `sitemap unreadable: ${(err as Error).message}` });
    }
  }
  return urls;
}
