import type { FastifyInstance } from 'fastify';
import { findSite, importSites, listRegisteredSites, siteRowFrom } from '../../library/sites';
import { NotFoundError } from '../../library/errors';
import type { Db } from '../../library/store';
import type { AdminGuard } from '../admin-guard';
import { REGISTERED_SITE, REGISTERED_SITES, SITES_IMPORTED } from '../schemas/admin';
import { responds } from '../schemas/common';

/**
 * The site registry behind the admin token: GET /v1/admin/sites, GET /v1/admin/sites/:code and
 * POST /v1/admin/sites (a JSON array of site rows, validated like `zhiwen sites import`; 200 with the
 * per-row rejections, so one bad row does not block the rest). The public GET /v1/sites stays in system.ts.
 */
export function registerSitesAdminRoutes(app: FastifyInstance, db: Db, guard: AdminGuard): void {
  app.get('/v1/admin/sites', { preHandler: guard, schema: { summary: 'Registered sites, by code', tags: ['admin'], response: responds(REGISTERED_SITES) } },
    async () => ({ sites: await listRegisteredSites(db) }));

  app.get<{ Params: { code: string } }>(
    '/v1/admin/sites/:code',
    {
      preHandler: guard,
      schema: {
        summary: 'One registered site',
        tags: ['admin'],
        params: { type: 'object', properties: { code: { type: 'string', minLength: 1, maxLength: 60 } }, required: ['code'] },
        response: responds(REGISTERED_SITE),
      },
    },
    async (request) => {
      const site = await findSite(db, request.params.code);
      if (!site) throw new NotFoundError(`site ${request.params.code} is not registered: see GET /v1/admin/sites`);
      return site;
    },
  );

  app.post<{ Body: Array<Record<string, unknown>> }>(
    '/v1/admin/sites',
    {
      preHandler: guard,
      schema: {
        summary: 'Register or update sites (rows as in a site list file)',
        tags: ['admin'],
        body: { type: 'array', maxItems: 10000, items: { type: 'object' } },
        response: responds(SITES_IMPORTED),
      },
    },
    async (request) => importSites(db, request.body.map(siteRowFrom)),
  );
}
