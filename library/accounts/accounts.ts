import { ZhiwenError, zhiwenError } from '../errors';
import type { Db, Queryable } from '../store/db';
import { recordAudit, type Actor } from './audit-log';
import { hashPassword, passwordProblem } from './passwords';
import { ROLES, type Grant, type Role } from './roles';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  lockedUntil: string | null;
  /** An admin reset the password: the next sign-in must choose a new one first. */
  mustChangePassword: boolean;
  /** The unified identity's `sub` this account signs in as through OIDC (null: not linked). */
  oidcSubject: string | null;
  grants: Array<Grant & { role: Role }>;
  createdAt: string;
}

export interface NewAccount {
  username: string;
  displayName?: string;
  password?: string;
  oidcSubject?: string;
  /** Roles to hold from the start, added in the same transaction. */
  grants?: Array<{ role: Role; siteId: number | null }>;
  /** The password was chosen by an admin: the person must change it at their first sign-in. */
  mustChangePassword?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

function invalid(message: string): ZhiwenError {
  return new ZhiwenError('BAD_ACCOUNT_INPUT', message);
}

interface AccountRow {
  id: number; username: string; display_name: string; disabled_at: Date | null; locked_until: Date | null; created_at: Date;
  must_change_password: boolean; oidc_subject: string | null;
}

async function grantsOf(db: Queryable, accountIds: number[]): Promise<Map<number, Account['grants']>> {
  const { rows } = await db.query<{ account_id: number; role: Role; site_id: number | null }>(
    'SELECT account_id, role, site_id FROM role_grants WHERE account_id = ANY($1::int[]) ORDER BY id',
    [accountIds],
  );
  const out = new Map<number, Account['grants']>();
  for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), { role: r.role, siteId: r.site_id }]);
  return out;
}

function toAccount(r: AccountRow, grants: Account['grants']): Account {
  return {
    id: r.id, username: r.username, displayName: r.display_name, disabled: r.disabled_at !== null,
    lockedUntil: r.locked_until && new Date(r.locked_until) > new Date() ? new Date(r.locked_until).toISOString() : null,
    mustChangePassword: r.must_change_password, oidcSubject: r.oidc_subject,
    grants, createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function getAccount(db: Queryable, id: number): Promise<Account | null> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
  if (!rows[0]) return null;
  return toAccount(rows[0], (await grantsOf(db, [id])).get(id) ?? []);
}

export async function findAccountByName(db: Queryable, username: string): Promise<Account | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM accounts WHERE username = $1', [username.toLowerCase()]);
  return rows[0] ? getAccount(db, rows[0].id) : null;
}

export async function listAccounts(db: Queryable): Promise<Account[]> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts ORDER BY id');
  const grants = await grantsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toAccount(r, grants.get(r.id) ?? []));
}

