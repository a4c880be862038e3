import type { Queryable } from '../store/db';
import { secretHash } from './tokens';

/** How long a started OIDC sign-in waits for its callback. */
export const OIDC_LOGIN_MINUTES = 10;

export interface PendingOidcLogin {
  nonce: string;
  codeVerifier: string;
  returnTo: string | null;
}

/** Keeps a started sign-in under the hash of its state, bound to the browser (hash of its cookie). */
export async function savePendingOidcLogin(db: Queryable, state: string, browser: string, login: PendingOidcLogin): Promise<void> {
  await db.query(`DELETE FROM oidc_logins WHERE created_at < now() - make_interval(mins => $1)`, [OIDC_LOGIN_MINUTES]);
  await db.query(
    'INSERT INTO oidc_logins (state_hash, browser_hash, nonce, code_verifier, return_to) VALUES ($1, $2, $3, $4, $5)',
    [secretHash(state), secretHash(browser), login.nonce, login.codeVerifier, login.returnTo],
  );
}

/**
 * Takes (and deletes: a state is used once) the sign-in started with `state` in the browser that
 * holds `browser`; null when the state is unknown, used, older than OIDC_LOGIN_MINUTES, or was
 * started in another browser (a login-CSRF link).
 */
export async function takePendingOidcLogin(db: Queryable, state: string, browser: string | undefined): Promise<PendingOidcLogin | null> {
  const { rows } = await db.query<{ browser_hash: string; nonce: string; code_verifier: string; return_to: string | null; fresh: boolean }>(
    `DELETE FROM oidc_logins WHERE state_hash = $1
     RETURNING browser_hash, nonce, code_verifier, return_to, created_at > now() - make_interval(mins => $2) AS fresh`,
    [secretHash(state), OIDC_LOGIN_MINUTES],
  );
  const r = rows[0];
  if (!r || !r.fresh || !browser || r.browser_hash !== secretHash(browser)) return null;
  return { nonce: r.nonce, codeVerifier: r.code_verifier, returnTo: r.return_to };
}
