/**
 * robots.txt as RFC 9309 reads it: groups per user agent (ours by product token, else "*"), Allow and
 * Disallow with `*` and `$`, the longest matching rule wins and Allow wins a tie; plus Crawl-delay and
 * Sitemap, which the RFC leaves out but government sites use.
 */
export interface RobotsPolicy {
  /** Whether our agent may fetch this path (with its query string), e.g. "/xxgk/index.html?page=2". */
  isAllowed(pathAndQuery: string): boolean;
  /** Seconds to wait between requests, when the matched group says so. */
  crawlDelay: number | null;
  sitemaps: string[];
}

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | null;
}

/** Everyone may fetch everything: what a missing (4xx) robots.txt means. */
export const ALLOW_ALL: RobotsPolicy = { isAllowed: () => true, crawlDelay: null, sitemaps: [] };
/** Nothing may be fetched: what an unreachable (5xx) robots.txt means, per RFC 9309 §2.3.1.3. */
export const DISALLOW_ALL: RobotsPolicy = { isAllowed: () => false, crawlDelay: null, sitemaps: [] };

/** `productToken` is the name our User-Agent starts with, e.g. "ZhiwenBot" (matched case-insensitively). */
export function parseRobots(text: string, productToken: string): RobotsPolicy {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
    } else if (current && (key === 'allow' || key === 'disallow')) {
      // An empty Disallow allows everything: it adds no rule.
      if (value) current.rules.push({ allow: key === 'allow', pattern: value, regex: patternToRegex(value) });
    } else if (current && key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }
  const token = productToken.toLowerCase();
  let matched = groups.filter((g) => g.agents.includes(token));
  if (matched.length === 0) matched = groups.filter((g) => g.agents.includes('*'));
  const rules = matched.flatMap((g) => g.rules);
  const delays = matched.map((g) => g.crawlDelay).filter((d): d is number => d !== null);
  return {
    crawlDelay: delays.length ? Math.max(...delays) : null,
    sitemaps,
    isAllowed(pathAndQuery: string): boolean {
      const target = normalizePath(pathAndQuery);
      if (target === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!rule.regex.test(target)) continue;
        if (
          !best ||
          rule.pattern.length > best.pattern.length ||
          (rule.pattern.length === best.pattern.length && rule.allow)
        ) {
          best = rule;
        }
      }
      return best ? best.allow : true;
    },
  };
}

/** `*` matches any run of characters, a final `$` anchors the end; everything else is literal. */
function patternToRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = normalizePath(anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encodes what is not ASCII and upper-cases escapes, so "/政务" and "/%e6%94%bf%e5%8a%a1" compare equal. */
function normalizePath(p: string): string {
  let out = '';
  for (const part of p.split(/(%[0-9A-Fa-f]{2})/)) {
    out += /^%[0-9A-Fa-f]{2}$/.test(part) ? part.toUpperCase() : encodeURI(part).replace(/%25/g, '%');
  }
  return out;
}
