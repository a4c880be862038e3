import { arrayOf, bool, int, nullableStr, obj, row, str, strings } from './common';

export const GRANT = obj({ role: str, siteId: { type: ['integer', 'null'] } });
const grant = GRANT;
export const ACCOUNT = obj({
  id: int, username: str, displayName: str, disabled: bool, lockedUntil: nullableStr, mustChangePassword: bool, oidcSubject: nullableStr,
  grants: arrayOf(grant), createdAt: str,
});
const account = ACCOUNT;

export const LOGIN = obj({ token: { type: 'string', description: 'the bearer secret (zs_…): shown once; send it as Authorization: Bearer' }, expiresAt: str, account });
export const LOGGED_OUT = obj({ ended: bool });
const meGrant = obj({
  role: str, siteId: { type: ['integer', 'null'] }, siteCode: nullableStr, siteName: nullableStr,
  actions: { ...strings, description: 'what this grant allows on its scope (library/accounts/roles.ts)' },
});
export const ME = obj({ kind: { type: 'string', enum: ['account', 'service', 'anonymous'] }, name: str, credential: str, grants: arrayOf(meGrant) });
export const AUDIT_PAGE = obj({
  entries: arrayOf(row('an audit entry (or, with ?format=csv, the entries as text/csv): who (actor), what (action, target), before/after, when, from where', { id: int, at: str, action: str })),
});
