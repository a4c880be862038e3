import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteRule } from '../auth';

/**
 * What a path is to a browser on another origin:
 * - 'console': anything that takes a credential (/v1/admin, /v1/faqs, /v1/auth, /v1/local): never cross-origin;
 * - 'public': the public API (/v1/…, /d/…, /healthz): cross-origin only with a site key listing that origin;
 * - 'asset': the widget script, static files and /docs: any origin (no data, no key).
 */
export type PathClass = 'console' | 'public' | 'asset';

/** Where credentialed routes live; a preflight knows only the path. A test keeps this in step with ROUTE_RULES. */
export const CONSOLE_PREFIXES = ['/v1/admin/', '/v1/faqs', '/v1/auth/', '/v1/local/'] as const;

export function classifyPath(path: string): PathClass {
  if (CONSOLE_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))) return 'console';
  if (path.startsWith('/v1/') || path.startsWith('/d/') || path === '/healthz') return 'public';
  return 'asset';
}

/** A matched route's class: by its path, and 'console' for any route whose rule is not public (fail closed). */
export function classifyRoute(url: string, rule: RouteRule | undefined): PathClass {
  const byPath = classifyPath(url);
  return rule && rule.access !== 'public' ? 'console' : byPath;
}

/** The request headers a widget sends cross-origin (a preflight lists them). */
export const KEY_HEADER = 'x-zhiwen-key';
export const CITIZEN_HEADER = 'x-zhiwen-citizen';
const ALLOWED_HEADERS = ['accept', 'content-type', KEY_HEADER, CITIZEN_HEADER].join(', ');
/** Browsers may cache a preflight this long (seconds). */
const PREFLIGHT_MAX_AGE = 600;

/** The request's Origin when it is another origin than the API's own (its Host, or the configured public URL). */
export function crossOriginOf(request: FastifyRequest, ownOrigins: ReadonlySet<string>): string | null {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !origin) return null;
  if (ownOrigins.has(origin)) return null;
  try {
    const page = new URL(origin);
    // The Host header, read as the page's scheme would write it (a default port dropped).
    const own = request.headers.host ? new URL(`${page.protocol}//${request.headers.host}`).host : null;
    return page.host === own ? null : origin;
  } catch {
    return origin; // "null" (a sandboxed frame, a file: page) or garbage: another origin
  }
}

/** Lets `origin` read this response: the one origin, never `*`, and Vary so caches keep them apart. */
export function allowOrigin(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  const vary = reply.getHeader('vary');
  if (!vary || !String(vary).split(',').some((v) => v.trim().toLowerCase() === 'origin')) reply.header('vary', vary ? `${String(vary)}, Origin` : 'Origin');
  reply.header('access-control-expose-headers', 'retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset');
}

/** The answer to a preflight (OPTIONS with Access-Control-Request-Method) the path's class allows. */
export function answerPreflight(request: FastifyRequest, reply: FastifyReply, origin: string): FastifyReply {
  const path = request.url.split('?')[0];
  // The console's routes take no cross-origin requests: no CORS headers, so the browser stops here.
  if (classifyPath(path) === 'console') return reply.status(403).header('vary', 'Origin').send();
  // A public route's preflight cannot see the key (it is in a header the preflight only names):
  // it passes, and the request itself is checked against its key's origins.
  allowOrigin(reply, origin);
  return reply
    .status(204)
    .header('access-control-allow-methods', 'GET, POST')
    .header('access-control-allow-headers', ALLOWED_HEADERS)
    .header('access-control-max-age', String(PREFLIGHT_MAX_AGE))
    .send();
}
