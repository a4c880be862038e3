import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { zhiwenError } from '../../library/errors';
import { bodyOf, ERROR_RESPONSES } from '../schemas/common';

export interface WidgetBundle {
  code: string;
  /** The same, gzip-compressed once (about a third of the size) for browsers that accept it. */
  gzip: Buffer;
  /** Strong validator: a hash of the bundle, so every replica serving the same file agrees. */
  etag: string;
}

export interface WidgetRoutesOptions {
  /** The built bundle (widget/build.ts writes it; `zhiwen serve` builds it at start). Unset: the route answers 500 WIDGET_BUILD_FAILED. */
  file?: string;
  /** Cache-Control max-age of /widget/zhiwen.js in seconds; default 300. The URL is not versioned, so keep it short: ETag revalidation makes refetching cheap. */
  maxAgeSeconds?: number;
}

async function readBundle(file: string): Promise<WidgetBundle> {
  const code = await readFile(file, 'utf8');
  return { code, gzip: gzipSync(code, { level: 9 }), etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
}

const matches = (ifNoneMatch: string | undefined, etags: string[]): boolean =>
  !!ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => etags.includes(t.trim().replace(/^W\//, ''))));

/** GET /widget/zhiwen.js: the embeddable <zhiwen-search> web component, read from its built file once, with ETag and caching headers. */
export function registerWidgetRoutes(app: FastifyInstance, options: WidgetRoutesOptions = {}): void {
  const cacheControl = `public, max-age=${options.maxAgeSeconds ?? 300}, stale-while-revalidate=86400`;
  // Read once, on first request; a failed read is forgotten, so the next request tries again.
  let bundle: Promise<WidgetBundle> | null = null;
  const load = (): Promise<WidgetBundle> => {
    if (!options.file) return Promise.reject(new Error('no widget bundle file configured (buildApp option widgetFile)'));
    bundle ??= readBundle(options.file).catch((err: unknown) => {
      bundle = null;
      throw err;
    });
    return bundle;
  };
  app.get('/widget/zhiwen.js', {
    schema: {
      summary: 'The embeddable <zhiwen-search> widget (one script tag)',
      tags: ['widget'],
      response: { 200: bodyOf({ 'application/javascript': 'the widget script (gzip when accepted)' }), 304: { type: 'null', description: 'not modified (If-None-Match)' }, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { code, gzip, etag } = await load().catch((err: Error) => {
      request.log.error({ err, file: options.file }, 'widget bundle unreadable');
      throw zhiwenError('WIDGET_BUILD_FAILED');
    });
    const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    // Each encoding is its own representation with its own strong ETag; either revalidates.
    const gzipEtag = `${etag.slice(0, -1)}-gz"`;
    const vary = reply.getHeader('vary'); // keeps CORS's Vary: Origin
    reply.header('etag', gzipped ? gzipEtag : etag).header('cache-control', cacheControl).header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    if (matches(request.headers['if-none-match'], [etag, gzipEtag])) return reply.status(304).send();
    reply.type('application/javascript; charset=utf-8');
    return gzipped ? reply.header('content-encoding', 'gzip').send(gzip) : reply.send(code);
  });
}
