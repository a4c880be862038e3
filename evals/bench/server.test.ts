import { describe, expect, it } from 'vitest';
import { benchHttp } from './http';
import { startServer } from './server';

// A tiny real server in a child process: answers every GET with 200 and the path.
const CHILD = `require('node:http').createServer((q, s) => s.end(q.url)).listen(Number(process.argv[1]), '127.0.0.1')`;

describe('startServer + benchHttp', () => {
  it('starts a child server, loads each endpoint over HTTP, samples its RSS and stops it', async () => {
    const port = 20_000 + (process.pid % 10_000);
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = await startServer({ command: [process.execPath, '-e', CHILD, String(port)], baseUrl, timeoutMs: 20_000 });
    try {
      const results = await benchHttp({ baseUrl, queries: ['公积金提取', '人才购房补贴'], concurrency: 2, durationMs: 5_000, maxRequests: 6, serverPid: server.pid });
      expect(results.map((r) => r.endpoint)).toEqual(['search', 'suggest', 'ask']);
      for (const r of results) {
        expect(r.load).toMatchObject({ requests: 6, errors: 0, statuses: { 200: 6 } });
        expect(r.serverRss?.peakBytes).toBeGreaterThan(0);
      }
    } finally {
      await server.stop();
    }
    await expect(fetch(baseUrl)).rejects.toThrow();
  });

  it('fails clearly when the command exits before it is ready', async () => {
    await expect(startServer({ command: [process.execPath, '-e', 'process.exit(3)'], baseUrl: 'http://127.0.0.1:1', timeoutMs: 10_000 })).rejects.toThrow(/exited with code 3/u);
  });
});