export async function createAccount(db: Db, actor: Actor, input: NewAccount): Promise<Account> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw invalid(`username "${input.username}": use 2–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit`);
  if (!input.password && !input.oidcSubject) throw invalid('give the account a password, or the OIDC subject it signs in with');
  if (input.oidcSubject !== undefined && (!input.oidcSubject.trim() || input.oidcSubject.length > 255)) throw invalid('oidcSubject is the provider\'s `sub`: 1–255 characters');
  if (input.password) {
    const problem = passwordProblem(input.password, username);
    if (problem) throw invalid(problem);
  }
  for (const g of input.grants ?? []) grantProblem(g);
  const hash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM accounts WHERE username = $1', [username]);
    if (exists.rows.length) throw zhiwenError('ACCOUNT_EXISTS', username);
    if (input.oidcSubject) {
      const taken = await tx.query<{ username: string }>('SELECT username FROM accounts WHERE oidc_subject = $1', [input.oidcSubject]);
      if (taken.rows[0]) throw new ZhiwenError('ACCOUNT_EXISTS', `the OIDC subject "${input.oidcSubject}" is already linked to the account "${taken.rows[0].username}"`);
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO accounts (username, display_name, password_hash, oidc_subject, password_changed_at, must_change_password)
       VALUES ($1, $2, $3, $4, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END, $5) RETURNING id`,
      [username, input.displayName?.trim() || username, hash, input.oidcSubject ?? null, Boolean(input.mustChangePassword && hash)],
    );
    for (const g of input.grants ?? []) {
      await tx.query('INSERT INTO role_grants (account_id, role, site_id, granted_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [rows[0].id, g.role, g.siteId, actor.name]);
    }
    const account = (await getAccount(tx, rows[0].id))!;
    await recordAudit(tx, actor, {
      action: 'account.create', targetKind: 'account', targetId: account.id,
      after: { username, displayName: account.displayName, ...(account.oidcSubject ? { oidcSubject: account.oidcSubject } : {}), ...(account.grants.length ? { grants: account.grants } : {}) },
    });
    return account;
  });
}

/** An admin's reset: sets the password, unlocks, and ends the account's sessions. */
export async function setPassword(db: Db, actor: Actor, accountId: number, password: string): Promise<void> {
  const account = await getAccount(db, accountId);
  if (!account) throw new ZhiwenError('NOT_FOUND', `no account with id ${accountId}`);
  const problem = passwordProblem(password, account.username);
  if (problem) throw invalid(problem);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE accounts SET password_hash = $2, password_changed_at = now(), failed_logins = 0, locked_until = NULL WHERE id = $1', [accountId, hash]);
    await tx.query('UPDATE login_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
    await recordAudit(tx, actor, { action: 'account.password_reset', targetKind: 'account', targetId: accountId });
  });
}

/** Disabling ends the account's sessions at once; enabling lets it sign in again. */
export async function setDisabled(db: Db, actor: Actor, accountId: number, disabled: boolean): Promise<Account> {
  return db.transaction(async (tx) => {
    const before = await requireAccount(tx, accountId);
    await tx.query(`UPDATE accounts SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1`, [accountId, disabled]);
    if (disabled) await tx.query('UPDATE login_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
    const after = (await getAccount(tx, accountId))!;
    await recordAudit(tx, actor, {
      action: disabled ? 'account.disable' : 'account.enable', targetKind: 'account', targetId: accountId,
      before: { disabled: before.disabled }, after: { disabled: after.disabled },
    });
    return after;
  });
}

/** The account by id, or NOT_FOUND. */
export async function requireAccount(db: Queryable, accountId: number): Promise<Account> {
  const account = await getAccount(db, accountId);
  if (!account) throw new ZhiwenError('NOT_FOUND', `no account with id ${accountId}`);
  return account;
}

/** Changes the display name or the linked OIDC subject (null unlinks it). */
export async function updateAccount(db: Db, actor: Actor, accountId: number, change: { displayName?: string; oidcSubject?: string | null }): Promise<Account> {
  const displayName = change.displayName?.trim();
  if (change.displayName !== undefined && (!displayName || displayName.length > 100)) throw invalid('displayName needs 1–100 characters');
  const subject = change.oidcSubject === undefined || change.oidcSubject === null ? change.oidcSubject : change.oidcSubject.trim();
  if (typeof subject === 'string' && (!subject || subject.length > 255)) throw invalid('oidcSubject is the provider\'s `sub`: 1–255 characters, or null to unlink');
  return db.transaction(async (tx) => {
    const before = await requireAccount(tx, accountId);
    if (subject) {
      const taken = await tx.query<{ username: string }>('SELECT username FROM accounts WHERE oidc_subject = $1 AND id <> $2', [subject, accountId]);
      if (taken.rows[0]) throw new ZhiwenError('ACCOUNT_EXISTS', `the OIDC subject "${subject}" is already linked to the account "${taken.rows[0].username}"`);
    }
    await tx.query(
      `UPDATE accounts SET display_name = coalesce($2, display_name), oidc_subject = CASE WHEN $3 THEN $4 ELSE oidc_subject END WHERE id = $1`,
      [accountId, displayName ?? null, subject !== undefined, subject ?? null],
    );
    const after = (await getAccount(tx, accountId))!;
    await recordAudit(tx, actor, {
      action: 'account.update', targetKind: 'account', targetId: accountId,
      before: { displayName: before.displayName, oidcSubject: before.oidcSubject }, after: { displayName: after.displayName, oidcSubject: after.oidcSubject },
    });
    return after;
  });
}

function grantProblem(grant: { role: Role; siteId: number | null }): void {
  if (!ROLES.includes(grant.role)) throw invalid(`role "${grant.role}": use one of ${ROLES.join(', ')}`);
  if (grant.role === 'platform_admin' && grant.siteId !== null) throw invalid('platform_admin is a platform-wide role: grant it without a site');
}

/** Adds a role on a scope (nothing changes when the account already holds it); the audit entry has the grants before and after. */
export async function grantRole(db: Db, actor: Actor, accountId: number, grant: { role: Role; siteId: number | null }): Promise<Account> {
  grantProblem(grant);
  return db.transaction(async (tx) => {
    const before = await requireAccount(tx, accountId);
    await tx.query(
      `INSERT INTO role_grants (account_id, role, site_id, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, role, coalesce(site_id, 0)) DO NOTHING`,
      [accountId, grant.role, grant.siteId, actor.name],
    );
    const after = (await getAccount(tx, accountId))!;
    await recordAudit(tx, actor, { action: 'account.grant', targetKind: 'account', targetId: accountId, siteId: grant.siteId, before: { grants: before.grants }, after: { ...grant, grants: after.grants } });
    return after;
  });
}

export async function revokeRole(db: Db, actor: Actor, accountId: number, grant: { role: Role; siteId: number | null }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      'DELETE FROM role_grants WHERE account_id = $1 AND role = $2 AND coalesce(site_id, 0) = coalesce($3::int, 0) RETURNING id',
      [accountId, grant.role, grant.siteId],
    );
    if (rows.length) {
      const after = (await getAccount(tx, accountId))!;
      await recordAudit(tx, actor, { action: 'account.revoke', targetKind: 'account', targetId: accountId, siteId: grant.siteId, before: { ...grant, grants: [...after.grants, grant] }, after: { grants: after.grants } });
    }
    return rows.length > 0;
  });
}
