import { ZhiwenError, zhiwenError } from '../errors';
import type { Db, Queryable } from '../store/db';
import { recordAudit, type Actor } from './audit-log';
import { SERVICE_ROLES, type ServiceRole } from './roles';
import { newSecret, secretHash } from './tokens';

export interface ServiceToken {
  id: number;
  name: string;
  role: ServiceRole;
  siteId: number | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revoked: boolean;
  lastUsedAt: string | null;
}

interface TokenRow {
  id: number; name: string; role: ServiceRole; site_id: number | null; created_by: string; created_at: Date;
  expires_at: Date | null; revoked_at: Date | null; last_used_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toToken = (r: TokenRow): ServiceToken => ({
  id: r.id, name: r.name, role: r.role, siteId: r.site_id, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(),
  expiresAt: iso(r.expires_at), revoked: r.revoked_at !== null, lastUsedAt: iso(r.last_used_at),
});

export interface NewServiceToken {
  name: string;
  role: ServiceRole;
  siteId?: number | null;
  /** Days until it stops working (default: never; rotate by issuing a new one and revoking the old). */
  expiresInDays?: number;
}

/** Issues a token for a machine; `secret` is shown this once and never again. */
export async function issueServiceToken(db: Db, actor: Actor, input: NewServiceToken): Promise<{ token: ServiceToken; secret: string }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new ZhiwenError('BAD_ACCOUNT_INPUT', 'give the token a name of 1–100 characters that says which machine uses it');
  if (!SERVICE_ROLES.includes(input.role)) throw new ZhiwenError('BAD_ACCOUNT_INPUT', `role "${input.role}": use one of ${SERVICE_ROLES.join(', ')}`);
  const days = input.expiresInDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650)) {
    throw new ZhiwenError('BAD_ACCOUNT_INPUT', `expiresInDays must be a whole number from 1 to 3650, got ${String(days)}`);
  }
  const secret = newSecret('zt');
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<TokenRow>(
      `INSERT INTO service_tokens (name, token_hash, role, site_id, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(days => $6::int) END) RETURNING *`,
      [name, secretHash(secret), input.role, input.siteId ?? null, actor.name, days ?? null],
    );
    const token = toToken(rows[0]);
    await recordAudit(tx, actor, { action: 'service_token.issue', targetKind: 'service_token', targetId: token.id, siteId: token.siteId, before: null, after: { name, role: token.role, siteId: token.siteId, expiresAt: token.expiresAt } });
    return { token, secret };
  });
}

/** The token behind a secret; CREDENTIAL_INVALID when unknown, revoked or expired. */
export async function resolveServiceToken(db: Queryable, secret: string): Promise<ServiceToken> {
  const { rows } = await db.query<TokenRow>(
    `UPDATE service_tokens SET last_used_at = now()
      WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) RETURNING *`,
    [secretHash(secret)],
  );
  if (!rows[0]) throw zhiwenError('CREDENTIAL_INVALID');
  return toToken(rows[0]);
}

export async function listServiceTokens(db: Queryable): Promise<ServiceToken[]> {
  const { rows } = await db.query<TokenRow>('SELECT * FROM service_tokens ORDER BY id');
  return rows.map(toToken);
}

export async function revokeServiceToken(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await tx.query<TokenRow>('SELECT * FROM service_tokens WHERE id = $1', [id]);
    if (!before.rows[0]) throw new ZhiwenError('NOT_FOUND', `no service token with id ${id}`);
    const { rows } = await tx.query<TokenRow>('UPDATE service_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *', [id]);
    const state = (t: ServiceToken) => ({ name: t.name, role: t.role, revoked: t.revoked });
    await recordAudit(tx, actor, {
      action: 'service_token.revoke', targetKind: 'service_token', targetId: id, siteId: rows[0].site_id,
      before: state(toToken(before.rows[0])), after: state(toToken(rows[0])),
    });
  });
}
