import { ZhiwenError } from '../../library/errors';
import { parseAllowance, type HostAllowance } from './address-guard';

/** Settings of one crawl. Defaults are merged and checked here, once. */
export interface CrawlOptions {
  /**
   * User-Agent header; its first word (before "/") is the product token robots.txt groups are matched
   * against. Default "ZhiwenBot/0.1 (+zhiwen site search)".
   */
  userAgent?: string;
  /** Pages fetched in all (across resumed runs) before the crawl stops; default 1000, range 1–10,000,000. */
  maxPages?: number;
  /** Link hops from the start URL (sitemap entries are depth 0); default 20, range 0–1000. */
  maxDepth?: number;
  /**
   * Requests per second to the site; default 1, range 0.01–50. A robots.txt Crawl-delay that asks for
   * slower wins; one that asks for faster is ignored.
   */
  requestsPerSecond?: number;
  /** Whole request, body included, in ms; default 15,000, range 100–300,000. */
  timeoutMs?: number;
  /** Largest page accepted, in bytes; default 10 MiB, range 1 KiB–1 GiB. Larger pages are skipped with a reason. */
  maxBytes?: number;
  /** Name under which the frontier is saved; default the normalised start URL. Same key = resumed crawl. */
  key?: string;
  /** Forget the saved frontier and seen set and start over. */
  restart?: boolean;
  /** Treat the start URL as a sitemap (automatic when its path ends in .xml). */
  sitemap?: boolean;
  /**
   * Internal hosts the crawler may fetch although they are loopback, private, link-local or metadata
   * addresses (refused by default): host names ("intranet.example.gov.cn"), IP addresses and CIDR
   * ranges ("10.0.0.0/8"). A name is trusted whatever it resolves to; an address or range also lets
   * through every name resolving into it. The CLI takes ZHIWEN_CRAWL_ALLOW_HOSTS and --allow-host.
   */
  allowHosts?: string[];
}

export type ResolvedCrawlOptions = Required<Omit<CrawlOptions, 'key' | 'sitemap'>> & {
  key?: string;
  sitemap?: boolean;
  productToken: string;
  /** `allowHosts`, parsed once. */
  allowance: HostAllowance;
};

const DEFAULTS = {
  userAgent: 'ZhiwenBot/0.1 (+zhiwen site search)',
  maxPages: 1000,
  maxDepth: 20,
  requestsPerSecond: 1,
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  restart: false,
  allowHosts: [] as string[],
};

function inRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ZhiwenError(
      'BAD_CRAWL_OPTION',
      `crawl option ${name} must be from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

export function resolveCrawlOptions(options: CrawlOptions = {}): ResolvedCrawlOptions {
  const o = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as typeof DEFAULTS & CrawlOptions;
  const productToken = o.userAgent.split(/[/\s]/)[0];
  if (!productToken)
    throw new ZhiwenError(
      'BAD_CRAWL_OPTION',
      `crawl userAgent "${o.userAgent}" needs a product token, e.g. "ZhiwenBot/1.0"`,
    );
  let allowance: HostAllowance;
  try {
    allowance = parseAllowance(o.allowHosts);
  } catch (err) {
    throw new ZhiwenError('BAD_CRAWL_OPTION', `crawl option allowHosts: ${(err as Error).message}`);
  }
  return {
    ...o,
    productToken,
    allowance,
    maxPages: Math.floor(inRange('maxPages', o.maxPages, 1, 10_000_000)),
    maxDepth: Math.floor(inRange('maxDepth', o.maxDepth, 0, 1000)),
    requestsPerSecond: inRange('requestsPerSecond', o.requestsPerSecond, 0.01, 50),
    timeoutMs: inRange('timeoutMs', o.timeoutMs, 100, 300_000),
    maxBytes: inRange('maxBytes', o.maxBytes, 1024, 1024 ** 3),
  };
}
