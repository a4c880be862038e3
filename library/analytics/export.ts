import type { Queryable } from '../store';
import { toCsv } from './csv';
import type { AnalyticsScope } from './scope';
import { topQueries } from './top-queries';
import { usageReport, type UsageFigures } from './usage-report';

export const EXPORT_TABLES = ['daily', 'sites', 'regions', 'queries', 'zero-result-queries'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const FIGURES: Array<[keyof UsageFigures, string]> = [
  ['searches', 'searches'], ['zeroResultSearches', 'zero_result_searches'], ['zeroResultRate', 'zero_result_rate'],
  ['asks', 'asks'], ['answered', 'answered'], ['answerRate', 'answer_rate'], ['faqHits', 'faq_hits'], ['faqHitRate', 'faq_hit_rate'],
  ['suggestions', 'suggestions'], ['declines', 'declines'], ['declineRate', 'decline_rate'],
  ['helpful', 'helpful'], ['unhelpful', 'unhelpful'], ['satisfaction', 'satisfaction'],
];
const figures = (f: UsageFigures) => FIGURES.map(([k]) => f[k]);
const figureHeader = FIGURES.map(([, h]) => h);

/** One table of the analytics as CSV (what the console's 导出 CSV buttons download). */
export async function analyticsCsv(db: Queryable, scope: AnalyticsScope, table: ExportTable, limit = 1000): Promise<string> {
  if (table === 'queries' || table === 'zero-result-queries') {
    const rows = await topQueries(db, scope, { zeroResultsOnly: table === 'zero-result-queries', limit });
    return toCsv(['query', 'searches', 'zero_result_searches', 'zero_result_rate', 'sites', 'last_searched_at'],
      rows.map((r) => [r.query, r.searches, r.zeroResultSearches, r.zeroResultRate, r.sites, r.lastSearchedAt]));
  }
  const report = await usageReport(db, scope);
  if (table === 'daily') return toCsv(['day', ...figureHeader], report.daily.map((d) => [d.day, ...figures(d)]));
  if (table === 'sites') return toCsv(['site', 'name', 'region_code', ...figureHeader], report.bySite.map((s) => [s.site, s.name, s.regionCode, ...figures(s)]));
  return toCsv(['region_code', 'name', ...figureHeader], report.byRegion.map((r) => [r.regionCode, r.name, ...figures(r)]));
}
