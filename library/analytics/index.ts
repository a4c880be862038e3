/**
 * Usage analytics for operators (issue 16): searches, answers and feedback counted per day (Beijing
 * time), per site and per region, scoped to the sites a caller may read, with CSV export.
 * Read-only over the logs that retrieval/curation (query_log) and library/consultation (answers, feedback) write.
 */
export { usageReport, withRates } from './usage-report';
export type { UsageCounts, UsageFigures, UsageReport, DailyUsage, SiteUsage, RegionUsage } from './usage-report';
export { topQueries } from './top-queries';
export type { TopQuery, TopQueryOptions } from './top-queries';
export { analyticsCsv, EXPORT_TABLES, type ExportTable } from './export';
export { toCsv } from './csv';
export { windowOf, siteExists, type AnalyticsScope } from './scope';
