import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../library/store';
import { blockedRange, parseAllowance } from './address-guard';
import { crawlSite, type CrawlEvent, type CrawlSummary } from './crawl-site';
import { fetchPage, RefusedAddress } from './fetch-page';

describe('blockedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.2.3.4', 'private (RFC 1918)'],
    ['172.31.255.255', 'private (RFC 1918)'],
    ['192.168.0.1', 'private (RFC 1918)'],
    ['::ffff:192.168.0.1', 'private (RFC 1918)'],
    ['fc00::1', 'private (unique local)'],
    ['fdab::1', 'private (unique local)'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT (RFC 6598)'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['0.0.0.0', 'unspecified ("this network")'],
    ['::', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved or broadcast'],
    ['64:ff9b::a00:1', 'private (RFC 1918)'],
    ['2002:7f00:1::', 'loopback'],
  ])('refuses %s as %s', (address, range) => {
    expect(blockedRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '::ffff:8.8.8.8', '2400:3200::1', '240e::1'])(
    'lets the public address %s through',
    (address) => expect(blockedRange(address)).toBeNull(),
  );

  it('lets allowed ranges and addresses through, and only those', () => {
    const allowance = parseAllowance(['intranet.example.gov.cn, 10.0.0.0/8', '[::1]']);
    expect([...allowance.names]).toEqual(['intranet.example.gov.cn']);
    expect(blockedRange('10.9.9.9', allowance)).toBeNull();
    expect(blockedRange('::ffff:10.9.9.9', allowance)).toBeNull();
    expect(blockedRange('::1', allowance)).toBeNull();
    expect(blockedRange('127.0.0.1', allowance)).toBe('loopback');
    expect(blockedRange('192.168.1.1', allowance)).toBe('private (RFC 1918)');
  });

  it('names an allow-list entry it cannot read', () => {
    expect(() => parseAllowance('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33.*CIDR/);
    expect(() => parseAllowance('10.0.0.0/x')).toThrow(/CIDR/);
  });
});

/** A site on 127.0.0.1 that counts what reaches it: a refused address must never be connected to. */
interface Site {
  server: Server;
  port: number;
  hits: string[];
}

async function listen(redirectTo?: () => string): Promise<Site> {
  const site = { hits: [] as string[] } as Site;
  site.server = createServer((req, res) => {
    site.hits.push(req.url ?? '');
    const body = Buffer.from('<html><head><title>内部页面</title></head><body><p>内部资料，不得公开。</p></body></html>');
    const encoded: Record<string, Buffer> = {
      '/gzip.html': gzipSync(body),
      '/deflate.html': deflateSync(body),
      '/raw-deflate.html': deflateRawSync(body),
      '/br.html': brotliCompressSync(body),
      '/bomb.html': gzipSync(Buffer.alloc(200_000, 0x20)),
    };
    if (req.url === '/robots.txt') return res.writeHead(404).end();
    if (req.url === '/' && redirectTo) return res.writeHead(302, { location: redirectTo() }).end();
    const coding = req.url === '/br.html' ? 'br' : req.url?.includes('deflate') ? 'deflate' : 'gzip';
    if (req.url && encoded[req.url]) {
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': coding }).end(encoded[req.url]);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => site.server.listen(0, '127.0.0.1', r));
  site.port = (site.server.address() as AddressInfo).port;
  return site;
}

const close = (s: Site) =>
  new Promise<void>((r) => {
    s.server.closeAllConnections();
    s.server.close(() => r());
  });

describe('the crawler refuses internal addresses unless an operator allows them', () => {
  let internal: Site;
  let redirecting: Site;
  let db: Db;
  const fetchOptions = { userAgent: 'ZhiwenBot/test', timeoutMs: 2000, maxBytes: 20_000 };
  const crawlOptions = { requestsPerSecond: 50, timeoutMs: 2000, maxBytes: 20_000 };

  beforeAll(async () => {
    internal = await listen();
    redirecting = await listen(() => `http://127.0.0.1:${internal.port}/`);
    db = await openLibrary();
  });
  afterAll(async () => {
    await close(internal);
    await close(redirecting);
    await db?.close();
  });

  async function crawl(start: string, options: Parameters<typeof crawlSite>[2]) {
    const events: CrawlEvent[] = [];
    const run = crawlSite(db, start, { ...crawlOptions, ...options }, (e) => events.push(e));
    const fetched: string[] = [];
    for (;;) {
      const next = await run.next();
      if (next.done) return { fetched, events, summary: next.value as CrawlSummary };
      fetched.push(next.value.url);
    }
  }

  it('refuses 127.0.0.1, [::1], 0x7f.1 and a name resolving to loopback, before connecting', async () => {
    const urls = [
      `http://127.0.0.1:${internal.port}/`,
      `http://[::1]:${internal.port}/`,
      `http://0x7f.1:${internal.port}/`,
      `http://2130706433:${internal.port}/`,
      `http://[::ffff:127.0.0.1]:${internal.port}/`,
      `http://localhost:${internal.port}/`,
    ];
    for (const url of urls) {
      await expect(fetchPage(url, fetchOptions), url).rejects.toBeInstanceOf(RefusedAddress);
    }
    await expect(fetchPage(`http://localhost:${internal.port}/`, fetchOptions)).rejects.toThrow(
      /localhost resolves to 127\.0\.0\.1, which is a loopback address.*ZHIWEN_CRAWL_ALLOW_HOSTS/,
    );
    expect(internal.hits).toEqual([]);
  });

  it('fetches an allowed host, decoding gzip, deflate and br and capping the decoded size', async () => {
    const allowance = parseAllowance(['127.0.0.1']);
    const base = `http://127.0.0.1:${internal.port}`;
    for (const path of ['/plain.html', '/gzip.html', '/deflate.html', '/raw-deflate.html', '/br.html']) {
      const res = await fetchPage(`${base}${path}`, { ...fetchOptions, allowance });
      expect(new TextDecoder().decode(res.bytes), path).toContain('内部资料');
    }
    // The allowance by address covers a name resolving to it, too.
    expect((await fetchPage(`http://localhost:${internal.port}/`, { ...fetchOptions, allowance })).status).toBe(200);
    await expect(fetchPage(`${base}/bomb.html`, { ...fetchOptions, allowance })).rejects.toThrow(/20000-byte cap once decoded/);
    internal.hits.length = 0;
  });

  it('records a refused start URL in the crawl summary instead of failing the crawl', async () => {
    for (const host of ['127.0.0.1', '[::1]', '0x7f.1', 'localhost']) {
      const { fetched, events, summary } = await crawl(`http://${host}:${internal.port}/`, { key: `refused-${host}` });
      expect(fetched).toEqual([]);
      expect(summary).toMatchObject({ stoppedBy: 'refused', counts: { skipped: 1, fetched: 0 } });
      expect(summary.refused).toEqual([{ url: expect.stringContaining(`:${internal.port}/`), reason: expect.stringMatching(/^refused: .*loopback/) }]);
      expect(events).toEqual([{ type: 'skipped', url: summary.refused[0].url, reason: summary.refused[0].reason }]);
    }
    expect(internal.hits).toEqual([]);
  });

  it('refuses a redirect from an allowed host to 127.0.0.1', async () => {
    const start = `http://localhost:${redirecting.port}/`;
    const { fetched, events, summary } = await crawl(start, { key: 'redirect', allowHosts: ['localhost'] });
    expect(redirecting.hits).toContain('/');
    expect(fetched).toEqual([]);
    expect(summary.refused).toEqual([
      { url: `http://127.0.0.1:${internal.port}/`, reason: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/) },
    ]);
    expect(events.find((e) => e.url === start)?.reason).toMatch(/not followed, refused: 127\.0\.0\.1/);
    expect(internal.hits).toEqual([]);
  });

  it('crawls the same loopback site once the operator allows it', async () => {
    const { fetched, summary } = await crawl(`http://127.0.0.1:${internal.port}/`, { key: 'allowed', allowHosts: ['127.0.0.1'] });
    expect(fetched).toEqual([`http://127.0.0.1:${internal.port}/`]);
    expect(summary).toMatchObject({ stoppedBy: 'frontier-empty', refused: [] });
    expect(internal.hits).toEqual(['/robots.txt', '/']);
  });

  it('rejects an unreadable allowHosts entry as a bad option', async () => {
    await expect(crawl(`http://127.0.0.1:${internal.port}/`, { key: 'bad', allowHosts: ['10.0.0.0/99'] })).rejects.toMatchObject({
      code: 'BAD_CRAWL_OPTION',
    });
  });
});
