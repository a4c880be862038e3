import type { FastifyRequest } from 'fastify';
import type { Action } from '../../library/accounts';
import type { Queryable } from '../../library/store';
import { accountSites, grantSite, newAccountSites, newTokenSite, tokenSite } from './account-scopes';

/**
 * Which sites a request acts on: ids (null = the platform as a whole), or 'any' for a listing that
 * takes no site (the principal needs the action on some scope). An unknown site code counts as the
 * platform, so only a platform-wide grant reaches it (fail closed).
 */
export type TargetSites = Array<number | null> | 'any';
export type SitesOf = (request: FastifyRequest, db: Queryable) => Promise<TargetSites>;

/**
 * What a route needs: 'public' (no credential looked at), 'signed-in' (any valid credential),
 * 'local' (its own loopback secret, api/routes/local-writes.ts), or an action on the sites it acts on.
 * `audit` names the audit log's action for a write (recorded by api/auth/audit-writes.ts).
 */
export type RouteRule =
  | { access: 'public' | 'signed-in' | 'local' }
  | { access: 'action'; action: Action | ((request: FastifyRequest) => Action); sites: SitesOf; audit?: string; before?: Snapshot; auditedBy?: 'library' };

/** The target's state before a write, for the audit log's `before`. */
export type Snapshot = (request: FastifyRequest, db: Queryable) => Promise<unknown>;

type Input = Record<string, unknown> | undefined;
const field = (source: unknown, key: string): unknown => (source && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined);
/** The route's :id as a stored integer id, or 0 (matches no row) for anything validation will refuse. */
const idParam = (req: FastifyRequest): number => {
  const id = Number(field(req.params, 'id'));
  return Number.isInteger(id) && id >= 1 && id <= 2_147_483_647 ? id : 0;
};

/** A text value safe to look up (validation has not run yet: no NUL, bounded length). */
const lookupText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\u0000');

async function siteIdOfCode(db: Queryable, code: unknown): Promise<number | null> {
  if (!lookupText(code, 100)) return null;
  const { rows } = await db.query<{ id: number }>('SELECT id FROM sites WHERE code = $1', [code]);
  return rows[0]?.id ?? null;
}

async function siteIdOfRegion(db: Queryable, region: unknown): Promise<number | null> {
  if (!lookupText(region, 12)) return null;
  const { rows } = await db.query<{ id: number }>("SELECT id FROM sites WHERE region_code = $1 ORDER BY (level = 'department'), id LIMIT 1", [region]);
  return rows[0]?.id ?? null;
}

const platform: SitesOf = async () => [null];
const anySite: SitesOf = async () => 'any';
/** A listing: the site named in the query, else any scope. */
const querySiteOrAny: SitesOf = async (req, db) => (field(req.query, 'site') ? [await siteIdOfCode(db, field(req.query, 'site'))] : 'any');
/** A write naming its site in the body (`site`, a code; absent or null: the platform). */
const bodySite: SitesOf = async (req, db) => [await siteIdOfCode(db, field(req.body, 'site'))];

/** A row's own site (curated hot words and pins keep site_id; null: the platform). */
const rowSite = (table: 'curated_hot_words' | 'curated_pins'): SitesOf => async (req, db) => {
  const { rows } = await db.query<{ site_id: number | null }>(`SELECT site_id FROM ${table} WHERE id = $1`, [idParam(req)]);
  return [rows[0]?.site_id ?? null];
};
/** Replacing a row: both its current site and the one it moves to. */
const rowAndBodySite = (table: 'curated_hot_words' | 'curated_pins'): SitesOf => async (req, db) => [
  ...((await rowSite(table)(req, db)) as Array<number | null>), ...((await bodySite(req, db)) as Array<number | null>),
];

