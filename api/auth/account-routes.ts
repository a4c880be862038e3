import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  actorOf, createAccount, getAccount, grantRole, listAccounts, listSessions, requireAccount, resetPassword, revokeRole, revokeSessions,
  ROLES, SESSION_LIMITS, setDisabled, unlockAccount, updateAccount, type Account, type Role,
} from '../../library/accounts';
import { requireSiteId } from '../../library/sites';
import type { Db } from '../../library/store';
import { ACCOUNT_LIST, ONE_ACCOUNT, PASSWORD_RESET, SESSION_LIST, SESSIONS_REVOKED } from '../schemas/accounts';
import { responds } from '../schemas/common';
import { managesAll, managesAny } from './account-scopes';
import { originOf, siteTree } from './request-context';

const tags = ['accounts'];
/** Text without NUL or other C0 controls (they would reach PostgreSQL). */
const text = (max: number, min = 1) => ({ type: 'string', minLength: min, maxLength: max, pattern: '^[^\\u0000-\\u001f]*$' });
const siteCode = { anyOf: [text(100), { type: 'null' }], description: 'a site code (the role reaches the sites below it); null or absent: the whole platform' };
const grantBody = { type: 'object', required: ['role'], additionalProperties: false, properties: { role: { type: 'string', enum: [...ROLES] }, site: siteCode } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } } };
const noBody = { anyOf: [{ type: 'object', additionalProperties: false, maxProperties: 0 }, { type: 'null' }] };

type GrantBody = { role: Role; site?: string | null };
type IdRequest = FastifyRequest<{ Params: { id: number } }>;

/**
 * The people side of the editors' console (issue 15): accounts, their roles, passwords, locks and
 * sessions. Who may call which route, on which sites, is each route's rule in route-actions.ts
 * (site.manage on the sites concerned, account-scopes.ts); the library records every change in the
 * audit log with before and after, in the change's own transaction.
 */
