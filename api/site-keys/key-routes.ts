import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../library/accounts';
import { ZhiwenError } from '../../library/errors';
import { createSiteKey, getSiteKey, KEY_SCOPES, listSiteKeys, MAX_ORIGINS, revokeSiteKey, rotateSiteKey, type KeyScope, type SiteKey } from '../../library/site-keys';
import type { Db } from '../../library/store';
import type { AdminGuard } from '../admin-guard';
import { originOf } from '../auth/request-context';
import { responds } from '../schemas/common';
import { SITE_KEY, SITE_KEY_CREATED, SITE_KEY_ROTATED, SITE_KEYS } from '../schemas/site-keys';

const tags = ['admin'];
const code = { type: 'string', minLength: 1, maxLength: 60 } as const;
const origins = { type: 'array', minItems: 1, maxItems: MAX_ORIGINS, items: { type: 'string', minLength: 1, maxLength: 300 } } as const;
const siteParams = { type: 'object', properties: { code }, required: ['code'] } as const;
const keyParams = { type: 'object', properties: { code, id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } }, required: ['code', 'id'] } as const;

type Site = { Params: { code: string } };
type OneKey = { Params: { code: string; id: number } };

/** The key, when it belongs to the site in the URL (so a site's admins reach only their own keys). */
async function keyOfSite(db: Db, params: OneKey['Params']): Promise<SiteKey> {
  const key = await getSiteKey(db, params.id).catch(() => null);
  if (!key || key.siteCode !== params.code) throw new ZhiwenError('NOT_FOUND', `site ${params.code} has no key ${params.id}`);
  return key;
}

const actor = (request: FastifyRequest) => actorOf(request.principal, originOf(request));

/**
 * A site's public keys: list, create, rotate, revoke (platform admins and the site's site admins,
 * api/auth/route-actions.ts). The library records each change in the audit log inside its own
 * transaction, never the signing secret; so these rules carry no `audit` name (the write-audit hook
 * would store the response, secret included).
 */
export function registerSiteKeyRoutes(app: FastifyInstance, db: Db, guard: AdminGuard): void {
  app.get<Site>('/v1/admin/sites/:code/keys', {
    preHandler: guard,
    schema: { summary: "A site's public keys (widget embeds), newest first", tags, params: siteParams, response: responds(SITE_KEYS) },
    config: { errorHints: { UNKNOWN_SITE: 'list sites at GET /v1/admin/sites' } },
  }, async (request) => ({ keys: await listSiteKeys(db, request.params.code) }));

  app.post<Site & { Body: { environment?: string; scope?: KeyScope; origins: string[]; expiresInDays?: number } }>('/v1/admin/sites/:code/keys', {
    preHandler: guard,
    schema: {
      summary: 'Create a public site key; its signing secret is shown this once', tags, params: siteParams,
      body: { type: 'object', required: ['origins'], additionalProperties: false, properties: {
        environment: { type: 'string', minLength: 1, maxLength: 32, default: 'production' },
        scope: { type: 'string', enum: KEY_SCOPES, default: 'site' },
        origins,
        expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 },
      } },
      response: responds(SITE_KEY_CREATED, 201),
    },
  }, async (request, reply) => {
    const made = await createSiteKey(db, actor(request), { siteCode: request.params.code, ...request.body });
    return reply.status(201).send(made);
  });

  app.post<OneKey & { Body: { overlapDays?: number; origins?: string[] } | undefined }>('/v1/admin/sites/:code/keys/:id/rotate', {
    preHandler: guard,
    schema: {
      summary: 'Rotate a key: a new key (and secret, shown once); the old one works until the overlap ends', tags, params: keyParams,
      body: { type: 'object', additionalProperties: false, properties: {
        overlapDays: { type: 'integer', minimum: 0, maximum: 90, description: 'days the old key keeps working (default 7)' },
        origins,
      } },
      response: responds(SITE_KEY_ROTATED, 201),
    },
  }, async (request, reply) => {
    await keyOfSite(db, request.params);
    return reply.status(201).send(await rotateSiteKey(db, actor(request), request.params.id, request.body ?? {}));
  });

  app.post<OneKey>('/v1/admin/sites/:code/keys/:id/revoke', {
    preHandler: guard,
    schema: { summary: 'Revoke a key: refused from now on', tags, params: keyParams, response: responds(SITE_KEY) },
  }, async (request) => {
    await keyOfSite(db, request.params);
    return revokeSiteKey(db, actor(request), request.params.id);
  });
}