/** The site an FAQ entry answers for: its site, the site of its region, or the platform. */
async function entrySite(db: Queryable, entry: Input): Promise<number | null> {
  const scope = field(entry, 'scope') ?? 'platform';
  if (scope === 'site') return siteIdOfCode(db, field(entry, 'siteCode'));
  if (scope === 'region') return siteIdOfRegion(db, field(entry, 'regionCode'));
  return null;
}
const faqBodySite: SitesOf = async (req, db) => [await entrySite(db, req.body as Input)];
const faqRowSite: SitesOf = async (req, db) => {
  const { rows } = await db.query<{ scope: string; site_code: string | null; region_code: string | null }>(
    'SELECT scope, site_code, region_code FROM faq_entries WHERE id = $1', [idParam(req)],
  );
  const r = rows[0];
  return [r ? await entrySite(db, { scope: r.scope, siteCode: r.site_code, regionCode: r.region_code }) : null];
};
const faqRowAndBodySite: SitesOf = async (req, db) => {
  const sites = (await faqRowSite(req, db)) as Array<number | null>;
  const body = req.body as Input;
  // Before validation: the body may be any JSON value (`in` on a string throws).
  const moves = body !== null && typeof body === 'object' && ('scope' in body || 'siteCode' in body || 'regionCode' in body);
  return moves ? [...sites, await entrySite(db, body)] : sites;
};
const documentSite: SitesOf = async (req, db) => {
  if (!lookupText(field(req.params, 'id'), 2000)) return [null];
  const { rows } = await db.query<{ site_id: number }>('SELECT site_id FROM documents WHERE external_id = $1', [String(field(req.params, 'id') ?? '')]);
  return [rows[0]?.site_id ?? null];
};
const paramSite: SitesOf = async (req, db) => [await siteIdOfCode(db, field(req.params, 'code'))];
/** A suggestion candidate's search box site (kept as a code; '' or an unknown code: the platform). */
const candidateSite: SitesOf = async (req, db) => {
  const { rows } = await db.query<{ code: string }>('SELECT site_code AS code FROM suggestion_candidates WHERE id = $1', [idParam(req)]);
  return [rows[0]?.code ? await siteIdOfCode(db, rows[0].code) : null];
};

/** Approving, rejecting and retiring are the reviewer's; submitting and revising the editor's. */
const faqTransitionAction = (req: FastifyRequest): Action =>
  ['approve', 'reject', 'retire'].includes(String(field(req.params, 'action'))) ? 'editorial.review' : 'editorial.write';

const act = (action: Action | ((r: FastifyRequest) => Action), sites: SitesOf, audit?: string, before?: Snapshot): RouteRule => ({ access: 'action', action, sites, audit, before });

