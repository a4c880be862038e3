export { importSites, listRegisteredSites, findSite, findSiteByDomain, siteRowFrom, validateSiteRow } from './registry';
export type { RegisteredSite, SiteListRow, SiteImportResult, SiteRejection } from './registry';
export { SiteResolver } from './site-resolver';
export type { SiteResolverOptions, SiteResolution } from './site-resolver';
export { SITE_LEVELS, siteCodeProblem, regionCodeProblem, domainProblem, hostOf } from './site-rules';
export type { RegisteredSiteLevel } from './site-rules';
export { SiteDirectory, requireSiteId, regionPrefix } from './site-directory';
