import { createHash } from 'node:crypto';
import { zhiwenError } from '../errors';
import type { Db } from '../store/db';
import { createAccount, getAccount, type Account } from './accounts';
import type { Actor } from './audit-log';

/** What the provider's verified ID token says about the person. */
export interface OidcIdentity {
  subject: string;
  preferredUsername?: string;
  name?: string;
}

/**
 * The account an OIDC subject signs in as. Accounts are linked by the provider's `sub` only
 * (accounts.oidc_subject, set by an admin): a subject is stable and never reassigned, while an
 * e-mail address changes hands and not every provider verifies it, so e-mail never links. An
 * unknown subject is refused with OIDC_ACCOUNT_UNKNOWN, or, when `createUnknown` is on, gets a new
 * account with no roles (it can sign in and do nothing until an admin grants a role).
 */
export async function accountForOidc(db: Db, identity: OidcIdentity, options: { createUnknown: boolean; actor: Actor }): Promise<Account> {
  const { rows } = await db.query<{ id: number; username: string; disabled_at: Date | null }>(
    'SELECT id, username, disabled_at FROM accounts WHERE oidc_subject = $1', [identity.subject],
  );
  if (rows[0]) {
    if (rows[0].disabled_at) throw zhiwenError('ACCOUNT_DISABLED', rows[0].username);
    return (await getAccount(db, rows[0].id))!;
  }
  if (!options.createUnknown) throw zhiwenError('OIDC_ACCOUNT_UNKNOWN', identity.subject);
  return createAccount(db, options.actor, {
    username: await freeUsername(db, identity),
    displayName: identity.name?.trim().slice(0, 100) || undefined,
    oidcSubject: identity.subject,
  });
}

/** The provider's preferred_username when it is a valid and free name, else `oidc-` and a hash of the subject. */
async function freeUsername(db: Db, identity: OidcIdentity): Promise<string> {
  const wanted = identity.preferredUsername?.trim().toLowerCase();
  if (wanted && /^[a-z0-9][a-z0-9._-]{1,63}$/.test(wanted)) {
    const { rows } = await db.query('SELECT 1 FROM accounts WHERE username = $1', [wanted]);
    if (!rows.length) return wanted;
  }
  return `oidc-${createHash('sha256').update(identity.subject).digest('hex').slice(0, 16)}`;
}
