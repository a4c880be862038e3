import type { FastifyRequest } from 'fastify';
import type { RequestOrigin, SiteTree } from '../../library/accounts';
import { listSites } from '../../library/documents';
import type { Queryable } from '../../library/store';

/** Where a request came from, for the audit log. */
export const originOf = (request: FastifyRequest): RequestOrigin => ({
  address: request.ip,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
});

/** The registry's site tree as the database has it now (hundreds of rows; read per admin request, never stale). */
export async function siteTree(db: Queryable): Promise<SiteTree & { ids: number[] }> {
  const rows = await listSites(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { getById: (id) => byId.get(id), ids: rows.map((r) => r.id) };
}
