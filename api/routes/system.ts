import type { FastifyInstance } from 'fastify';
import { listSites } from '../../library/documents';
import type { AppServices } from '../app';

export function registerSystemRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/healthz', { schema: { hide: true } }, async () => {
    const { index } = services.search;
    return { ok: true, index: { ...index.size, mib: Math.round(index.heldBytes / 2 ** 20) } };
  });
  app.get('/v1/sites', { schema: { summary: 'Sites on the platform', tags: ['library'] } }, async () => ({
    sites: (await listSites(services.db)).map((s) => ({
      code: s.code, name: s.name, level: s.level, regionCode: s.region_code, domains: s.domains,
    })),
  }));
}
