import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';
import { ZhiwenError } from '../../library/errors';

/** The widget's entry, bundled by path (the API never imports the widget: it only serves it). */
export const WIDGET_ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../widget/src/index.ts');

export interface WidgetBundle {
  code: string;
  /** The same, gzip-compressed once (about a third of the size) for browsers that accept it. */
  gzip: Buffer;
  /** Strong validator: a hash of the bundle, so every replica built from the same source agrees. */
  etag: string;
}

export interface WidgetRoutesOptions {
  /** Entry file to bundle; default widget/src/index.ts. */
  entry?: string;
  /** Cache-Control max-age of /widget/zhiwen.js in seconds; default 300. The URL is not versioned, so keep it short: ETag revalidation makes refetching cheap. */
  maxAgeSeconds?: number;
}

/**
 * Bundles the widget with esbuild (shipped with tsx: no extra dependency) into one minified IIFE
 * that runs in any browser from 2020 on (ES2019 syntax), held in memory.
 */
export async function bundleWidget(entry = WIDGET_ENTRY): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return { code, gzip: gzipSync(code, { level: 9 }), etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
}

const bundles = new Map<string, Promise<WidgetBundle>>();

/** One build per entry per process, on first request; a failed build is forgotten, so the next request tries again. */
function widgetBundle(entry: string): Promise<WidgetBundle> {
  let pending = bundles.get(entry);
  if (!pending) {
    pending = bundleWidget(entry);
    pending.catch(() => bundles.delete(entry));
    bundles.set(entry, pending);
  }
  return pending;
}

const matches = (ifNoneMatch: string | undefined, etags: string[]): boolean =>
  !!ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => etags.includes(t.trim().replace(/^W\//, ''))));

/** GET /widget/zhiwen.js: the embeddable <zhiwen-search> web component, with ETag and caching headers. */
export function registerWidgetRoutes(app: FastifyInstance, options: WidgetRoutesOptions = {}): void {
  const entry = options.entry ?? WIDGET_ENTRY;
  const cacheControl = `public, max-age=${options.maxAgeSeconds ?? 300}, stale-while-revalidate=86400`;
  app.get('/widget/zhiwen.js', { schema: { summary: 'The embeddable <zhiwen-search> widget (one script tag)', tags: ['widget'] } }, async (request, reply) => {
    const { code, gzip, etag } = await widgetBundle(entry).catch((err: Error) => {
      request.log.error({ err, entry }, 'widget build failed');
      throw new ZhiwenError('WIDGET_BUILD_FAILED', 'the widget could not be built on this server: its log says why; fix the widget source and request again', 500);
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
