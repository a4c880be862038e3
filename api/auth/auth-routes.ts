import type { FastifyInstance } from 'fastify';
import { ACTIONS, actorOf, auditCsv, endSession, listAudit, roleAllows, scopeCovers, signIn, type AuditQuery, type Grant } from '../../library/accounts';
import type { Db } from '../../library/store';
import { AUDIT_PAGE, LOGGED_OUT, LOGIN, ME } from '../schemas/auth';
import { responds } from '../schemas/common';
import { originOf, siteTree } from './request-context';

const tags = ['auth'];

/** POST /v1/auth/login, POST /v1/auth/logout, GET /v1/auth/me and the auditors' GET /v1/admin/audit. */
export function registerAuthRoutes(app: FastifyInstance, db: Db): void {
  app.post<{ Body: { username: string; password: string } }>('/v1/auth/login', {
    schema: {
      summary: 'Sign in: a session token for Authorization: Bearer (locks after repeated failures)', tags, response: responds(LOGIN),
      body: { type: 'object', required: ['username', 'password'], additionalProperties: false, properties: {
        username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1000 },
      } },
    },
  }, async (request) => signIn(db, request.body.username, request.body.password, originOf(request)));

  app.post('/v1/auth/logout', { schema: { summary: 'End this session (its token stops working at once)', tags, response: responds(LOGGED_OUT) } },
    async (request) => ({
      ended: request.credentialKind === 'session' && request.credentialSecret
        ? await endSession(db, request.credentialSecret, actorOf(request.principal, originOf(request)))
        : false,
    }));

  app.get('/v1/auth/me', { schema: { summary: 'Who this credential acts as, and its roles (each with its site and the actions it allows)', tags, response: responds(ME) } },
    async (request) => ({ kind: request.principal.kind, name: request.principal.name, credential: request.credentialKind, grants: await describeGrants(db, request.principal.grants) }));

  app.get<{ Querystring: { since?: string; until?: string; action?: string; targetKind?: string; targetId?: string; actor?: string; limit: number; before?: number; format: 'json' | 'csv' } }>('/v1/admin/audit', {
    schema: {
      summary: 'The audit log, newest first (auditors; ?format=csv exports)', tags: ['admin'],
      querystring: { type: 'object', additionalProperties: false, properties: {
        since: { type: 'string', format: 'date-time' }, until: { type: 'string', format: 'date-time' },
        action: { type: 'string', maxLength: 100 }, targetKind: { type: 'string', maxLength: 100 }, targetId: { type: 'string', maxLength: 200 },
        actor: { type: 'string', maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        before: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 }, format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
      } },
      response: responds(AUDIT_PAGE),
    },
  }, async (request, reply) => {
    const q = request.query;
    const query: AuditQuery = {
      since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined, action: q.action,
      targetKind: q.targetKind, targetId: q.targetId, actorName: q.actor, limit: q.limit, beforeId: q.before,
      siteIds: await auditableSites(db, request.principal.grants),
    };
    const entries = await listAudit(db, query);
    if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="zhiwen-audit.csv"').send(auditCsv(entries));
    return { entries };
  });
}

/** An auditor scoped to sites reads only those sites' entries; a platform-wide one reads all (undefined). */
async function auditableSites(db: Db, grants: readonly Grant[]): Promise<number[] | undefined> {
  const auditing = grants.filter((g) => roleAllows(g.role, 'audit.read'));
  if (auditing.some((g) => g.siteId === null)) return undefined;
  const tree = await siteTree(db);
  return tree.ids.filter((id) => auditing.some((g) => scopeCovers(tree, g.siteId, id)));
}

/** Each grant with its site's code and name and the actions it allows: what the console shows and offers (the API still decides each request). */
async function describeGrants(db: Db, grants: readonly Grant[]) {
  const tree = grants.some((g) => g.siteId !== null) ? await siteTree(db) : null;
  return grants.map((g) => {
    const site = g.siteId === null ? undefined : tree?.getById(g.siteId);
    return { ...g, siteCode: site?.code ?? null, siteName: site?.name ?? null, actions: ACTIONS.filter((a) => roleAllows(g.role, a)) };
  });
}
