import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleAllows, scopeCovers } from '../../library/accounts';
import {
  analyticsCsv, EXPORT_TABLES, siteExists, topQueries, usageReport, type AnalyticsScope, type ExportTable,
} from '../../library/analytics';
import { zhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import type { AdminGuard } from '../admin-guard';
import { siteTree } from '../auth/request-context';
import { ANALYTICS_CSV, TOP_QUERIES, USAGE_REPORT } from '../schemas/analytics';
import { ERROR_RESPONSES, responds } from '../schemas/common';

const tags = ['analytics'];
const ACTION = 'monitor.read' as const;

interface ScopeQuery { site?: string; region?: string; days: number }
const scopeProperties = {
  site: { type: 'string', minLength: 1, maxLength: 100, description: 'only this site (网站标识码)' },
  region: { type: 'string', pattern: '^[0-9]{2,12}$', description: 'only sites in this region (行政区划代码; a city covers its counties)' },
  days: { type: 'integer', minimum: 1, maximum: 366, default: 30, description: 'days back, today (Beijing time) included' },
} as const;

/**
 * The caller's scope: a platform-wide grant reads everything (and the logs that named no site);
 * a scoped one only the sites its grants reach (library/accounts' scope rule).
 */
async function scopeOf(db: Db, request: FastifyRequest<{ Querystring: ScopeQuery }>): Promise<AnalyticsScope> {
  const { site, region, days } = request.query;
  if (site && !(await siteExists(db, site))) throw zhiwenError('UNKNOWN_SITE', site);
  const grants = request.principal.grants.filter((g) => roleAllows(g.role, ACTION));
  let visibleSiteIds: number[] | undefined;
  if (!grants.some((g) => g.siteId === null)) {
    const tree = await siteTree(db);
    visibleSiteIds = tree.ids.filter((id) => grants.some((g) => scopeCovers(tree, g.siteId, id)));
  }
  return { visibleSiteIds, site, region, days };
}

/** GET /v1/admin/analytics/{usage,queries,export}: what visitors searched and asked, and how it went. */
export function registerAnalyticsRoutes(app: FastifyInstance, db: Db, guard: AdminGuard): void {
  app.get<{ Querystring: ScopeQuery }>('/v1/admin/analytics/usage', {
    preHandler: guard,
    schema: {
      summary: 'Searches, zero-result rate, answer rate, FAQ hit rate, declines (handed to 留言/12345) and 有用/没用 satisfaction: totals, per day, per site, per region',
      tags, querystring: { type: 'object', additionalProperties: false, properties: scopeProperties }, response: responds(USAGE_REPORT),
    },
  }, async (request) => usageReport(db, await scopeOf(db, request)));

  app.get<{ Querystring: ScopeQuery & { zeroResults: boolean; limit: number } }>('/v1/admin/analytics/queries', {
    preHandler: guard,
    schema: {
      summary: 'The most searched queries, or (zeroResults=true) those that found nothing, most often first',
      tags, response: responds(TOP_QUERIES),
      querystring: { type: 'object', additionalProperties: false, properties: {
        ...scopeProperties, zeroResults: { type: 'boolean', default: false }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 20 },
      } },
    },
  }, async (request) => ({
    queries: await topQueries(db, await scopeOf(db, request), { zeroResultsOnly: request.query.zeroResults, limit: request.query.limit }),
  }));

  app.get<{ Querystring: ScopeQuery & { table: ExportTable } }>('/v1/admin/analytics/export', {
    preHandler: guard,
    schema: {
      summary: 'One analytics table as CSV: daily, sites, regions, queries or zero-result-queries',
      tags, response: { 200: ANALYTICS_CSV, ...ERROR_RESPONSES },
      querystring: { type: 'object', additionalProperties: false, required: ['table'], properties: {
        ...scopeProperties, table: { type: 'string', enum: [...EXPORT_TABLES] },
      } },
    },
  }, async (request, reply) => {
    const csv = await analyticsCsv(db, await scopeOf(db, request), request.query.table);
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="zhiwen-${request.query.table}-${request.query.days}d.csv"`)
      .send(csv);
  });
}
