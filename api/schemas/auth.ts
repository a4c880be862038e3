import { arrayOf, bool, int, nullableStr, obj, row, str } from './common';

const grant = obj({ role: str, siteId: { type: ['integer', 'null'] } });
const account = obj({ id: int, username: str, displayName: str, disabled: bool, lockedUntil: nullableStr, grants: arrayOf(grant), createdAt: str });

export const LOGIN = obj({ token: { type: 'string', description: 'the bearer secret (zs_…): shown once; send it as Authorization: Bearer' }, expiresAt: str, account });
export const LOGGED_OUT = obj({ ended: bool });
export const ME = obj({ kind: { type: 'string', enum: ['account', 'service', 'anonymous'] }, name: str, credential: str, grants: arrayOf(grant) });
export const AUDIT_PAGE = obj({
  entries: arrayOf(row('an audit entry (or, with ?format=csv, the entries as text/csv): who (actor), what (action, target), before/after, when, from where', { id: int, at: str, action: str })),
});
