import { describe, expect, it } from 'vitest';
import { extractLinks } from './links';
import { HostRateLimiter } from './rate-limiter';
import { parseRobots } from './robots';
import { parseSitemap } from './sitemap';
import { isSameSite, normalizeUrl } from './url-scope';

describe('robots.txt', () => {
  const robots = [
    'User-agent: *',
    'Disallow: /',
    '',
    '# our group',
    'User-agent: SomeOtherBot',
    'User-agent: zhiwenbot',
    'Disallow: /private/',
    'Allow: /private/open',
    'Disallow: /*.php$',
    'Disallow: /search?',
    'Disallow: /政务/内部',
    'Disallow:',
    'Crawl-delay: 2.5',
    'Sitemap: https://www.example.gov.cn/sitemap.xml',
  ].join('\n');
  const policy = parseRobots(robots, 'ZhiwenBot');

  it('uses the group naming our product token, case-insensitively, over *', () => {
    expect(policy.isAllowed('/index.html')).toBe(true);
    expect(parseRobots(robots, 'OtherCrawler').isAllowed('/index.html')).toBe(false);
  });
  it('lets the longest matching rule win, Allow on a tie', () => {
    expect(policy.isAllowed('/private/report.html')).toBe(false);
    expect(policy.isAllowed('/private/open-data.html')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /a\nAllow: /a', 'x').isAllowed('/a/b')).toBe(true);
  });
  it('understands * and $ and query strings', () => {
    expect(policy.isAllowed('/cms/list.php')).toBe(false);
    expect(policy.isAllowed('/cms/list.php?id=1')).toBe(true);
    expect(policy.isAllowed('/search?q=社保')).toBe(false);
    expect(policy.isAllowed('/searching.html')).toBe(true);
  });
  it('compares non-ASCII paths in their percent-encoded form', () => {
    expect(policy.isAllowed(new URL('https://x.gov.cn/政务/内部/1.html').pathname)).toBe(false);
    expect(policy.isAllowed('/政务/公开/1.html')).toBe(true);
  });
  it('reads Crawl-delay and Sitemap, and always allows /robots.txt', () => {
    expect(policy.crawlDelay).toBe(2.5);
    expect(policy.sitemaps).toEqual(['https://www.example.gov.cn/sitemap.xml']);
    expect(parseRobots('User-agent: *\nDisallow: /', 'x').isAllowed('/robots.txt')).toBe(true);
    expect(parseRobots('', 'x').isAllowed('/anything')).toBe(true);
  });
});

describe('links and scope', () => {
  it('resolves links against <base>, decodes entities, drops fragments, scripts and mail', () => {
    const html = `<html><head><base href="https://www.example.gov.cn/xxgk/"></head><body>
      <a href="zcwj/1.html#top">一</a><a class="x" href='/bsfw/list.html?a=1&amp;b=2'>二</a>
      <a href=../about.html>三</a><a href="javascript:void(0)">四</a><a href="mailto:a@b.cn">五</a>
      <!-- <a href="/commented.html">x</a> --><area href="zcwj/1.html"><a name="anchor">六</a></body></html>`;
    expect(extractLinks(html, 'https://www.example.gov.cn/index.html')).toEqual({
      links: [
        'https://www.example.gov.cn/xxgk/zcwj/1.html',
        'https://www.example.gov.cn/bsfw/list.html?a=1&b=2',
        'https://www.example.gov.cn/about.html',
      ],
      nofollow: false,
      noindex: false,
    });
  });
  it('reads meta robots nofollow and noindex', () => {
    const found = extractLinks(
      '<meta name="ROBOTS" content="noindex, nofollow"><a href="/a">a</a>',
      'http://h/',
    );
    expect([found.nofollow, found.noindex]).toEqual([true, true]);
  });
  it('treats www and bare host, http and https as one site, other hosts and ports as others', () => {
    expect(isSameSite('https://example.gov.cn/a', 'http://www.example.gov.cn/')).toBe(true);
    expect(isSameSite('https://rsj.example.gov.cn/a', 'http://www.example.gov.cn/')).toBe(false);
    expect(isSameSite('http://127.0.0.1:8081/', 'http://127.0.0.1:8080/')).toBe(false);
    expect(normalizeUrl('ftp://x/y')).toBeNull();
  });
});

describe('sitemaps', () => {
  it('reads a urlset and a sitemap index', () => {
    expect(
      parseSitemap(
        '<urlset><url><loc> https://x.cn/a?b=1&amp;c=2 </loc></url><url><loc><![CDATA[https://x.cn/b]]></loc></url></urlset>',
      ),
    ).toEqual({ urls: ['https://x.cn/a?b=1&c=2', 'https://x.cn/b'], sitemaps: [] });
    expect(
      parseSitemap(
        '<?xml version="1.0"?><sitemapindex><sitemap><loc>https://x.cn/s1.xml</loc></sitemap></sitemapindex>',
      ),
    ).toEqual({ urls: [], sitemaps: ['https://x.cn/s1.xml'] });
  });
});

describe('HostRateLimiter', () => {
  it('spaces requests per host by the interval, a slower Crawl-delay winning', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new HostRateLimiter(500, {
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    await limiter.wait('a');
    await limiter.wait('a');
    await limiter.wait('b');
    limiter.setInterval('a', 2000);
    limiter.setInterval('b', 100);
    await limiter.wait('a');
    await limiter.wait('b');
    await limiter.wait('b');
    expect(slept).toEqual([500, 500, 500]);
    expect(limiter.intervalFor('b')).toBe(500);
    expect(limiter.intervalFor('a')).toBe(2000);
  });
});
