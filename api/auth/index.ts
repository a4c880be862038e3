/**
 * Who is calling and what they may do (issue 15), wired into the HTTP API: credentials → Principal
 * (credentials.ts), one table of each route's action and sites (route-actions.ts) enforced by hooks
 * (authorization.ts), the acting name for histories (acting-name.ts), an audit entry for every
 * write (audit-writes.ts), the login, logout, me and audit routes (auth-routes.ts), refresh and
 * password change (session-routes.ts), OIDC sign-in (oidc/), accounts and service tokens over HTTP
 * (account-routes.ts, service-token-routes.ts, scopes in account-scopes.ts);
 * tests share test-fixture.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../library/store';
import { registerAccountRoutes } from './account-routes';
import { registerAuthRoutes as registerSignInRoutes } from './auth-routes';
import type { OidcClient } from './oidc/oidc-client';
import { registerOidcRoutes } from './oidc/oidc-routes';
import { registerServiceTokenRoutes } from './service-token-routes';
import { registerSessionRoutes } from './session-routes';
import { installAuthorization } from './authorization';
import { installWriteAudit } from './audit-writes';
import { credentials } from './credentials';

export { actingName, USER_HEADER } from './acting-name';
export { requireAuthorized, ruleOf } from './authorization';
export { LEGACY_ADMIN, type CredentialKind } from './credentials';
export { ROUTE_RULES, ruleKey, type RouteRule } from './route-actions';

export interface AuthOptions {
  /** The deprecated shared ZHIWEN_ADMIN_TOKEN (x-zhiwen-admin-token): acts as the platform admin "admin-token". */
  legacyAdminToken?: string;
}

/** Installs the hooks; call before any route is registered so they cover every route. */
export function installAuth(app: FastifyInstance, db: Db, options: AuthOptions = {}): void {
  installAuthorization(app, db, credentials(db, options.legacyAdminToken));
  installWriteAudit(app, db);
}

/**
 * Sign-in (password and OIDC), refresh, password change, me, the audit log, and the administration
 * of accounts and service tokens. `oidc`: sign-in through the unified identity, when configured.
 */
export function registerAuthRoutes(app: FastifyInstance, db: Db, oidc?: OidcClient): void {
  registerSignInRoutes(app, db);
  registerSessionRoutes(app, db);
  registerOidcRoutes(app, db, oidc);
  registerAccountRoutes(app, db);
  registerServiceTokenRoutes(app, db);
}

export { OidcClient } from './oidc/oidc-client';
export type { OidcSettings } from './oidc/oidc-settings';

/** Security schemes for the OpenAPI document (/docs). */
export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: 'a login session (zs_…, POST /v1/auth/login) or a service token (zt_…, `zhiwen tokens issue`)' },
  legacyAdminToken: { type: 'apiKey', in: 'header', name: 'x-zhiwen-admin-token', description: 'deprecated: the shared ZHIWEN_ADMIN_TOKEN, acting as the platform admin "admin-token"; use accounts instead' },
} as const;
