import type { FastifyInstance } from 'fastify';
import { listSites } from '../../library/documents';
import { replicaHealth } from '../../retrieval/search';
import type { AppServices } from '../compose';
import { HEALTH } from '../schemas/admin';
import { ERROR_RESPONSES, responds } from '../schemas/common';
import { SITES_RESPONSE } from '../schemas/search';

export function registerSystemRoutes(app: FastifyInstance, services: Pick<AppServices, 'db' | 'search'>): void {
  // 503 while the database is unreachable or this replica lags the library, so a load balancer routes around it.
  app.get('/healthz', { schema: { hide: true, response: { 200: HEALTH, 503: HEALTH, ...ERROR_RESPONSES } } }, async (_request, reply) => {
    const { index } = services.search;
    const health = await replicaHealth(services.db, services.search);
    return reply.code(health.ok ? 200 : 503).send({ ...health, index: { ...index.size, mib: Math.round(index.heldBytes / 2 ** 20) } });
  });
  app.get('/v1/sites', { schema: { summary: 'Sites on the platform', tags: ['library'], response: responds(SITES_RESPONSE) } }, async () => ({
    sites: (await listSites(services.db)).map((s) => ({
      code: s.code, name: s.name, level: s.level, regionCode: s.region_code, domains: s.domains,
    })),
  }));
}
