/**
 * Public site keys (issue 15, migration 015): which site, environment, search scope and browser
 * origins an embedded widget may use, rotated without downtime; and the citizen tokens a site's
 * backend signs with its key's secret so answers and feedback carry who asked (docs/site-keys.md).
 */
export {
  createSiteKey, rotateSiteKey, revokeSiteKey, listSiteKeys, getSiteKey, resolveSiteKey, siteSigningSecrets, normalizeOrigin,
  KEY_SCOPES, DEFAULT_ROTATION_OVERLAP_DAYS, MAX_ORIGINS,
} from './site-keys';
export type { SiteKey, NewSiteKey, KeyScope, Rotation } from './site-keys';
export { signCitizenToken, verifyCitizenToken, CITIZEN_TOKEN_MAX_SECONDS } from './citizen-token';
export type { CitizenClaims } from './citizen-token';