/** A row by the route's :id, as stored (null when there is none). */
const rowById = (table: 'curated_synonyms' | 'curated_hot_words' | 'curated_pins' | 'faq_entries' | 'suggestion_candidates' | 'suggestion_blocklist'): Snapshot => async (req, db) => {
  const id = idParam(req);
  if (!id) return null;
  const { rows } = await db.query(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  return rows[0] ?? null;
};
const PUBLIC: RouteRule = { access: 'public' };

/**
 * Account and token writes: the library records them itself (library/accounts, with before and
 * after, in the change's own transaction, and never a secret it hands out), so the write hook skips them.
 */
const manage = (sites: SitesOf, audit?: string): RouteRule => ({ access: 'action', action: 'site.manage', sites, audit, auditedBy: audit ? 'library' : undefined });

/**
 * Every route's rule, by `METHOD url` as Fastify registers it. A route missing here is refused
 * (api/auth/authorization.ts) and fails api/auth/authorization-matrix.test.ts.
 */
export const ROUTE_RULES: Record<string, RouteRule> = {
  'GET /healthz': PUBLIC,
  'GET /v1/sites': PUBLIC,
  'GET /widget/zhiwen.js': PUBLIC,
  'GET /console': PUBLIC,
  'GET /console/console.js': PUBLIC,
  'GET /console/vendor/charts.js': PUBLIC,
  'GET /admin': PUBLIC,
  'GET /v1/search': PUBLIC,
  'GET /v1/suggest': PUBLIC,
  'POST /v1/ask': PUBLIC,
  'GET /v1/policies/:id/interpretation': PUBLIC,
  'GET /d/:id': PUBLIC,
  'GET /v1/library': PUBLIC,
  'POST /v1/feedback': PUBLIC,
  'POST /v1/local/:task': { access: 'local' },
  'POST /v1/auth/login': PUBLIC,
  'POST /v1/auth/logout': { access: 'signed-in' },
  'GET /v1/auth/me': { access: 'signed-in' },
  'GET /v1/admin/audit': act('audit.read', anySite),
  'POST /v1/auth/refresh': { access: 'signed-in' },
  'POST /v1/auth/password': PUBLIC,
  'GET /v1/auth/oidc/login': PUBLIC,
  'GET /v1/auth/oidc/callback': PUBLIC,

  // People and machines (api/auth/account-routes.ts, service-token-routes.ts; scopes in account-scopes.ts).
  'GET /v1/admin/accounts': manage(anySite),
  'POST /v1/admin/accounts': manage(newAccountSites, 'account.create'),
  'GET /v1/admin/accounts/:id': manage(accountSites),
  'PATCH /v1/admin/accounts/:id': manage(accountSites, 'account.update'),
  'POST /v1/admin/accounts/:id/grants': manage(grantSite, 'account.grant'),
  'POST /v1/admin/accounts/:id/grants/revoke': manage(grantSite, 'account.revoke'),
  'POST /v1/admin/accounts/:id/disable': manage(accountSites, 'account.disable'),
  'POST /v1/admin/accounts/:id/enable': manage(accountSites, 'account.enable'),
  'POST /v1/admin/accounts/:id/password-reset': manage(accountSites, 'account.password_reset'),
  'POST /v1/admin/accounts/:id/unlock': manage(accountSites, 'account.unlock'),
  'GET /v1/admin/accounts/:id/sessions': manage(accountSites),
  'POST /v1/admin/accounts/:id/sessions/revoke': manage(accountSites, 'account.sessions_revoke'),
  'GET /v1/admin/service-tokens': manage(anySite),
  'POST /v1/admin/service-tokens': manage(newTokenSite, 'service_token.issue'),
  'POST /v1/admin/service-tokens/:id/revoke': manage(tokenSite, 'service_token.revoke'),

  'GET /v1/admin/synonyms': act('editorial.read', anySite),
  'POST /v1/admin/synonyms': act('editorial.write', platform, 'synonym.create'),
  'PUT /v1/admin/synonyms/:id': act('editorial.write', platform, 'synonym.update', rowById('curated_synonyms')),
  'DELETE /v1/admin/synonyms/:id': act('editorial.write', platform, 'synonym.delete', rowById('curated_synonyms')),
  'GET /v1/admin/hot-words': act('editorial.read', querySiteOrAny),
  'POST /v1/admin/hot-words': act('editorial.write', bodySite, 'hot_word.create'),
  'PUT /v1/admin/hot-words/:id': act('editorial.write', rowAndBodySite('curated_hot_words'), 'hot_word.update', rowById('curated_hot_words')),
  'DELETE /v1/admin/hot-words/:id': act('editorial.write', rowSite('curated_hot_words'), 'hot_word.delete', rowById('curated_hot_words')),
  'GET /v1/admin/pins': act('editorial.read', querySiteOrAny),
  'POST /v1/admin/pins': act('editorial.write', bodySite, 'pin.create'),
  'PUT /v1/admin/pins/:id': act('editorial.write', rowAndBodySite('curated_pins'), 'pin.update', rowById('curated_pins')),
  'DELETE /v1/admin/pins/:id': act('editorial.write', rowSite('curated_pins'), 'pin.delete', rowById('curated_pins')),
  'GET /v1/admin/query-log': act('editorial.read', querySiteOrAny),
  'GET /v1/admin/suggestion-candidates': act('editorial.read', querySiteOrAny),
  'POST /v1/admin/suggestion-candidates/:id/approve': act('editorial.write', candidateSite, 'suggestion.approve', rowById('suggestion_candidates')),
  'POST /v1/admin/suggestion-candidates/:id/reject': act('editorial.write', candidateSite, 'suggestion.reject', rowById('suggestion_candidates')),
  'GET /v1/admin/suggestion-blocklist': act('editorial.read', anySite),
  'POST /v1/admin/suggestion-blocklist': act('editorial.write', platform, 'suggestion_block.create'),
  'DELETE /v1/admin/suggestion-blocklist/:id': act('editorial.write', platform, 'suggestion_block.delete', rowById('suggestion_blocklist')),

  'GET /v1/admin/jobs': act('monitor.read', platform),
  'GET /v1/admin/jobs/:queue/:id': act('monitor.read', platform),
  'GET /v1/admin/quarantine': act('site.manage', anySite),
  'GET /v1/admin/quarantine/:id': act('site.manage', documentSite),
  'POST /v1/admin/quarantine/:id/release': act('site.manage', documentSite, 'quarantine.release'),
  'POST /v1/admin/quarantine/:id/reject': act('site.manage', documentSite, 'quarantine.reject'),
  'GET /v1/admin/sites': act('site.manage', anySite),
  'GET /v1/admin/sites/:code': act('site.manage', paramSite),
  'POST /v1/admin/sites': act('platform.manage', platform, 'site.import'),
  // Site keys: library/site-keys records each change in the audit log itself (never the signing secret).
  'GET /v1/admin/sites/:code/keys': act('site.manage', paramSite),
  'POST /v1/admin/sites/:code/keys': act('site.manage', paramSite),
  'POST /v1/admin/sites/:code/keys/:id/rotate': act('site.manage', paramSite),
  'POST /v1/admin/sites/:code/keys/:id/revoke': act('site.manage', paramSite),
  // Usage figures (monitor.read); a listing of the caller's own sites when no site is named.
  'GET /v1/admin/analytics/usage': act('monitor.read', querySiteOrAny),
  'GET /v1/admin/analytics/queries': act('monitor.read', querySiteOrAny),
  'GET /v1/admin/analytics/export': act('monitor.read', querySiteOrAny),
  // Hands the session to bull-board (/console/queues/, guarded by api/queue-board/board-auth.ts itself).
  'POST /v1/admin/queue-board/session': act('platform.manage', platform),

  'GET /v1/faqs': act('editorial.read', anySite),
  'POST /v1/faqs': act('editorial.write', faqBodySite, 'faq.create'),
  'POST /v1/faqs/duplicates': act('editorial.read', anySite),
  'POST /v1/faqs/hit-test': act('editorial.read', anySite),
  'GET /v1/faqs/export': act('editorial.read', anySite),
  'POST /v1/faqs/import': act('editorial.write', platform, 'faq.import'),
  'POST /v1/faqs/import/preview': act('editorial.write', platform),
  'GET /v1/faqs/queue': act('editorial.read', anySite),
  'POST /v1/faqs/queue/draft': act('editorial.write', platform, 'faq.draft_from_queue'),
  'GET /v1/faqs/:id': act('editorial.read', faqRowSite),
  'PATCH /v1/faqs/:id': act('editorial.write', faqRowAndBodySite, 'faq.update', rowById('faq_entries')),
  'GET /v1/faqs/:id/versions': act('editorial.read', faqRowSite),
  'POST /v1/faqs/:id/:action': act(faqTransitionAction, faqRowSite, 'faq.transition', rowById('faq_entries')),
};

export const ruleKey = (method: string, url: string) => `${method.toUpperCase()} ${url}`;
