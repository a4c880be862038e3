// Test helpers: a library with two cities, accounts holding each role, and their credentials.
import type { FastifyInstance } from 'fastify';
import {
  accountPrincipal, createAccount, endSession, grantRole, issueServiceToken, revokeServiceToken, signIn, type Actor, type Grant,
  type Role, type ServiceRole,
} from '../../library/accounts';
import { upsertSite } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { Curation } from '../../retrieval/curation';
import { SearchService } from '../../retrieval/search';
import { buildApp } from '../app';
import { composeServices } from '../compose';

export const PASSWORD = 'correct horse battery';
export const LEGACY_TOKEN = 'legacy-shared-secret';
const root: Actor = { kind: 'cli', id: null, name: 'root@test' };

export interface Caller {
  label: string;
  headers: Record<string, string>;
  /** The grants a valid credential carries; null for anonymous or a dead credential. */
  grants: readonly Grant[] | null;
}

export interface AuthFixture {
  db: Db;
  app: FastifyInstance;
  siteId: Record<'prov' | 'city-a' | 'county-a1' | 'city-b', number>;
  /** Signs in an account with these grants (created on first use) and returns its bearer headers. */
  person(username: string, grants: Array<{ role: Role; siteId: number | null }>): Promise<Caller>;
  service(name: string, role: ServiceRole, siteId: number | null): Promise<Caller & { id: number }>;
  close(): Promise<void>;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function openAuthFixture(): Promise<AuthFixture> {
  const db = await openLibrary();
  await upsertSite(db, { code: 'prov', name: '省政府', level: 'province', regionCode: '330000' });
  await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', parentCode: 'prov', regionCode: '330100' });
  await upsertSite(db, { code: 'county-a1', name: '甲市一县', level: 'county', parentCode: 'city-a', regionCode: '330102' });
  await upsertSite(db, { code: 'city-b', name: '乙市', level: 'city', parentCode: 'prov', regionCode: '330200' });
  const { rows } = await db.query<{ id: number; code: string }>('SELECT id, code FROM sites');
  const siteId = Object.fromEntries(rows.map((r) => [r.code, r.id])) as AuthFixture['siteId'];
  const curation = await Curation.open(db, { queryLog: false });
  const app = await buildApp(composeServices({ db, search: new SearchService(db, { curation }), curation }), { rateLimitPerMinute: 0, adminToken: LEGACY_TOKEN });
  return {
    db, app, siteId,
    async person(username, grants) {
      const account = await createAccount(db, root, { username, password: PASSWORD });
      for (const g of grants) await grantRole(db, root, account.id, g);
      const session = await signIn(db, username, PASSWORD);
      return { label: username, headers: bearer(session.token), grants: accountPrincipal(session.account).grants };
    },
    async service(name, role, site) {
      const { token, secret } = await issueServiceToken(db, root, { name, role, siteId: site });
      return { label: `token:${name}`, headers: bearer(secret), grants: [{ role, siteId: site }], id: token.id };
    },
    async close() {
      await app.close();
      await curation.close();
      await db.close();
    },
  };
}

/** Credentials that once worked: a session past its end, a logged-out one, an expired and a revoked token. */
export async function deadCallers(f: AuthFixture): Promise<Caller[]> {
  const expired = await f.person('expired-admin', [{ role: 'platform_admin', siteId: null }]);
  await f.db.query("UPDATE login_sessions SET expires_at = now() - interval '1 minute' WHERE account_id = (SELECT id FROM accounts WHERE username = 'expired-admin')");
  const loggedOut = await f.person('logged-out-admin', [{ role: 'platform_admin', siteId: null }]);
  await endSession(f.db, loggedOut.headers.authorization.slice('Bearer '.length), root);
  const oldToken = await f.service('old-pipeline', 'ingest', null);
  await f.db.query("UPDATE service_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [oldToken.id]);
  const revoked = await f.service('revoked-monitor', 'monitor', null);
  await revokeServiceToken(f.db, root, revoked.id);
  return [
    { ...expired, label: 'expired session', grants: null },
    { ...loggedOut, label: 'logged-out session', grants: null },
    { ...oldToken, label: 'expired service token', grants: null },
    { ...revoked, label: 'revoked service token', grants: null },
  ];
}
