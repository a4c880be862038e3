import { zhiwenError } from '../errors';
import type { Actor } from './audit-log';
import type { Account } from './accounts';
import { grantsAllow, type Action, type Grant, type SiteTree } from './roles';
import type { ServiceToken } from './service-tokens';
import type { RequestOrigin } from './sessions';

/** Who a request acts as, once its credential is checked: never taken from a header's say-so. */
export interface Principal {
  kind: 'account' | 'service' | 'anonymous';
  id: number | null;
  /** The account's username or the token's name: what the audit log and "no self-approval" compare. */
  name: string;
  grants: readonly Grant[];
}

export const ANONYMOUS: Principal = { kind: 'anonymous', id: null, name: 'anonymous', grants: [] };

export function accountPrincipal(account: Account): Principal {
  return { kind: 'account', id: account.id, name: account.username, grants: account.grants };
}

export function servicePrincipal(token: ServiceToken): Principal {
  return { kind: 'service', id: token.id, name: `token:${token.name}`, grants: [{ role: token.role, siteId: token.siteId }] };
}

/** Throws ACTION_FORBIDDEN unless one of the principal's grants allows `action` on `siteId` (null: platform-wide). */
export function authorize(tree: SiteTree, principal: Principal, action: Action, siteId: number | null): void {
  if (grantsAllow(tree, principal.grants, action, siteId)) return;
  const where = siteId === null ? 'the whole platform' : `site ${tree.getById(siteId)?.code ?? siteId}`;
  throw zhiwenError('ACTION_FORBIDDEN', principal.kind === 'anonymous' ? 'an anonymous caller' : `"${principal.name}"`, action, where);
}

/** The audit log's actor for a principal's request. */
export function actorOf(principal: Principal, origin: RequestOrigin = {}, role?: string): Actor {
  return {
    kind: principal.kind === 'service' ? 'service' : principal.kind === 'account' ? 'account' : 'system',
    id: principal.id, name: principal.name, role: role ?? principal.grants.map((g) => g.role).join(',') ?? null,
    address: origin.address, userAgent: origin.userAgent,
  };
}
