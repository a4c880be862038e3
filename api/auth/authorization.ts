import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANONYMOUS, authorize, roleAllows, type Action, type Principal } from '../../library/accounts';
import { zhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import type { AdminGuard } from '../admin-guard';
import type { CredentialKind, Credentials } from './credentials';
import { siteTree } from './request-context';
import { ROUTE_RULES, ruleKey, type RouteRule } from './route-actions';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts as (api/auth): ANONYMOUS on public routes, whose credentials are never read. */
    principal: Principal;
    credentialKind: CredentialKind;
    /** The bearer secret of a session (for logout). */
    credentialSecret?: string;
    /** The action this request was authorized for, once the authorization hook has run. */
    authorizedAction?: Action;
    /** The sites it was authorized on (null: the platform; absent: a listing of any scope). */
    authorizedSites?: Array<number | null>;
    /** The write's target as it was before (the rule's `before`), for the audit log. */
    auditBefore?: unknown;
  }
}

/** The rule of the route a request matched; routes under /v1 and /d without one are refused (fail closed). */
export function ruleOf(request: FastifyRequest): RouteRule | undefined {
  const url = request.routeOptions?.url;
  if (!url) return { access: 'public' }; // the not-found handler
  const rule = ROUTE_RULES[ruleKey(request.method, url)];
  if (rule) return rule;
  return url.startsWith('/v1/') || url.startsWith('/d/') ? undefined : { access: 'public' }; // static files, /docs
}

/**
 * Credentials, then authorization, for every route, from one table (api/auth/route-actions.ts):
 * onRequest turns the credential into a Principal (401); preValidation, which sees the parsed body
 * but runs before validation so a refused caller learns nothing about the input, checks the action
 * on the sites the request acts on (403).
 */
export function installAuthorization(app: FastifyInstance, db: Db, creds: Credentials): void {
  // /docs: public routes take no credential (the document's default is bearer or the legacy header).
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.schema && methods.every((m) => ROUTE_RULES[ruleKey(m, route.url)]?.access === 'public')) route.schema = { ...route.schema, security: [] };
  });
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('credentialKind', 'none' as CredentialKind);
  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
    request.credentialKind = 'none';
    const rule = ruleOf(request);
    if (!rule) throw zhiwenError('ACTION_FORBIDDEN', 'anyone', `${request.method} ${request.routeOptions.url} (no rule in api/auth/route-actions.ts)`, 'this server');
    if (rule.access === 'public' || rule.access === 'local') return;
    const { principal, kind, secret } = await creds.resolve(request);
    request.principal = principal;
    request.credentialKind = kind;
    request.credentialSecret = secret;
  });
  app.addHook('preValidation', async (request) => {
    const rule = ruleOf(request);
    if (rule?.access !== 'action') return;
    const action = typeof rule.action === 'function' ? rule.action(request) : rule.action;
    const targets = await rule.sites(request, db);
    if (targets === 'any') {
      if (!request.principal.grants.some((g) => roleAllows(g.role, action))) {
        authorize({ getById: () => undefined }, request.principal, action, null); // throws ACTION_FORBIDDEN
      }
    } else {
      const tree = await siteTree(db);
      for (const siteId of new Set(targets)) authorize(tree, request.principal, action, siteId);
    }
    request.authorizedAction = action;
    if (targets !== 'any') request.authorizedSites = targets;
    if (rule.before) request.auditBefore = await rule.before(request, db);
  });
}

/**
 * The guard routes take (api/app.ts passes it as `adminOnly`): refuses a request the authorization
 * hook did not pass, so a route registered outside the table can never run unguarded.
 */
export const requireAuthorized: AdminGuard = async (request) => {
  // Runs as onRequest for some routes (before preValidation): there it checks the credential only.
  if (request.principal === ANONYMOUS || !request.principal) throw zhiwenError('ACTION_FORBIDDEN', 'an anonymous caller', 'use this route', 'this server');
};
