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
  grants: Array<Grant & { role: Role }>;
  createdAt: string;
}

export interface NewAccount {
  username: string;
  displayName?: string;
  password?: string;
  oidcSubject?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

function invalid(message: string): ZhiwenError {
  return new ZhiwenError('BAD_ACCOUNT_INPUT', message);
}

interface AccountRow {
  id: number; username: string; display_name: string; disabled_at: Date | null; locked_until: Date | null; created_at: Date;
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
  if (input.password) {
    const problem = passwordProblem(input.password, username);
    if (problem) throw invalid(problem);
  }
  const hash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM accounts WHERE username = $1', [username]);
    if (exists.rows.length) throw zhiwenError('ACCOUNT_EXISTS', username);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO accounts (username, display_name, password_hash, oidc_subject, password_changed_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
      [username, input.displayName?.trim() || username, hash, input.oidcSubject ?? null],
    );
    const account = (await getAccount(tx, rows[0].id))!;
    await recordAudit(tx, actor, { action: 'account.create', targetKind: 'account', targetId: account.id, after: { username, displayName: account.displayName } });
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

export async function setDisabled(db: Db, actor: Actor, accountId: number, disabled: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `UPDATE accounts SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1 RETURNING id`,
      [accountId, disabled],
    );
    if (!rows[0]) throw new ZhiwenError('NOT_FOUND', `no account with id ${accountId}`);
    if (disabled) await tx.query('UPDATE login_sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
    await recordAudit(tx, actor, { action: disabled ? 'account.disable' : 'account.enable', targetKind: 'account', targetId: accountId });
  });
}

export async function grantRole(db: Db, actor: Actor, accountId: number, grant: { role: Role; siteId: number | null }): Promise<void> {
  if (!ROLES.includes(grant.role)) throw invalid(`role "${grant.role}": use one of ${ROLES.join(', ')}`);
  if (grant.role === 'platform_admin' && grant.siteId !== null) throw invalid('platform_admin is a platform-wide role: grant it without a site');
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO role_grants (account_id, role, site_id, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, role, coalesce(site_id, 0)) DO NOTHING`,
      [accountId, grant.role, grant.siteId, actor.name],
    );
    await recordAudit(tx, actor, { action: 'account.grant', targetKind: 'account', targetId: accountId, siteId: grant.siteId, after: grant });
  });
}

export async function revokeRole(db: Db, actor: Actor, accountId: number, grant: { role: Role; siteId: number | null }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      'DELETE FROM role_grants WHERE account_id = $1 AND role = $2 AND coalesce(site_id, 0) = coalesce($3::int, 0) RETURNING id',
      [accountId, grant.role, grant.siteId],
    );
    if (rows.length) await recordAudit(tx, actor, { action: 'account.revoke', targetKind: 'account', targetId: accountId, siteId: grant.siteId, before: grant });
    return rows.length > 0;
  });
}
