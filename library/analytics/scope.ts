import { regionPrefix } from '../sites';
import type { Queryable } from '../store';

/** Which logs a report reads: the caller's sites, narrowed by an optional site and region, over a window. */
export interface AnalyticsScope {
  /** Site ids the caller may read; undefined = every site and the platform-level logs (no site). */
  visibleSiteIds?: readonly number[];
  /** Only this site's logs (a 网站标识码). */
  site?: string;
  /** Only sites whose 行政区划代码 lies in this region (a city's code covers its counties). */
  region?: string;
  /** Days back, today (Beijing time) included: 1–366. */
  days: number;
}

/** 北京时间: China keeps UTC+8 all year, so a fixed offset buckets days exactly. */
export const BEIJING_OFFSET_HOURS = 8;
const DAY_MS = 86_400_000;

/** The window's first and last Beijing days (YYYY-MM-DD) and its start instant. */
export function windowOf(days: number, now = new Date()): { from: string; to: string; since: Date } {
  const todayStart = Math.floor((now.getTime() + BEIJING_OFFSET_HOURS * 3_600_000) / DAY_MS) * DAY_MS;
  const fromStart = todayStart - (days - 1) * DAY_MS;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(fromStart), to: day(todayStart), since: new Date(fromStart - BEIJING_OFFSET_HOURS * 3_600_000) };
}

/** The SQL day of a timestamptz column, in Beijing time. */
export const beijingDay = (column: string) => `((${column} AT TIME ZONE 'UTC') + interval '${BEIJING_OFFSET_HOURS} hours')::date`;

/**
 * A WHERE fragment over a log row's `site_code` (joined to `sites s`), with its parameters from `first`:
 * the caller's sites, then the site and region filters. A log without a site belongs to the platform,
 * so only an unrestricted caller sees it.
 */
export function scopeCondition(scope: AnalyticsScope, codeColumn: string, first: number): { sql: string; params: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `(${p(0)}::int[] IS NULL OR s.id = ANY(${p(0)}::int[]))
      AND (${p(1)}::text IS NULL OR ${codeColumn} = ${p(1)}::text)
      AND (${p(2)}::text IS NULL OR s.region_code LIKE ${p(2)}::text || '%')`,
    params: [scope.visibleSiteIds ? [...scope.visibleSiteIds] : null, scope.site ?? null, scope.region ? regionLike(scope.region) : null],
  };
}

/** A region code's significant digits (620000 → 62), as the site registry reads them, safe in LIKE. */
const regionLike = (code: string): string => regionPrefix(code).replace(/[%_\\]/g, '');

/** Whether a site code exists (a filter naming an unknown one is the caller's mistake, not an empty report). */
export async function siteExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM sites WHERE code = $1', [code])).rows.length > 0;
}
