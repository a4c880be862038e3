import type { FastifyRequest } from 'fastify';
import {
  accountPrincipal, resolveServiceToken, resolveSession, servicePrincipal, type Principal,
} from '../../library/accounts';
import { zhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import { ADMIN_TOKEN_HEADER, adminGuard, type AdminGuard } from '../admin-guard';

/** How a request proved who it is; 'legacy' is the deprecated shared x-zhiwen-admin-token. */
export type CredentialKind = 'session' | 'service' | 'legacy' | 'none';

/**
 * The deprecated shared admin token acts as a platform admin named "admin-token"; only with it may
 * the x-zhiwen-user header still name the editor (api/auth/acting-name.ts).
 */
export const LEGACY_ADMIN: Principal = { kind: 'service', id: null, name: 'admin-token', grants: [{ role: 'platform_admin', siteId: null }] };

export interface Credentials {
  resolve(request: FastifyRequest): Promise<{ principal: Principal; kind: CredentialKind; secret?: string }>;
}

/** The bearer secret of `Authorization: Bearer zs_…|zt_…`, or undefined when the header is absent. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw zhiwenError('CREDENTIAL_INVALID');
  return m[1];
}

/**
 * Turns a request's credential into a Principal: a login session (zs_…), a service token (zt_…),
 * or the legacy admin token; throws CREDENTIAL_REQUIRED without one and CREDENTIAL_INVALID for an
 * unknown, expired or revoked one (both 401).
 */
export function credentials(db: Db, legacyAdminToken: string | undefined): Credentials {
  const legacy: AdminGuard = adminGuard(legacyAdminToken, 'the shared admin token (deprecated)');
  return {
    async resolve(request) {
      const secret = bearerOf(request);
      if (secret?.startsWith('zs_')) return { principal: accountPrincipal(await resolveSession(db, secret)), kind: 'session', secret };
      if (secret?.startsWith('zt_')) return { principal: servicePrincipal(await resolveServiceToken(db, secret)), kind: 'service', secret };
      if (secret) throw zhiwenError('CREDENTIAL_INVALID');
      if (request.headers[ADMIN_TOKEN_HEADER] !== undefined) {
        await legacy(request);
        return { principal: LEGACY_ADMIN, kind: 'legacy' };
      }
      throw zhiwenError('CREDENTIAL_REQUIRED', ADMIN_TOKEN_HEADER);
    },
  };
}
