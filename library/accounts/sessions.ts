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

const originActor = (origin: RequestOrigin, name: string, id: number | null): Actor => ({ kind: 'account', id, name, address: origin.address, userAgent: origin.userAgent });

/**
 * Checks a username and password, counting failures and locking after LOCKOUT.failures; the
 * account's id, name and whether it must change its password first. Shared by sign-in and by the
 * change of one's own password, so both lock alike.
 */
export async function checkPassword(db: Db, username: string, password: string, origin: RequestOrigin = {}): Promise<{ id: number; username: string; mustChangePassword: boolean }> {
  const { rows } = await db.query<{ id: number; username: string; password_hash: string | null; disabled_at: Date | null; locked_until: Date | null; must_change_password: boolean }>(
    'SELECT id, username, password_hash, disabled_at, locked_until, must_change_password FROM accounts WHERE username = $1',
    [username.trim().toLowerCase()],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? (await (decoyHash ??= hashPassword('decoy password, never used'))));
  if (row?.locked_until && new Date(row.locked_until) > new Date()) {
    throw zhiwenError('ACCOUNT_LOCKED', new Date(row.locked_until).toISOString());
  }
  if (!row || !row.password_hash || !ok || row.disabled_at) {
    if (row) {
      await db.transaction(async (tx) => {
        const { rows: after } = await tx.query<{ failed_logins: number; locked_until: Date | null }>(
          `UPDATE accounts SET failed_logins = failed_logins + 1,
             locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
           WHERE id = $1 RETURNING failed_logins, locked_until`,
          [row.id, LOCKOUT.failures, LOCKOUT.minutes],
        );
        const locked = after[0].failed_logins >= LOCKOUT.failures;
        await recordAudit(tx, originActor(origin, row.username, row.id), {
          action: locked ? 'session.lockout' : 'session.failed', targetKind: 'account', targetId: row.id,
          before: { failedLogins: after[0].failed_logins - 1 },
          after: { failedLogins: after[0].failed_logins, lockedUntil: locked ? new Date(after[0].locked_until!).toISOString() : null },
        });
        if (locked) await tx.query('UPDATE accounts SET failed_logins = 0 WHERE id = $1', [row.id]);
      });
    }
    throw zhiwenError('LOGIN_FAILED');
  }
  return { id: row.id, username: row.username, mustChangePassword: row.must_change_password };
}

/** Checks the password and opens a session; an account an admin reset must change its password first. */
export async function signIn(db: Db, username: string, password: string, origin: RequestOrigin = {}): Promise<Session> {
  const account = await checkPassword(db, username, password, origin);
  if (account.mustChangePassword) throw zhiwenError('PASSWORD_CHANGE_REQUIRED', account.username);
  return openSession(db, account.id, originActor(origin, account.username, account.id));
}

/** A session for an account that proved who it is (a password above, or the OIDC provider). */
export async function openSession(db: Db, accountId: number, actor: Actor, method: 'password' | 'oidc' = 'password'): Promise<Session> {
  const token = newSecret('zs');
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; expires_at: Date }>(
      `INSERT INTO login_sessions (token_hash, account_id, expires_at, method, address, user_agent)
       VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5, $6) RETURNING id, expires_at`,
      [secretHash(token), accountId, SESSION_LIMITS.absoluteHours, method, actor.address ?? null, actor.userAgent ?? null],
    );
    await tx.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [accountId]);
    await recordAudit(tx, actor, { action: 'session.open', targetKind: 'account', targetId: accountId, after: { sessionId: Number(rows[0].id), method } });
    return { token, account: (await getAccount(tx, accountId))!, expiresAt: new Date(rows[0].expires_at).toISOString() };
  });
}

/**
 * Refresh: a live session's secret is swapped for a new one (the old stops working at once) and
 * its idle clock restarts; its absolute end stays, so a stolen secret lives no longer than the
 * session and nobody stays signed in past SESSION_LIMITS.absoluteHours without signing in again.
 */
export async function refreshSession(db: Db, token: string, actor: Actor): Promise<Session> {
  const next = newSecret('zs');
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; account_id: number; expires_at: Date }>(
      `UPDATE login_sessions s SET token_hash = $2, last_seen_at = now()
         FROM accounts a
        WHERE s.token_hash = $1 AND a.id = s.account_id AND s.revoked_at IS NULL AND a.disabled_at IS NULL
          AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $3)
        RETURNING s.id, s.account_id, s.expires_at`,
      [secretHash(token), secretHash(next), SESSION_LIMITS.idleMinutes],
    );
    if (!rows[0]) throw zhiwenError('CREDENTIAL_INVALID');
    await recordAudit(tx, actor, { action: 'session.refresh', targetKind: 'account', targetId: rows[0].account_id, after: { sessionId: Number(rows[0].id) } });
    return { token: next, account: (await getAccount(tx, rows[0].account_id))!, expiresAt: new Date(rows[0].expires_at).toISOString() };
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
