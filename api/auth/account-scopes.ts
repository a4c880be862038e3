import type { FastifyRequest } from 'fastify';
import { grantsAllow, type Grant, type Principal, type SiteTree } from '../../library/accounts';
import type { Queryable } from '../../library/store';

// The sites an account or token route acts on, for its rule in route-actions.ts. The scope rule
// itself is library/accounts/roles.ts (scopeCovers, via authorize/grantsAllow); these only say which
// sites a request touches. They run before validation: anything unreadable resolves to the
// platform (null), which only a platform-wide grant reaches (fail closed).

type Sites = Array<number | null>;
type Input = Record<string, unknown> | undefined;
const field = (source: unknown, key: string): unknown => (source && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined);
const positiveInt = (v: unknown): number => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 ? n : 0;
};

async function siteIdOf(db: Queryable, code: unknown): Promise<number | null> {
  if (typeof code !== 'string' || !code || code.length > 100 || code.includes('\u0000')) return null;
  const { rows } = await db.query<{ id: number }>('SELECT id FROM sites WHERE code = $1', [code]);
  return rows[0]?.id ?? null;
}

/** Every site the account holds a role on (null for a platform grant); an account with no roles counts as the platform's. */
export async function accountGrantSites(db: Queryable, accountId: number): Promise<Sites> {
  const { rows } = await db.query<{ site_id: number | null }>('SELECT DISTINCT site_id FROM role_grants WHERE account_id = $1', [accountId]);
  return rows.length ? rows.map((r) => r.site_id) : [null];
}

/**
 * Managing an account (its password, sessions, lock, name) needs site.manage on every site it holds
 * a role on: a city's site admin manages that city's people, never someone who also holds a role
 * elsewhere or platform-wide (that would reach beyond the admin's own scope).
 */
export const accountSites = async (req: FastifyRequest, db: Queryable): Promise<Sites> => accountGrantSites(db, positiveInt(field(req.params, 'id')));

/** The role's site in the body (`site`; absent or null: the platform). */
const bodySite = async (req: FastifyRequest, db: Queryable): Promise<Sites> => [await siteIdOf(db, field(req.body, 'site'))];

/**
 * Granting or revoking one role needs site.manage on that role's site. An account with no role at
 * all is the platform's: only a platform admin gives it its first role, so a site admin cannot adopt
 * someone unassigned (an OIDC newcomer, say) and then reset their password and act as them.
 */
export const grantSite = async (req: FastifyRequest, db: Queryable): Promise<Sites> => {
  const held = await db.query('SELECT 1 FROM role_grants WHERE account_id = $1 LIMIT 1', [positiveInt(field(req.params, 'id'))]);
  return held.rows.length ? bodySite(req, db) : [null];
};

/** Creating an account needs site.manage on each site of its first roles; one with no roles is the platform's. */
export const newAccountSites = async (req: FastifyRequest, db: Queryable): Promise<Sites> => {
  const grants = field(req.body, 'grants');
  if (!Array.isArray(grants) || grants.length === 0) return [null];
  return Promise.all(grants.slice(0, 50).map((g: Input) => siteIdOf(db, field(g, 'site'))));
};

/** A service token's own site (null: platform-wide; an unknown id: the platform). */
export const tokenSite = async (req: FastifyRequest, db: Queryable): Promise<Sites> => {
  const { rows } = await db.query<{ site_id: number | null }>('SELECT site_id FROM service_tokens WHERE id = $1', [positiveInt(field(req.params, 'id'))]);
  return [rows[0]?.site_id ?? null];
};

/** Issuing a token needs site.manage on its site (`site` in the body). */
export const newTokenSite = bodySite;

/** Whether the principal may manage something on all of these sites (the listings' `manageable`). */
export function managesAll(tree: SiteTree, principal: Principal, sites: Sites): boolean {
  return sites.every((s) => grantsAllow(tree, principal.grants, 'site.manage', s));
}

/** Whether the principal may manage something on at least one of these sites (what a listing shows). */
export function managesAny(tree: SiteTree, grants: readonly Grant[], sites: Sites): boolean {
  return sites.some((s) => grantsAllow(tree, grants, 'site.manage', s));
}
