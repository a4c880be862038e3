import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  actorOf, issueServiceToken, listServiceTokens, revokeServiceToken, SERVICE_ROLES, type ServiceRole,
} from '../../library/accounts';
import { NotFoundError } from '../../library/errors';
import { requireSiteId } from '../../library/sites';
import type { Db } from '../../library/store';
import { SERVICE_TOKEN_ISSUED, SERVICE_TOKEN_LIST, SERVICE_TOKEN_REVOKED } from '../schemas/accounts';
import { responds } from '../schemas/common';
import { managesAny } from './account-scopes';
import { originOf, siteTree } from './request-context';

const tags = ['accounts'];
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } } };

/**
 * Machines' service tokens over HTTP: list, issue (the secret is in this one answer only) and
 * revoke. A site admin issues and revokes tokens of the sites they manage (route-actions.ts).
 */
export function registerServiceTokenRoutes(app: FastifyInstance, db: Db): void {
  const actor = (request: FastifyRequest) => actorOf(request.principal, originOf(request));

  app.get('/v1/admin/service-tokens', {
    schema: { summary: 'Service tokens of the sites the caller manages (never their secrets)', tags, response: responds(SERVICE_TOKEN_LIST) },
  }, async (request) => {
    const tree = await siteTree(db);
    return { tokens: (await listServiceTokens(db)).filter((t) => managesAny(tree, request.principal.grants, [t.siteId])) };
  });

  app.post<{ Body: { name: string; role: ServiceRole; site?: string | null; expiresInDays?: number } }>('/v1/admin/service-tokens', {
    schema: {
      summary: 'Issue a token for a machine (ingest pipeline, monitoring): its secret is shown in this answer only', tags,
      body: { type: 'object', required: ['name', 'role'], additionalProperties: false, properties: {
        name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]*$' },
        role: { type: 'string', enum: [...SERVICE_ROLES] },
        site: { anyOf: [{ type: 'string', minLength: 1, maxLength: 100 }, { type: 'null' }], description: 'the site it acts on (and those below); null or absent: the platform' },
        expiresInDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'days until it stops working; absent: never (rotate by issuing a new one and revoking the old)' },
      } },
      response: responds(SERVICE_TOKEN_ISSUED, 201),
    },
  }, async (request, reply) => {
    const { site, ...rest } = request.body;
    const issued = await issueServiceToken(db, actor(request), { ...rest, siteId: await requireSiteId(db, site) });
    return reply.code(201).header('cache-control', 'no-store').send(issued);
  });

  app.post<{ Params: { id: number } }>('/v1/admin/service-tokens/:id/revoke', {
    schema: {
      summary: 'Revoke a token: it stops working at once', tags, params: idParams,
      body: { anyOf: [{ type: 'object', additionalProperties: false, maxProperties: 0 }, { type: 'null' }] },
      response: responds(SERVICE_TOKEN_REVOKED),
    },
  }, async (request) => {
    await revokeServiceToken(db, actor(request), request.params.id);
    const token = (await listServiceTokens(db)).find((t) => t.id === request.params.id);
    if (!token) throw new NotFoundError(`no service token with id ${request.params.id}`);
    return { token };
  });
}
