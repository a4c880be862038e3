import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { zhiwenError } from '../../library/errors';
import { bodyOf, ERROR_RESPONSES } from '../schemas/common';

interface Bundle { code: string; gzip: Buffer; etag: string }

/**
 * GET /console/vendor/charts.js: ECharts as the console's analytics page uses it (console/charts/,
 * built by `zhiwen serve`), loaded by that page only. Read once; revalidated by ETag (304).
 */
export function registerConsoleChartRoutes(app: FastifyInstance, file: string | undefined): void {
  let bundle: Promise<Bundle> | null = null;
  const load = (): Promise<Bundle> => {
    if (!file) return Promise.reject(new Error('no charts bundle configured (buildApp option chartsFile)'));
    bundle ??= readFile(file, 'utf8').then((code) => ({
      code, gzip: gzipSync(code, { level: 9 }), etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`,
    })).catch((err: unknown) => {
      bundle = null; // forgotten: the next request reads again
      throw err;
    });
    return bundle;
  };
  app.get('/console/vendor/charts.js', {
    schema: {
      summary: 'The console\'s charting library (Apache ECharts, reduced to line and bar charts)', tags: ['console'],
      response: { 200: bodyOf({ 'application/javascript': 'the charts script (gzip when accepted)' }), 304: { type: 'null', description: 'not modified (If-None-Match)' }, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { code, gzip, etag } = await load().catch((err: Error) => {
      request.log.error({ err, file }, 'charts bundle unreadable');
      throw zhiwenError('CONSOLE_BUILD_FAILED');
    });
    const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const tag = gzipped ? `${etag.slice(0, -1)}-gz"` : etag;
    const vary = reply.getHeader('vary');
    reply.header('etag', tag).header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding').header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === tag) return reply.status(304).send();
    reply.type('application/javascript; charset=utf-8');
    return gzipped ? reply.header('content-encoding', 'gzip').send(gzip) : reply.send(code);
  });
}
