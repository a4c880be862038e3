// Test helper: a seeded library (the sample city) served by a real app, with accounts, and traffic sent through its own
// routes (searches, asks, feedback), so analytics tests read what the API really logged.
import type { FastifyInstance } from 'fastify';
import { createAccount, grantRole, signIn, type Actor, type Role } from '../../library/accounts';
import { createEntry, transitionEntry } from '../../library/consultation';
import { openLibrary, type Db } from '../../library/store';
import { Curation } from '../../retrieval/curation';
import { SearchService } from '../../retrieval/search';
import { buildApp, type AppOptions } from '../app';
import { composeServices, type ServiceParts } from '../compose';

/** The sample registry's sites (ingest/sample/sites.csv). */
export const SAMPLE = { province: '9900000001', city: '9901000001', hrBureau: '9901000012', district: '9901020001', town: '9902000001' } as const;
export const FAQ_QUESTION = '示例市社保卡丢了怎么补办';
export const PASSWORD = 'correct horse battery';
const root: Actor = { kind: 'cli', id: null, name: 'root@test' };

export interface UsageFixture {
  db: Db;
  app: FastifyInstance;
  curation: Curation;
  siteId(code: string): Promise<number>;
  /** Signs in a new account with these grants; resolves to its bearer headers. */
  person(username: string, grants: Array<{ role: Role; siteId: number | null }>): Promise<Record<string, string>>;
  search(q: string, site?: string): Promise<number>;
  ask(question: string, site?: string): Promise<{ answerId: string; kind: string }>;
  feedback(answerId: string, helpful: boolean): Promise<void>;
  /** Writes the buffered query log now (it is written off the request path). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `seed` loads the library first: the sample city (ingest/sample's loadSampleLibrary, passed in by the
 * test, since api/ never imports ingest outside tests).
 */
export async function openUsageFixture(
  seed: (db: Db) => Promise<unknown>,
  options: { app?: AppOptions; parts?: Partial<ServiceParts> } = {},
): Promise<UsageFixture> {
  const db = await openLibrary();
  await seed(db);
  // A published entry, so an ask can be answered from the knowledge base (kind faq).
  const entry = await createEntry(db, { question: FAQ_QUESTION, answerHtml: '<p>携带身份证到社保经办窗口挂失补办。</p>', scope: 'platform' }, 'author');
  await transitionEntry(db, entry.id, 'submit', 'author');
  await transitionEntry(db, entry.id, 'approve', 'reviewer');
  const curation = await Curation.open(db, { queryLog: { flushIntervalMs: 60_000 } });
  const search = new SearchService(db, { curation, understanding: { rebuildIntervalMs: 0 } });
  await search.sync();
  const app = await buildApp(composeServices({ db, search, curation, ...options.parts }), { rateLimitPerMinute: 0, ...options.app });
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  return {
    db, app, curation,
    async siteId(code) {
      return (await db.query<{ id: number }>('SELECT id FROM sites WHERE code = $1', [code])).rows[0].id;
    },
    async person(username, grants) {
      const account = await createAccount(db, root, { username, password: PASSWORD });
      for (const g of grants) await grantRole(db, root, account.id, g);
      const session = await signIn(db, username, PASSWORD);
      return { authorization: `Bearer ${session.token}` };
    },
    async search(q, site) {
      const res = await app.inject({ url: '/v1/search', query: { q, ...(site ? { site } : {}) } });
      ok(res, `search ${q}`);
      return res.json<{ total: number }>().total;
    },
    async ask(question, site) {
      const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question, ...(site ? { site } : {}) } });
      ok(res, `ask ${question}`);
      return res.json<{ answerId: string; kind: string }>();
    },
    async feedback(answerId, helpful) {
      ok(await app.inject({ method: 'POST', url: '/v1/feedback', payload: { answerId, helpful } }), 'feedback');
    },
    flush: () => curation.flushLog(),
    async close() {
      await app.close();
      await curation.close();
      await db.close();
    },
  };
}
