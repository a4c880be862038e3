import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSite } from '../documents/sites';
import { SiteDirectory } from '../sites';
import { driverCases, type TestLibrary } from '../store/test-drivers';
import {
  actorOf, accountPrincipal, ANONYMOUS, auditCsv, authorize, createAccount, endSession, grantRole, issueServiceToken,
  listAudit, LOCKOUT, purgeAudit, resolveServiceToken, resolveSession, revokeServiceToken, servicePrincipal, setPassword,
  signIn, type Actor,
} from './index';

const admin: Actor = { kind: 'cli', id: null, name: 'root@host' };
const PASSWORD = 'correct horse battery';

/** The site tree as the API reads it (library/sites SiteDirectory), and ids by code. */
async function siteTree(lib: TestLibrary): Promise<SiteDirectory & { id(code: string): number }> {
  const directory = new SiteDirectory();
  await directory.reload(lib.db);
  return Object.assign(directory, { id: (code: string) => directory.require(code).id });
}

for (const driver of driverCases()) {
  describe(`accounts on ${driver.name}`, () => {
    let lib: TestLibrary;
    beforeAll(async () => {
      lib = await driver.open();
      await upsertSite(lib.db, { code: 'prov', name: '省政府', level: 'province', regionCode: '330000' });
      await upsertSite(lib.db, { code: 'city-a', name: '甲市', level: 'city', parentCode: 'prov', regionCode: '330100' });
      await upsertSite(lib.db, { code: 'county-a1', name: '甲市一县', level: 'county', regionCode: '330102' }); // no parent: reached by region
      await upsertSite(lib.db, { code: 'dept-a', name: '甲市人社局', level: 'department', parentCode: 'city-a' }); // no region: reached by parent
      await upsertSite(lib.db, { code: 'city-b', name: '乙市', level: 'city', parentCode: 'prov', regionCode: '330200' });
    });
    afterAll(async () => {
      await lib?.dispose();
    });

    it('creates accounts with hashed passwords, refusing weak passwords and duplicates', async () => {
      const alice = await createAccount(lib.db, admin, { username: 'Alice', displayName: '王编辑', password: PASSWORD });
      expect(alice).toMatchObject({ username: 'alice', displayName: '王编辑', disabled: false, grants: [] });
      const { rows } = await lib.db.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE id = $1', [alice.id]);
      expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(rows[0].password_hash).not.toContain(PASSWORD);
      await expect(createAccount(lib.db, admin, { username: 'alice', password: 'another good one' })).rejects.toMatchObject({ code: 'ACCOUNT_EXISTS' });
      await expect(createAccount(lib.db, admin, { username: 'bob', password: 'short' })).rejects.toMatchObject({ code: 'BAD_ACCOUNT_INPUT' });
      await expect(createAccount(lib.db, admin, { username: 'bob', password: 'bob-bob-bob-bob' })).rejects.toThrow(/username/);
      await expect(createAccount(lib.db, admin, { username: 'x y', password: PASSWORD })).rejects.toMatchObject({ code: 'BAD_ACCOUNT_INPUT' });
    });

    it('signs in, resolves the session and ends it at logout; idle and expired sessions stop working', async () => {
      const session = await signIn(lib.db, 'ALICE', PASSWORD, { address: '10.0.0.9', userAgent: 'test' });
      expect(session.token).toMatch(/^zs_/);
      expect((await resolveSession(lib.db, session.token)).username).toBe('alice');
      const stored = await lib.db.query('SELECT 1 FROM login_sessions WHERE token_hash = $1', [session.token]);
      expect(stored.rows).toHaveLength(0); // only the hash is stored
      await endSession(lib.db, session.token, admin);
      await expect(resolveSession(lib.db, session.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });

      const idle = await signIn(lib.db, 'alice', PASSWORD);
      await lib.db.query(`UPDATE login_sessions SET last_seen_at = now() - interval '31 minutes'`);
      await expect(resolveSession(lib.db, idle.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      const expired = await signIn(lib.db, 'alice', PASSWORD);
      await lib.db.query(`UPDATE login_sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL`);
      await expect(resolveSession(lib.db, expired.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      await expect(resolveSession(lib.db, 'zs_made-up')).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
    });

    it('refuses wrong passwords alike for unknown names, and locks after repeated failures until an admin resets', async () => {
      await expect(signIn(lib.db, 'nobody', PASSWORD)).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
      const carol = await createAccount(lib.db, admin, { username: 'carol', password: PASSWORD });
      const before = await signIn(lib.db, 'carol', PASSWORD);
      for (let i = 0; i < LOCKOUT.failures; i++) {
        await expect(signIn(lib.db, 'carol', 'wrong password!')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
      }
      // Locked: even the right password is refused now.
      await expect(signIn(lib.db, 'carol', PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      await setPassword(lib.db, admin, carol.id, 'a brand new secret');
      await expect(resolveSession(lib.db, before.token)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' }); // reset ends sessions
      await expect(signIn(lib.db, 'carol', PASSWORD)).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
      expect((await signIn(lib.db, 'carol', 'a brand new secret')).account.username).toBe('carol');
      const actions = (await listAudit(lib.db, { targetKind: 'account', targetId: String(carol.id) })).map((e) => e.action);
      expect(actions).toContain('session.lockout');
      expect(actions).toContain('account.password_reset');
    });

    it('scopes roles: a city editor edits the city, its departments and counties, not another city; separation of duties', async () => {
      const tree = await siteTree(lib);
      const dan = await createAccount(lib.db, admin, { username: 'dan', password: PASSWORD });
      await grantRole(lib.db, admin, dan.id, { role: 'editor', siteId: tree.id('city-a') });
      const { account } = await signIn(lib.db, 'dan', PASSWORD);
      const editor = accountPrincipal(account);
      for (const code of ['city-a', 'county-a1', 'dept-a']) expect(() => authorize(tree, editor, 'editorial.write', tree.id(code))).not.toThrow();
      for (const code of ['city-b', 'prov']) expect(() => authorize(tree, editor, 'editorial.write', tree.id(code))).toThrow(/may not editorial\.write/);
      expect(() => authorize(tree, editor, 'editorial.review', tree.id('city-a'))).toThrow(/ACTION_FORBIDDEN|may not/);
      expect(() => authorize(tree, editor, 'editorial.write', null)).toThrow(); // platform-wide needs a platform grant
      expect(() => authorize(tree, ANONYMOUS, 'editorial.read', tree.id('city-a'))).toThrow(/anonymous/);
      await grantRole(lib.db, admin, dan.id, { role: 'auditor', siteId: null });
      const both = accountPrincipal((await signIn(lib.db, 'dan', PASSWORD)).account);
      expect(() => authorize(tree, both, 'audit.read', tree.id('city-b'))).not.toThrow();
      expect(() => authorize(tree, both, 'editorial.write', tree.id('city-b'))).toThrow();
      await expect(grantRole(lib.db, admin, dan.id, { role: 'platform_admin', siteId: tree.id('city-a') })).rejects.toMatchObject({ code: 'BAD_ACCOUNT_INPUT' });
    });

    it('issues service tokens shown once, scoped, revocable and expiring', async () => {
      const tree = await siteTree(lib);
      const { token, secret } = await issueServiceToken(lib.db, admin, { name: 'city-a ingest', role: 'ingest', siteId: tree.id('city-a') });
      expect(secret).toMatch(/^zt_/);
      expect(JSON.stringify(await lib.db.query('SELECT * FROM service_tokens'))).not.toContain(secret);
      const resolved = await resolveServiceToken(lib.db, secret);
      expect(resolved).toMatchObject({ id: token.id, role: 'ingest', revoked: false });
      const machine = servicePrincipal(resolved);
      expect(() => authorize(tree, machine, 'ingest.write', tree.id('county-a1'))).not.toThrow();
      expect(() => authorize(tree, machine, 'ingest.write', tree.id('city-b'))).toThrow();
      expect(() => authorize(tree, machine, 'editorial.write', tree.id('city-a'))).toThrow();
      await revokeServiceToken(lib.db, admin, token.id);
      await expect(resolveServiceToken(lib.db, secret)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      const short = await issueServiceToken(lib.db, admin, { name: 'monitor', role: 'monitor', expiresInDays: 1 });
      await lib.db.query(`UPDATE service_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [short.token.id]);
      await expect(resolveServiceToken(lib.db, short.secret)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
      await expect(issueServiceToken(lib.db, admin, { name: 'x', role: 'ingest', expiresInDays: Infinity })).rejects.toMatchObject({ code: 'BAD_ACCOUNT_INPUT' });
    });

    it('keeps an append-only audit log with before/after, exported as CSV, purged only past 180 days', async () => {
      const entries = await listAudit(lib.db, { action: 'account.grant' });
      expect(entries.length).toBeGreaterThan(0);
      expect(entries[0]).toMatchObject({ actor: { kind: 'cli', name: 'root@host' }, targetKind: 'account', after: { role: 'auditor', siteId: null } });
      const revoked = (await listAudit(lib.db, { action: 'service_token.revoke' }))[0];
      expect(revoked.siteId).not.toBeNull();
      // The pglite-socket stand-in drops the connection on the query after a PL/pgSQL exception, so the
      // table's refusals are asserted on embedded PGlite and real PostgreSQL only.
      if (driver.name !== 'pg over pglite-socket') {
        await expect(lib.db.query(`UPDATE audit_log SET actor_name = 'someone else'`)).rejects.toThrow(/append-only/);
        await expect(lib.db.query('DELETE FROM audit_log')).rejects.toThrow(/180 days/);
      }
      // An entry from 200 days ago goes at the retention job; recent ones stay.
      await lib.db.query(
        `INSERT INTO audit_log (at, actor_kind, actor_name, action, target_kind) VALUES (now() - interval '200 days', 'system', 'zhiwen', 'old.thing', 'test')`,
      );
      const total = (await listAudit(lib.db, { limit: 1000 })).length;
      expect(await purgeAudit(lib.db, 30)).toBe(1); // asking for 30 days still keeps 180
      expect((await listAudit(lib.db, { limit: 1000 })).length).toBe(total - 1);
      const csv = auditCsv(await listAudit(lib.db, { action: 'account.create' }));
      expect(csv.split('\r\n')[0]).toBe('id,at,actor_kind,actor_name,actor_role,action,target_kind,target_id,site_id,before,after,address,user_agent');
      expect(csv).toContain('"{""username"":""alice"",""displayName"":""王编辑""}"');
      const signIns = await listAudit(lib.db, { action: 'session.open', actorName: 'alice' });
      expect(signIns.some((e) => e.actor.address === '10.0.0.9' && e.actor.userAgent === 'test')).toBe(true);
      expect(actorOf(ANONYMOUS).kind).toBe('system');
    });
  });
}
