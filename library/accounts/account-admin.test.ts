import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverCases, type TestLibrary } from '../store/test-drivers';
import {
  accountForOidc, changeOwnPassword, createAccount, listAudit, listSessions, refreshSession, resetPassword, resolveSession,
  revokeSessions, savePendingOidcLogin, signIn, takePendingOidcLogin, unlockAccount, updateAccount, type Actor,
} from './index';

const admin: Actor = { kind: 'cli', id: null, name: 'root@host' };

for (const driver of driverCases()) {
  describe(`account administration on ${driver.name}`, () => {
    let lib: TestLibrary;
    beforeAll(async () => {
      lib = await driver.open();
    });
    afterAll(async () => {
      await lib?.dispose();
    });

    it('resets to a one-time password that only serves to choose a new one', async () => {
      const a = await createAccount(lib.db, admin, { username: 'reset-me', password: 'original secret 1' });
      const before = await signIn(lib.db, 'reset-me', 'original secret 1');
      const { oneTimePassword, account } = await resetPassword(lib.db, admin, a.id);
      expect(account.mustChangePassword).toBe(true);
      await expect(resolveSession(lib.db, before.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      await expect(signIn(lib.db, 'reset-me', 'original secret 1')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
      await expect(signIn(lib.db, 'reset-me', oneTimePassword!)).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      const session = await changeOwnPassword(lib.db, 'reset-me', oneTimePassword!, 'chosen by me 42');
      expect(session.account.mustChangePassword).toBe(false);
      expect((await signIn(lib.db, 'reset-me', 'chosen by me 42')).account.username).toBe('reset-me');
      const [entry] = await listAudit(lib.db, { action: 'account.password_reset', targetId: String(a.id) });
      expect(entry).toMatchObject({ before: { mustChangePassword: false }, after: { mustChangePassword: true, generated: true, sessionsEnded: 1 } });
      expect(JSON.stringify(entry)).not.toContain(oneTimePassword);
    });

    it('unlocks, lists and revokes sessions, and refreshes a session to a new secret with the same end', async () => {
      const a = await createAccount(lib.db, admin, { username: 'sessions', password: 'original secret 1' });
      await lib.db.query("UPDATE accounts SET locked_until = now() + interval '10 minutes' WHERE id = $1", [a.id]);
      await expect(signIn(lib.db, 'sessions', 'original secret 1')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      expect((await unlockAccount(lib.db, admin, a.id)).lockedUntil).toBeNull();
      const one = await signIn(lib.db, 'sessions', 'original secret 1', { address: '10.1.1.1', userAgent: 'ua-1' });
      const two = await signIn(lib.db, 'sessions', 'original secret 1');
      const listed = await listSessions(lib.db, a.id, 30);
      expect(listed.map((s) => [s.active, s.method])).toEqual([[true, 'password'], [true, 'password']]);
      expect(listed[1]).toMatchObject({ address: '10.1.1.1', userAgent: 'ua-1' });
      const refreshed = await refreshSession(lib.db, one.token, admin);
      expect(refreshed.expiresAt).toBe(one.expiresAt);
      await expect(resolveSession(lib.db, one.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      expect((await resolveSession(lib.db, refreshed.token)).username).toBe('sessions');
      expect(await revokeSessions(lib.db, admin, a.id, listed[0].id)).toBe(1);
      await expect(resolveSession(lib.db, two.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      expect(await revokeSessions(lib.db, admin, a.id)).toBe(1);
      await expect(resolveSession(lib.db, refreshed.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      await expect(refreshSession(lib.db, refreshed.token, admin)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
    });

    it('maps OIDC subjects to linked accounts only (or creates one with no roles), and takes a pending sign-in once, in its browser', async () => {
      const a = await createAccount(lib.db, admin, { username: 'linked', password: 'original secret 1' });
      await expect(accountForOidc(lib.db, { subject: 'sub-1' }, { createUnknown: false, actor: admin })).rejects.toMatchObject({ code: 'OIDC_ACCOUNT_UNKNOWN' });
      await updateAccount(lib.db, admin, a.id, { oidcSubject: 'sub-1' });
      expect((await accountForOidc(lib.db, { subject: 'sub-1' }, { createUnknown: false, actor: admin })).username).toBe('linked');
      const other = await createAccount(lib.db, admin, { username: 'other', password: 'original secret 1' });
      await expect(updateAccount(lib.db, admin, other.id, { oidcSubject: 'sub-1' })).rejects.toMatchObject({ code: 'ACCOUNT_EXISTS' });
      // preferred_username taken: a name from the subject's hash instead.
      const made = await accountForOidc(lib.db, { subject: 'sub-2', preferredUsername: 'linked', name: '新人' }, { createUnknown: true, actor: admin });
      expect(made).toMatchObject({ username: expect.stringMatching(/^oidc-[0-9a-f]{16}$/), displayName: '新人', grants: [], oidcSubject: 'sub-2' });

      await savePendingOidcLogin(lib.db, 'state-1', 'browser-1', { nonce: 'n', codeVerifier: 'v', returnTo: null });
      expect(await takePendingOidcLogin(lib.db, 'state-1', 'browser-2')).toBeNull(); // another browser: refused, and the state is spent
      expect(await takePendingOidcLogin(lib.db, 'state-1', 'browser-1')).toBeNull();
      await savePendingOidcLogin(lib.db, 'state-2', 'browser-1', { nonce: 'n', codeVerifier: 'v', returnTo: '/console/' });
      expect(await takePendingOidcLogin(lib.db, 'state-2', 'browser-1')).toEqual({ nonce: 'n', codeVerifier: 'v', returnTo: '/console/' });
      await savePendingOidcLogin(lib.db, 'state-3', 'browser-1', { nonce: 'n', codeVerifier: 'v', returnTo: null });
      await lib.db.query("UPDATE oidc_logins SET created_at = now() - interval '11 minutes'");
      expect(await takePendingOidcLogin(lib.db, 'state-3', 'browser-1')).toBeNull(); // too old
      expect((await lib.db.query('SELECT 1 FROM oidc_logins')).rows).toHaveLength(0);
    });
  });
}
