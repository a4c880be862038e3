import type { Queryable } from '../store';
import { beijingDay, scopeCondition, windowOf, type AnalyticsScope } from './scope';

/**
 * What visitors did, counted from the logs the API writes: searches (`query_log`), answers
 * (`answer_log`: kind faq = a curated entry answered, library = answered from documents,
 * suggestions = similar entries offered, not_found = declined and handed to 留言咨询 / 12345)
 * and 有用 / 没用 feedback (`answer_feedback`, counted on the day it was given).
 */
export interface UsageCounts {
  searches: number;
  zeroResultSearches: number;
  asks: number;
  /** Answers given outright: from a curated entry (faq) or from documents (library). */
  answered: number;
  faqHits: number;
  suggestions: number;
  /** Declined (not_found): the reply hands the visitor to 留言咨询 and the 12345 hotline. */
  declines: number;
  helpful: number;
  unhelpful: number;
}

/** Counts with their rates (null where the denominator is 0: no rate, rather than a misleading 0%). */
export interface UsageFigures extends UsageCounts {
  zeroResultRate: number | null;
  answerRate: number | null;
  faqHitRate: number | null;
  declineRate: number | null;
  /** 有用 / (有用 + 没用). */
  satisfaction: number | null;
}

export interface DailyUsage extends UsageFigures {
  /** A Beijing-time day, YYYY-MM-DD. */
  day: string;
}

export interface SiteUsage extends UsageFigures {
  /** null: logs that named no site (the platform's own search page). */
  site: string | null;
  name: string | null;
  regionCode: string | null;
}

export interface RegionUsage extends UsageFigures {
  regionCode: string | null;
  /** The name of the region's own site (a city's portal rather than one of its departments). */
  name: string | null;
}

export interface UsageReport {
  window: { from: string; to: string; days: number };
  totals: UsageFigures;
  daily: DailyUsage[];
  bySite: SiteUsage[];
  byRegion: RegionUsage[];
}

const ZERO: UsageCounts = {
  searches: 0, zeroResultSearches: 0, asks: 0, answered: 0, faqHits: 0, suggestions: 0, declines: 0, helpful: 0, unhelpful: 0,
};
const KEYS = Object.keys(ZERO) as Array<keyof UsageCounts>;

const rate = (n: number, of: number): number | null => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : null);

export function withRates(c: UsageCounts): UsageFigures {
  return {
    ...c,
    zeroResultRate: rate(c.zeroResultSearches, c.searches),
    answerRate: rate(c.answered, c.asks),
    faqHitRate: rate(c.faqHits, c.asks),
    declineRate: rate(c.declines, c.asks),
    satisfaction: rate(c.helpful, c.helpful + c.unhelpful),
  };
}

const add = (a: UsageCounts, b: UsageCounts): UsageCounts =>
  Object.fromEntries(KEYS.map((k) => [k, a[k] + b[k]])) as unknown as UsageCounts;

/**
 * The three logs counted per `groupBy` (a day or a site code), each filtered by the scope: one
 * aggregate per log, joined on the group, so a day with searches but no asks still has a row.
 */
