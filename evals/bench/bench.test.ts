import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { EvalDoc } from '../data/types';
import { runLoad } from './load';
import { mulberry32 } from './prng';
import { readRss } from './rss';
import { parseSize, sentencePool, synthChunks, TARGET_CHARS } from './synth';

const doc = (id: string, text: string): EvalDoc => ({ id, title: `标题${id}`, text, category: null, docNumber: null, issuer: null, published: null, site: null });

describe('synthetic corpus', () => {
  const pool = sentencePool([doc('1', '第一句话在这里出现。第二句话稍微长一点点。'), doc('2', '第三句话来自另一份文件！第四句话？')]);
  it('is reproducible for a seed and differs across seeds', () => {
    const a = [...synthChunks(pool, 5, 1)];
    expect([...synthChunks(pool, 5, 1)]).toEqual(a);
    expect([...synthChunks(pool, 5, 2)].map((c) => c.text)).not.toEqual(a.map((c) => c.text));
    expect(a.every((c) => c.text.length >= TARGET_CHARS)).toBe(true);
    expect(a.map((c) => c.id)).toEqual(['synth-0', 'synth-1', 'synth-2', 'synth-3', 'synth-4']);
  });
  it('parses sizes', () => {
    expect([parseSize('10k'), parseSize('1M'), parseSize('2500'), parseSize('1.5k')]).toEqual([10_000, 1_000_000, 2500, 1500]);
    expect(() => parseSize('ten')).toThrow(/10k/u);
  });
  it('mulberry32 is deterministic in [0, 1)', () => {
    const r = mulberry32(7);
    const xs = [r(), r(), r()];
    expect(xs).toEqual([mulberry32(7)(), ...xs.slice(1)].map((x, i) => (i === 0 ? x : xs[i])));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('runLoad', () => {
  it('sends bounded concurrent GETs to a loopback server and counts statuses', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const r = await runLoad({ baseUrl: `http://127.0.0.1:${port}`, paths: ['/v1/search?q=a', '/missing'], concurrency: 3, durationMs: 5_000, maxRequests: 20 });
      expect(r.requests).toBe(20);
      expect(r.statuses).toEqual({ 200: 10, 404: 10 });
      expect(r.errors).toBe(10);
      expect(r.latency.count).toBe(20);
      expect(seen.filter((u) => u === '/v1/search?q=a')).toHaveLength(10);
    } finally {
      server.close();
    }
  });
  it('refuses non-loopback hosts and unbounded settings', async () => {
    await expect(runLoad({ baseUrl: 'http://example.com', paths: ['/'], concurrency: 1, durationMs: 10 })).rejects.toThrow(/loopback/u);
    await expect(runLoad({ baseUrl: 'http://127.0.0.1:1', paths: ['/'], concurrency: 10_000, durationMs: 10 })).rejects.toThrow(RangeError);
  });
});

describe('readRss', () => {
  it('reads this process’s resident memory', async () => {
    expect(await readRss(process.pid)).toBeGreaterThan(0);
  });
});
