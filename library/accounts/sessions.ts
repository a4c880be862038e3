import { zhiwenError } from '../errors';
import type { Db, Queryable } from '../store/db';
import { recordAudit, type Actor } from './audit-log';
import { getAccount, type Account } from './accounts';
import { hashPassword, verifyPassword } from './passwords';
import { newSecret, secretHash } from './tokens';

/** Repeated failures lock an account for a while: slows guessing without locking it for good. */
export const LOCKOUT = { failures: 5, minutes: 15 };
/** A session ends after this long idle, and in any case this long after sign-in. */
export const SESSION_LIMITS = { idleMinutes: 30, absoluteHours: 12 };

export interface Session {
  /** The bearer secret: shown once, stored only as its hash. */
  token: string;
  account: Account;
  expiresAt: string;
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  address?: string | null;
  userAgent?: string | null;
}

// Verifying against a real hash for unknown names keeps "no such user" as slow as "wrong password".
let decoyHash: Promise<string> | undefined;

/** Checks a password, counting failures and locking after LOCKOUT.failures; opens a session. */
export async function signIn(db: Db, username: string, password: string, origin: RequestOrigin = {}): Promise<Session> {
  const { rows } = await db.query<{ id: number; username: string; password_hash: string | null; disabled_at: Date | null; locked_until: Date | null }>(
    'SELECT id, username, password_hash, disabled_at, locked_until FROM accounts WHERE username = $1',
    [username.trim().toLowerCase()],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? (await (decoyHash ??= hashPassword('decoy password, never used'))));
  const actor = (name: string, id: number | null): Actor => ({ kind: 'account', id, name, address: origin.address, userAgent: origin.userAgent });
  if (row?.locked_until && new Date(row.locked_until) > new Date()) {
    throw zhiwenError('ACCOUNT_LOCKED', new Date(row.locked_until).toISOString());
  }
  if (!row || !row.password_hash || !ok || row.disabled_at) {
    if (row) {
      await db.transaction(async (tx) => {
        const { rows: after } = await tx.query<{ failed_logins: number }>(
          `UPDATE accounts SET failed_logins = failed_logins + 1,
             locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
           WHERE id = $1 RETURNING failed_logins`,
          [row.id, LOCKOUT.failures, LOCKOUT.minutes],
        );
        const locked = after[0].failed_logins >= LOCKOUT.failures;
        await recordAudit(tx, actor(row.username, row.id), { action: locked ? 'session.lockout' : 'session.failed', targetKind: 'account', targetId: row.id });
        if (locked) await tx.query('UPDATE accounts SET failed_logins = 0 WHERE id = $1', [row.id]);
      });
    }
    throw zhiwenError('LOGIN_FAILED');
  }
  return openSession(db, row.id, actor(row.username, row.id));
}

/** A session for an account that proved who it is (a password above, or the OIDC provider). */
export async function openSession(db: Db, accountId: number, actor: Actor): Promise<Session> {
  const token = newSecret('zs');
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ expires_at: Date }>(
      `INSERT INTO login_sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3)) RETURNING expires_at`,
      [secretHash(token), accountId, SESSION_LIMITS.absoluteHours],
    );
    await tx.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [accountId]);
    await recordAudit(tx, actor, { action: 'session.open', targetKind: 'account', targetId: accountId });
    return { token, account: (await getAccount(tx, accountId))!, expiresAt: new Date(rows[0].expires_at).toISOString() };
  });
}

/**
 * The account behind a session token, refreshing its idle clock; CREDENTIAL_INVALID when it is
 * unknown, revoked, idle too long, past its end, or its account is disabled.
 */
export async function resolveSession(db: Queryable, token: string): Promise<Account> {
  const { rows } = await db.query<{ account_id: number }>(
    `UPDATE login_sessions s SET last_seen_at = now()
       FROM accounts a
      WHERE s.token_hash = $1 AND a.id = s.account_id AND s.revoked_at IS NULL AND a.disabled_at IS NULL
        AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)
      RETURNING s.account_id`,
    [secretHash(token), SESSION_LIMITS.idleMinutes],
  );
  const account = rows[0] ? await getAccount(db, rows[0].account_id) : null;
  if (!account) throw zhiwenError('CREDENTIAL_INVALID');
  return account;
}

/** Logout: the token stops working at once. */
export async function endSession(db: Db, token: string, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ account_id: number }>(
      'UPDATE login_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING account_id',
      [secretHash(token)],
    );
    if (rows[0]) await recordAudit(tx, actor, { action: 'session.close', targetKind: 'account', targetId: rows[0].account_id });
    return rows.length > 0;
  });
}