export function registerAccountRoutes(app: FastifyInstance, db: Db): void {
  const actor = (request: FastifyRequest) => actorOf(request.principal, originOf(request));

  app.get('/v1/admin/accounts', {
    schema: { summary: 'Accounts holding a role on a site the caller manages (a platform admin sees all, those with no role too), with their roles', tags, response: responds(ACCOUNT_LIST) },
  }, async (request) => {
    const tree = await siteTree(db);
    const sitesOf = (a: Account) => (a.grants.length ? a.grants.map((g) => g.siteId) : [null]);
    const seen = (await listAccounts(db)).filter((a) => managesAny(tree, request.principal.grants, sitesOf(a)));
    return { accounts: seen.map((a) => ({ ...a, manageable: managesAll(tree, request.principal, sitesOf(a)) })) };
  });

  app.post<{ Body: { username: string; displayName?: string; password?: string; oidcSubject?: string; grants?: GrantBody[] } }>('/v1/admin/accounts', {
    schema: {
      summary: 'Create an account: a password the person must change at first sign-in, or the unified identity (oidcSubject) it signs in as',
      tags,
      body: { type: 'object', required: ['username'], additionalProperties: false, properties: {
        username: text(64, 2), displayName: text(100), password: { type: 'string', minLength: 1, maxLength: 256 }, oidcSubject: text(255),
        grants: { type: 'array', maxItems: 50, items: grantBody },
      } },
      response: responds(ONE_ACCOUNT, 201),
    },
  }, async (request, reply) => {
    const { grants = [], ...input } = request.body;
    const resolved = await Promise.all(grants.map(async (g) => ({ role: g.role, siteId: await requireSiteId(db, g.site) })));
    const account = await createAccount(db, actor(request), { ...input, grants: resolved, mustChangePassword: input.password !== undefined });
    return reply.code(201).send(account);
  });

  app.get<{ Params: { id: number } }>('/v1/admin/accounts/:id', { schema: { summary: 'One account', tags, params: idParams, response: responds(ONE_ACCOUNT) } },
    async (request) => requireAccount(db, request.params.id));

  app.patch<{ Params: { id: number }; Body: { displayName?: string; oidcSubject?: string | null } }>('/v1/admin/accounts/:id', {
    schema: {
      summary: 'Rename an account, or link (oidcSubject) or unlink (null) the unified identity it signs in as', tags, params: idParams,
      body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { displayName: text(100), oidcSubject: { anyOf: [text(255), { type: 'null' }] } } },
      response: responds(ONE_ACCOUNT),
    },
  }, async (request) => updateAccount(db, actor(request), request.params.id, request.body));

  app.post<{ Params: { id: number }; Body: GrantBody }>('/v1/admin/accounts/:id/grants', {
    schema: { summary: 'Grant a role on a site (and the sites below it) or the platform', tags, params: idParams, body: grantBody, response: responds(ONE_ACCOUNT) },
  }, async (request) => {
    await requireAccount(db, request.params.id);
    return grantRole(db, actor(request), request.params.id, { role: request.body.role, siteId: await requireSiteId(db, request.body.site) });
  });

  app.post<{ Params: { id: number }; Body: GrantBody }>('/v1/admin/accounts/:id/grants/revoke', {
    schema: { summary: 'Take a role away', tags, params: idParams, body: grantBody, response: responds(ONE_ACCOUNT) },
  }, async (request) => {
    await requireAccount(db, request.params.id);
    await revokeRole(db, actor(request), request.params.id, { role: request.body.role, siteId: await requireSiteId(db, request.body.site) });
    return (await getAccount(db, request.params.id))!;
  });

  for (const [step, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/v1/admin/accounts/:id/${step}`, {
      schema: { summary: disabled ? 'Disable an account: it cannot sign in and its sessions end at once' : 'Enable a disabled account', tags, params: idParams, body: noBody, response: responds(ONE_ACCOUNT) },
    }, async (request: IdRequest) => setDisabled(db, actor(request), request.params.id, disabled));
  }

  app.post<{ Params: { id: number }; Body: { password?: string } | null }>('/v1/admin/accounts/:id/password-reset', {
    schema: {
      summary: 'Reset the password: the given one, or a one-time password returned once; either must be changed at the next sign-in. Unlocks and ends sessions',
      tags, params: idParams,
      body: { anyOf: [{ type: 'object', additionalProperties: false, properties: { password: { type: 'string', minLength: 1, maxLength: 256 } } }, { type: 'null' }] },
      response: responds(PASSWORD_RESET),
    },
  }, async (request) => resetPassword(db, actor(request), request.params.id, request.body?.password));

  app.post('/v1/admin/accounts/:id/unlock', {
    schema: { summary: 'Lift a lockout after repeated failed sign-ins', tags, params: idParams, body: noBody, response: responds(ONE_ACCOUNT) },
  }, async (request: IdRequest) => unlockAccount(db, actor(request), request.params.id));

  app.get('/v1/admin/accounts/:id/sessions', {
    schema: { summary: 'The account\'s sessions of the last 30 days (never their secrets)', tags, params: idParams, response: responds(SESSION_LIST) },
  }, async (request: IdRequest) => {
    await requireAccount(db, request.params.id);
    return { sessions: await listSessions(db, request.params.id, SESSION_LIMITS.idleMinutes) };
  });

  app.post<{ Params: { id: number }; Body: { sessionId?: number } | null }>('/v1/admin/accounts/:id/sessions/revoke', {
    schema: {
      summary: 'End one session (sessionId) or all of the account\'s sessions', tags, params: idParams,
      body: { anyOf: [{ type: 'object', additionalProperties: false, properties: { sessionId: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 } } }, { type: 'null' }] },
      response: responds(SESSIONS_REVOKED),
    },
  }, async (request) => ({ revoked: await revokeSessions(db, actor(request), request.params.id, request.body?.sessionId) }));
}