function countsSql(groupBy: (table: string) => string, scope: AnalyticsScope): { sql: string; params: unknown[] } {
  const { since } = windowOf(scope.days);
  const q = scopeCondition(scope, 'l.site_code', 2);
  const sql = `
    WITH searches AS (
      SELECT ${groupBy('l')} AS g, count(*)::int AS searches, count(*) FILTER (WHERE l.result_count = 0)::int AS zero
        FROM query_log l LEFT JOIN sites s ON s.code = l.site_code
       WHERE l.created_at >= $1 AND ${q.sql} GROUP BY 1),
    asks AS (
      SELECT ${groupBy('l')} AS g, count(*)::int AS asks,
             count(*) FILTER (WHERE l.kind IN ('faq', 'library'))::int AS answered,
             count(*) FILTER (WHERE l.kind = 'faq')::int AS faq,
             count(*) FILTER (WHERE l.kind = 'suggestions')::int AS suggestions,
             count(*) FILTER (WHERE l.kind = 'not_found')::int AS declines
        FROM answer_log l LEFT JOIN sites s ON s.code = l.site_code
       WHERE l.created_at >= $1 AND ${q.sql} GROUP BY 1),
    feedback AS (
      SELECT ${groupBy('f')} AS g, count(*) FILTER (WHERE f.helpful)::int AS helpful, count(*) FILTER (WHERE NOT f.helpful)::int AS unhelpful
        FROM answer_feedback f JOIN answer_log l ON l.answer_id = f.answer_id LEFT JOIN sites s ON s.code = l.site_code
       WHERE f.created_at >= $1 AND ${q.sql} GROUP BY 1),
    groups AS (SELECT g FROM searches UNION SELECT g FROM asks UNION SELECT g FROM feedback)
    SELECT groups.g, coalesce(searches.searches, 0) AS searches, coalesce(searches.zero, 0) AS zero,
           coalesce(asks.asks, 0) AS asks, coalesce(asks.answered, 0) AS answered, coalesce(asks.faq, 0) AS faq,
           coalesce(asks.suggestions, 0) AS suggestions, coalesce(asks.declines, 0) AS declines,
           coalesce(feedback.helpful, 0) AS helpful, coalesce(feedback.unhelpful, 0) AS unhelpful
      FROM groups
      LEFT JOIN searches ON searches.g IS NOT DISTINCT FROM groups.g
      LEFT JOIN asks ON asks.g IS NOT DISTINCT FROM groups.g
      LEFT JOIN feedback ON feedback.g IS NOT DISTINCT FROM groups.g`;
  return { sql, params: [since, ...q.params] };
}

interface CountRow {
  g: string | Date | null;
  searches: number; zero: number; asks: number; answered: number; faq: number; suggestions: number; declines: number; helpful: number; unhelpful: number;
}

const countsOf = (r: CountRow): UsageCounts => ({
  searches: r.searches, zeroResultSearches: r.zero, asks: r.asks, answered: r.answered, faqHits: r.faq,
  suggestions: r.suggestions, declines: r.declines, helpful: r.helpful, unhelpful: r.unhelpful,
});

/** Figures for the scope: totals, one row per Beijing day of the window (zeros included), per site and per region. */
export async function usageReport(db: Queryable, scope: AnalyticsScope): Promise<UsageReport> {
  const window = windowOf(scope.days);
  const daily = countsSql((t) => `to_char(${beijingDay(`${t}.created_at`)}, 'YYYY-MM-DD')`, scope);
  const bySite = countsSql(() => 'l.site_code', scope);
  const [dayRows, siteRows] = await Promise.all([
    db.query<CountRow>(daily.sql, daily.params),
    db.query<CountRow & { name: string | null; region_code: string | null; level: string | null }>(
      `SELECT c.*, s.name, s.region_code, s.level FROM (${bySite.sql}) c LEFT JOIN sites s ON s.code = c.g`,
      bySite.params,
    ),
  ]);
  const byDay = new Map(dayRows.rows.map((r) => [String(r.g), countsOf(r)]));
  const days: DailyUsage[] = [];
  for (let t = Date.parse(window.from); t <= Date.parse(window.to); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push({ day, ...withRates(byDay.get(day) ?? ZERO) });
  }
  const sites = siteRows.rows
    .map((r) => ({ site: r.g === null ? null : String(r.g), name: r.name, regionCode: r.region_code, level: r.level, counts: countsOf(r) }))
    .sort((a, b) => b.counts.searches + b.counts.asks - (a.counts.searches + a.counts.asks) || String(a.site).localeCompare(String(b.site)));
  const regions = new Map<string | null, { name: string | null; level: string | null; counts: UsageCounts }>();
  for (const s of sites) {
    const r = regions.get(s.regionCode) ?? { name: null, level: null, counts: ZERO };
    // The region's own portal names it: any level beats none, a non-department beats a department.
    const better = s.name && (!r.name || (r.level === 'department' && s.level !== 'department'));
    regions.set(s.regionCode, { name: better ? s.name : r.name, level: better ? s.level : r.level, counts: add(r.counts, s.counts) });
  }
  return {
    window: { from: window.from, to: window.to, days: scope.days },
    totals: withRates(sites.reduce((sum, s) => add(sum, s.counts), ZERO)),
    daily: days,
    bySite: sites.map((s) => ({ site: s.site, name: s.name, regionCode: s.regionCode, ...withRates(s.counts) })),
    byRegion: [...regions].map(([regionCode, r]) => ({ regionCode, name: r.name, ...withRates(r.counts) }))
      .sort((a, b) => b.searches + b.asks - (a.searches + a.asks)),
  };
}
