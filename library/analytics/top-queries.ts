import type { Queryable } from '../store';
import { scopeCondition, windowOf, type AnalyticsScope } from './scope';

export interface TopQuery {
  /** The query as the analyzer normalised it (width, Traditional → Simplified, case). */
  query: string;
  searches: number;
  zeroResultSearches: number;
  zeroResultRate: number;
  /** How many sites it was searched on (null-site logs count as one). */
  sites: number;
  lastSearchedAt: string;
}

export interface TopQueryOptions {
  /** Only queries that found nothing at least once, most often failing first (synonym and FAQ candidates). */
  zeroResultsOnly?: boolean;
  /** At most this many rows, 1–1000. */
  limit: number;
}

/** The most searched queries of the scope, across its sites. */
export async function topQueries(db: Queryable, scope: AnalyticsScope, options: TopQueryOptions): Promise<TopQuery[]> {
  const q = scopeCondition(scope, 'l.site_code', 2);
  const zeroOnly = options.zeroResultsOnly ?? false;
  const { rows } = await db.query<{ query: string; searches: number; zero: number; sites: number; last: Date | string }>(
    `SELECT l.normalized AS query, count(*)::int AS searches, count(*) FILTER (WHERE l.result_count = 0)::int AS zero,
            count(DISTINCT coalesce(l.site_code, ''))::int AS sites, max(l.created_at) AS last
       FROM query_log l LEFT JOIN sites s ON s.code = l.site_code
      WHERE l.created_at >= $1 AND ${q.sql}
      GROUP BY l.normalized
     HAVING NOT $5::boolean OR count(*) FILTER (WHERE l.result_count = 0) > 0
      ORDER BY ${zeroOnly ? 'zero DESC, ' : ''}searches DESC, query LIMIT $6`,
    [windowOf(scope.days).since, ...q.params, zeroOnly, options.limit],
  );
  return rows.map((r) => ({
    query: r.query, searches: r.searches, zeroResultSearches: r.zero,
    zeroResultRate: Math.round((r.zero / r.searches) * 10_000) / 10_000, sites: r.sites, lastSearchedAt: new Date(r.last).toISOString(),
  }));
}
