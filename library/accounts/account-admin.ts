import { randomInt } from 'node:crypto';
import { ZhiwenError } from '../errors';
import type { Db, Queryable } from '../store/db';
import { getAccount, requireAccount, type Account } from './accounts';
import { recordAudit, type Actor } from './audit-log';
import { hashPassword, passwordProblem } from './passwords';
import { checkPassword, openSession, type RequestOrigin, type Session } from './sessions';

/** No 0/O, 1/l/I: a one-time password is read off a screen and typed once. */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ONE_TIME_LENGTH = 16; // ~92 bits

function oneTimePassword(): string {
  let out = '';
  for (let i = 0; i < ONE_TIME_LENGTH; i++) out += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
  return out;
}

const lockState = (a: Account) => ({ lockedUntil: a.lockedUntil, mustChangePassword: a.mustChangePassword });

/**
 * An admin's reset: the given password, or a generated one-time password returned this once, which
 * the person must change at their next sign-in (POST /v1/auth/password). The old password stops
 * working, the account is unlocked and its sessions end.
 */
export async function resetPassword(db: Db, actor: Actor, accountId: number, password?: string): Promise<{ account: Account; oneTimePassword?: string }> {
  const target = await requireAccount(db, accountId);
  const generated = password === undefined ? oneTimePassword() : undefined;
  const chosen = password ?? generated!;
  const problem = passwordProblem(chosen, target.username);
  if (problem) throw new ZhiwenError('BAD_ACCOUNT_INPUT', problem);
  const hash = await hashPassword(chosen);
  return db.transaction(async (tx) => {
    const before = await requireAccount(tx, accountId);
    await tx.query(
      `UPDATE accounts SET password_hash = $2, password_changed_at = now(), must_change_password = true, failed_logins = 0, locked_until = NULL WHERE id = $1`,
      [accountId, hash],
    );
    const ended = await endAllSessions(tx, accountId);
    const account = (await getAccount(tx, accountId))!;
    await recordAudit(tx, actor, {
      action: 'account.password_reset', targetKind: 'account', targetId: accountId,
      before: lockState(before), after: { ...lockState(account), generated: generated !== undefined, sessionsEnded: ended },
    });
    return { account, ...(generated ? { oneTimePassword: generated } : {}) };
  });
}

/** Lifts a lockout after repeated failed sign-ins (the password stays). */
export async function unlockAccount(db: Db, actor: Actor, accountId: number): Promise<Account> {
  return db.transaction(async (tx) => {
    const before = await requireAccount(tx, accountId);
    await tx.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [accountId]);
    const account = (await getAccount(tx, accountId))!;
    await recordAudit(tx, actor, { action: 'account.unlock', targetKind: 'account', targetId: accountId, before: { lockedUntil: before.lockedUntil }, after: { lockedUntil: account.lockedUntil } });
    return account;
  });
}

/**
 * A person changes their own password, proving the current one (the one-time password after a
 * reset): failures count towards the lockout as at sign-in. Other sessions end; a new one opens.
 */
export async function changeOwnPassword(db: Db, username: string, current: string, next: string, origin: RequestOrigin = {}): Promise<Session> {
  const who = await checkPassword(db, username, current, origin);
  const problem = passwordProblem(next, who.username) ?? (next === current ? 'choose a password other than the current one' : null);
  if (problem) throw new ZhiwenError('BAD_ACCOUNT_INPUT', problem);
  const hash = await hashPassword(next);
  const actor: Actor = { kind: 'account', id: who.id, name: who.username, address: origin.address, userAgent: origin.userAgent };
  await db.transaction(async (tx) => {
    await tx.query('UPDATE accounts SET password_hash = $2, password_changed_at = now(), must_change_password = false WHERE id = $1', [who.id, hash]);
    const ended = await endAllSessions(tx, who.id);
    await recordAudit(tx, actor, {
      action: 'account.password_change', targetKind: 'account', targetId: who.id,
      before: { mustChangePassword: who.mustChangePassword }, after: { mustChangePassword: false, sessionsEnded: ended },
    });
  });
  return openSession(db, who.id, actor);
}

export interface SessionInfo {
  id: number;
  method: 'password' | 'oidc';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** Still usable now: not revoked, not past its end (idle sessions count as ended too). */
  active: boolean;
  revokedAt: string | null;
  address: string | null;
  userAgent: string | null;
}

/** The account's sessions of the last 30 days, newest first (never their secrets or hashes). */
export async function listSessions(db: Queryable, accountId: number, idleMinutes: number): Promise<SessionInfo[]> {
  const { rows } = await db.query<{
    id: string; method: 'password' | 'oidc'; created_at: Date; last_seen_at: Date; expires_at: Date; revoked_at: Date | null;
    address: string | null; user_agent: string | null; active: boolean;
  }>(
    `SELECT id, method, created_at, last_seen_at, expires_at, revoked_at, address, user_agent,
            (revoked_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)) AS active
       FROM login_sessions WHERE account_id = $1 AND created_at > now() - interval '30 days' ORDER BY id DESC`,
    [accountId, idleMinutes],
  );
  const iso = (d: Date) => new Date(d).toISOString();
  return rows.map((r) => ({
    id: Number(r.id), method: r.method, createdAt: iso(r.created_at), lastSeenAt: iso(r.last_seen_at), expiresAt: iso(r.expires_at),
    active: r.active, revokedAt: r.revoked_at ? iso(r.revoked_at) : null, address: r.address, userAgent: r.user_agent,
  }));
}

/** Ends one of the account's sessions, or all of them (sessionId omitted); how many were open. */
export async function revokeSessions(db: Db, actor: Actor, accountId: number, sessionId?: number): Promise<number> {
  return db.transaction(async (tx) => {
    await requireAccount(tx, accountId);
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE login_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL AND ($2::bigint IS NULL OR id = $2) RETURNING id`,
      [accountId, sessionId ?? null],
    );
    if (sessionId !== undefined && !rows.length) {
      const known = await tx.query('SELECT 1 FROM login_sessions WHERE account_id = $1 AND id = $2', [accountId, sessionId]);
      if (!known.rows.length) throw new ZhiwenError('NOT_FOUND', `account ${accountId} has no session ${sessionId}`);
    }
    const ids = rows.map((r) => Number(r.id));
    await recordAudit(tx, actor, { action: 'account.sessions_revoke', targetKind: 'account', targetId: accountId, before: { openSessions: ids }, after: { openSessions: [] } });
    return ids.length;
  });
}

async function endAllSessions(tx: Queryable, accountId: number): Promise<number> {
  const { rows } = await tx.query('UPDATE login_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL RETURNING 1', [accountId]);
  return rows.length;
}
