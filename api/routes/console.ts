import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { zhiwenError } from '../../library/errors';
import { bodyOf, ERROR_RESPONSES } from '../schemas/common';

export interface ConsoleRoutesOptions {
  /** The built bundle (console/build.ts writes it; `zhiwen serve` builds it at start). Unset: /console/console.js answers 500 CONSOLE_BUILD_FAILED. */
  file?: string;
}

interface Bundle { code: string; gzip: Buffer; etag: string }

/** One HTML page; the script draws everything (login first) and routes by the hash (#/faqs/12). */
const page = (etag: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>智问管理控制台</title>
<link rel="icon" href="data:,">
<script src="/console/console.js?v=${encodeURIComponent(etag.replace(/"/g, ''))}" defer></script>
</head>
<body><div id="console"><noscript>管理控制台需要启用 JavaScript。</noscript></div></body>
</html>
`;

/**
 * GET /console (the editors' and operators' console, console/), its script, and GET /admin → /console.
 * The bundle is read once; its URL carries the bundle's hash, so it may be cached for a year.
 */
export function registerConsoleRoutes(app: FastifyInstance, options: ConsoleRoutesOptions = {}): void {
  let bundle: Promise<Bundle> | null = null;
  const load = (): Promise<Bundle> => {
    if (!options.file) return Promise.reject(new Error('no console bundle file configured (buildApp option consoleFile)'));
    bundle ??= readFile(options.file, 'utf8').then((code) => ({
      code, gzip: gzipSync(code, { level: 9 }), etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`,
    })).catch((err: unknown) => {
      bundle = null; // a failed read is forgotten: the next request tries again
      throw err;
    });
    return bundle;
  };
  const loadOrFail = (log: { error: (o: object, m: string) => void }) => load().catch((err: Error) => {
    log.error({ err, file: options.file }, 'console bundle unreadable');
    throw zhiwenError('CONSOLE_BUILD_FAILED');
  });
  const tags = ['console'];

  app.get('/console', { schema: { summary: 'The editors\' console (log in with an account)', tags, response: { 200: bodyOf({ 'text/html': 'the console page' }), ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const { etag } = await loadOrFail(request.log);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page(etag));
    });

  app.get('/console/console.js', { schema: { summary: 'The console\'s script', tags, response: { 200: bodyOf({ 'application/javascript': 'the console script (gzip when accepted)' }), 304: { type: 'null', description: 'not modified (If-None-Match)' }, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const { code, gzip, etag } = await loadOrFail(request.log);
      const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      const tag = gzipped ? `${etag.slice(0, -1)}-gz"` : etag;
      const vary = reply.getHeader('vary');
      reply.header('etag', tag).header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding')
        // Versioned by ?v=<hash> from the page: immutable for a year; unversioned requests revalidate.
        .header('cache-control', (request.query as { v?: string }).v ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (request.headers['if-none-match'] === tag) return reply.status(304).send();
      reply.type('application/javascript; charset=utf-8');
      return gzipped ? reply.header('content-encoding', 'gzip').send(gzip) : reply.send(code);
    });

  app.get('/admin', { schema: { summary: 'Moved: the console is at /console', tags, response: { 302: { type: 'null', description: 'redirect to /console' }, ...ERROR_RESPONSES } } },
    async (_request, reply) => reply.redirect('/console', 302));
}
