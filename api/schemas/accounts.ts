import { ACCOUNT } from './auth';
import { arrayOf, bool, int, nullableStr, obj, str } from './common';

/** GET /v1/admin/accounts: the people a caller may see, and whether they may manage each. */
export const ACCOUNT_LIST = obj({
  accounts: arrayOf(obj({
    ...ACCOUNT.properties,
    manageable: { type: 'boolean', description: 'whether this caller may reset, lock or disable the account (site.manage on every site it holds a role on)' },
  })),
});
export const ONE_ACCOUNT = ACCOUNT;
export const PASSWORD_RESET = obj(
  {
    account: ACCOUNT,
    oneTimePassword: { type: 'string', description: 'shown this once when no password was given: hand it to the person, who must change it at the next sign-in' },
  },
  ['account'],
);
export const SESSION_LIST = obj({
  sessions: arrayOf(obj({
    id: int, method: { type: 'string', enum: ['password', 'oidc'] }, createdAt: str, lastSeenAt: str, expiresAt: str, active: bool,
    revokedAt: nullableStr, address: nullableStr, userAgent: nullableStr,
  })),
});
export const SESSIONS_REVOKED = obj({ revoked: { type: 'integer', description: 'how many open sessions were ended' } });

const SERVICE_TOKEN = obj({
  id: int, name: str, role: str, siteId: { type: ['integer', 'null'] }, createdBy: str, createdAt: str, expiresAt: nullableStr, revoked: bool, lastUsedAt: nullableStr,
});
export const SERVICE_TOKEN_LIST = obj({ tokens: arrayOf(SERVICE_TOKEN) });
export const SERVICE_TOKEN_ISSUED = obj({
  token: SERVICE_TOKEN,
  secret: { type: 'string', description: 'the bearer secret (zt_…): shown this once and never again; store it in the machine\'s settings' },
});
export const SERVICE_TOKEN_REVOKED = obj({ token: SERVICE_TOKEN });
