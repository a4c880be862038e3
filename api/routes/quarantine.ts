import type { FastifyInstance } from 'fastify';
import {
  listQuarantined, rejectQuarantine, releaseQuarantine, showQuarantined, QUARANTINE_STATES,
  type QuarantineState,
} from '../../library/documents';
import type { Db } from '../../library/store';
import type { AdminGuard } from '../admin-guard';
import { actingName } from '../auth/acting-name';
import { QUARANTINE_DECISION, QUARANTINE_LIST, QUARANTINED } from '../schemas/admin';
import { responds } from '../schemas/common';

/** Where the ids are listed (library messages never name routes). */
const config = { errorHints: { NOT_FOUND: 'list them at GET /v1/admin/quarantine (or `zhiwen quarantine list`)' } };

/** External ids are feed ids, page URLs or file:<path>: sent URL-encoded (encodeURIComponent) in the path. */
const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 2000 } },
  required: ['id'],
} as const;
const editor = { type: 'string', minLength: 1, maxLength: 100, description: 'who decides (recorded with the time): only with the deprecated admin token; a session or service token records its own name' } as const;

/**
 * The documents screening held back (classification marks) and an editor's decision on each:
 * GET /v1/admin/quarantine, GET /v1/admin/quarantine/:id, POST …/:id/release, POST …/:id/reject,
 * behind the admin token. A release makes the document searchable on every replica within seconds.
 */
export function registerQuarantineRoutes(app: FastifyInstance, db: Db, guard: AdminGuard): void {
  app.get<{ Querystring: { state: QuarantineState | 'all'; limit: number } }>(
    '/v1/admin/quarantine',
    {
      preHandler: guard,
      schema: {
        summary: 'Quarantined documents, newest first (default: those waiting for an editor)',
        tags: ['admin'],
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: [...QUARANTINE_STATES, 'all'], default: 'pending' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: responds(QUARANTINE_LIST),
      },
    },
    async (request) => ({ documents: await listQuarantined(db, request.query) }),
  );

  app.get<{ Params: { id: string } }>(
    '/v1/admin/quarantine/:id',
    {
      preHandler: guard,
      schema: {
        summary: 'One quarantined document: why, its decisions, metadata and (masked) text',
        tags: ['admin'],
        params: idParams,
        response: responds(QUARANTINED),
      },
      config,
    },
    async (request) => showQuarantined(db, request.params.id),
  );

  app.post<{ Params: { id: string }; Body: { by?: string } | null }>(
    '/v1/admin/quarantine/:id/release',
    {
      preHandler: guard,
      schema: {
        summary: 'Publish a quarantined document (pinned to its current content)',
        tags: ['admin'],
        params: idParams,
        body: { type: ['object', 'null'], properties: { by: editor }, additionalProperties: false },
        response: responds(QUARANTINE_DECISION),
      },
      config,
    },
    async (request) => releaseQuarantine(db, request.params.id, actingName(request, request.body?.by)),
  );

  app.post<{ Params: { id: string }; Body: { by?: string; reason: string } }>(
    '/v1/admin/quarantine/:id/reject',
    {
      preHandler: guard,
      schema: {
        summary: 'Keep a quarantined document out of search, with who, when and why',
        tags: ['admin'],
        params: idParams,
        body: {
          type: 'object',
          required: ['reason'],
          properties: { by: editor, reason: { type: 'string', minLength: 1, maxLength: 1000 } },
          additionalProperties: false,
        },
        response: responds(QUARANTINE_DECISION),
      },
      config,
    },
    async (request) => rejectQuarantine(db, request.params.id, actingName(request, request.body.by), request.body.reason),
  );
}
