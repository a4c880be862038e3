import type { FastifyRequest } from 'fastify';
import { zhiwenError } from '../../library/errors';
import type { KeyScope } from '../../library/site-keys';

/** The site key a request came with, once checked (api/site-keys): what the rate limiter keys by. */
export interface RequestSiteKey {
  id: number;
  siteId: number;
  siteCode: string;
  environment: string;
  scope: KeyScope;
}

const WIDTH: Record<KeyScope, number> = { site: 0, region: 1, platform: 2 };
const described: Record<KeyScope, string> = { site: 'its own site', region: "its site's region", platform: 'the whole platform' };

/** Where each public route reads its site (and scope, where it takes one). */
const SCOPED_INPUTS: Record<string, { from: 'query' | 'body'; scope: boolean }> = {
  'GET /v1/search': { from: 'query', scope: true },
  'GET /v1/suggest': { from: 'query', scope: false },
  'POST /v1/ask': { from: 'body', scope: true },
};

/**
 * Applies a key's scope to the request before validation: the key's site and scope are the defaults,
 * and the widest a request may ask for (SITE_KEY_SCOPE otherwise: a key is public, so a page cannot
 * borrow another site's key to search more than that site allows).
 */
export function applyKeyScope(request: FastifyRequest, key: RequestSiteKey): void {
  const where = SCOPED_INPUTS[`${request.method} ${request.routeOptions.url ?? ''}`];
  if (!where) return;
  const input = where.from === 'query' ? request.query : request.body;
  if (!input || typeof input !== 'object' || Array.isArray(input)) return; // validation refuses it
  const fields = input as Record<string, unknown>;
  if (fields.site !== undefined && fields.site !== key.siteCode && key.scope !== 'platform') {
    throw zhiwenError('SITE_KEY_SCOPE', `searching site "${String(fields.site)}"`, key.id, described[key.scope]);
  }
  const siteFromKey = fields.site === undefined;
  fields.site ??= key.siteCode;
  if (!where.scope) return;
  const asked = fields.scope;
  if (typeof asked === 'string' && asked in WIDTH && WIDTH[asked as KeyScope] > WIDTH[key.scope]) {
    throw zhiwenError('SITE_KEY_SCOPE', `scope=${asked}`, key.id, described[key.scope]);
  }
  // A request naming its site keeps the route's own default (that site: never wider than the key).
  if (siteFromKey) fields.scope ??= key.scope;
}
