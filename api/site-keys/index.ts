/**
 * Sites embedding search (issue 15): public site keys decide which browser origins may call the
 * public API and how far they may search, and carry the citizen a host page signed in
 * (docs/site-keys.md). Replaces the open CORS that echoed every origin, /v1/admin included.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { zhiwenError } from '../../library/errors';
import { resolveSiteKey, siteSigningSecrets, verifyCitizenToken } from '../../library/site-keys';
import type { Db } from '../../library/store';
import { ruleOf } from '../auth';
import { allowOrigin, answerPreflight, CITIZEN_HEADER, classifyRoute, crossOriginOf, KEY_HEADER } from './cross-origin';
import { applyKeyScope, type RequestSiteKey } from './key-scope';

export { registerSiteKeyRoutes } from './key-routes';
export { CONSOLE_PREFIXES, classifyPath, classifyRoute, KEY_HEADER, CITIZEN_HEADER } from './cross-origin';
export type { RequestSiteKey } from './key-scope';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The site key the request came with (X-Zhiwen-Key or ?key=), checked: valid, and listing the
     * page's origin for a cross-origin request. Unset without one. Rate limits key by `id`.
     */
    siteKey?: RequestSiteKey;
    /** The signed-in citizen the host page passed (X-Zhiwen-Citizen), verified against the key's site. */
    citizen?: { subject: string };
  }
}

export interface SiteKeyOptions {
  /** The API's public URL (ZHIWEN_PUBLIC_URL): its origin counts as the API's own behind a proxy that rewrites Host. */
  publicUrl?: string;
}

function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers[KEY_HEADER];
  if (typeof header === 'string' && header) return header.trim();
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.key === 'string' && query.key ? query.key : undefined;
}

/** Takes ?key= out of the query before the route's schema (which does not declare it) sees it. */
function dropKeyParam(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown> | undefined;
  if (query && typeof query === 'object' && 'key' in query) delete query.key;
}

/**
 * Installs the cross-origin policy and site keys; call before the auth hooks and every route.
 * - no Origin, or the API's own (curl, servers, /try, /d/<id>, the console): as before; a key, when
 *   sent, is checked and scopes the request;
 * - another origin on the console (/v1/admin, /v1/faqs, /v1/auth, /v1/local): refused, no CORS headers;
 * - another origin on the public API: needs a key listing that origin (SITE_KEY_REQUIRED,
 *   SITE_KEY_INVALID, ORIGIN_NOT_ALLOWED); refusals carry that origin's CORS header so the widget can
 *   read why and say so, and carry no data;
 * - another origin on an asset (the widget script, static files): allowed.
 */
export function installSiteKeys(app: FastifyInstance, db: Db, options: SiteKeyOptions = {}): void {
  const own = new Set<string>();
  if (options.publicUrl) own.add(new URL(options.publicUrl).origin);
  app.options('*', { schema: { hide: true } }, async (request, reply) => {
    const origin = crossOriginOf(request, own);
    if (!origin || !request.headers['access-control-request-method']) return reply.status(204).send();
    return answerPreflight(request, reply, origin);
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS') return;
    const origin = crossOriginOf(request, own);
    const url = request.routeOptions.url ?? request.url.split('?')[0];
    const kind = classifyRoute(url, ruleOf(request));
    if (origin && kind === 'console') throw zhiwenError('CROSS_ORIGIN_FORBIDDEN', origin);
    if (kind !== 'public') {
      if (origin) allowOrigin(reply, origin);
      return;
    }
    // From here a refusal is readable by the page that caused it (it tells the widget why), nothing more.
    if (origin) allowOrigin(reply, origin);
    const secret = keyOf(request);
    dropKeyParam(request);
    if (!secret) {
      if (origin) throw zhiwenError('SITE_KEY_REQUIRED', origin);
      if (request.headers[CITIZEN_HEADER] !== undefined) throw zhiwenError('CITIZEN_TOKEN_INVALID', 'send it with the site key (X-Zhiwen-Key) of the site that signed it');
      return;
    }
    const key = await resolveSiteKey(db, secret);
    if (origin && !key.origins.includes(origin)) throw zhiwenError('ORIGIN_NOT_ALLOWED', origin, key.id);
    request.siteKey = { id: key.id, siteId: key.siteId, siteCode: key.siteCode, environment: key.environment, scope: key.scope };
    const citizen = request.headers[CITIZEN_HEADER];
    if (typeof citizen === 'string' && citizen) {
      const claims = verifyCitizenToken(citizen, await siteSigningSecrets(db, key.siteId), key.siteCode);
      request.citizen = { subject: claims.sub };
    }
  });
  app.addHook('preValidation', async (request) => {
    if (request.siteKey) applyKeyScope(request, request.siteKey);
  });
}
