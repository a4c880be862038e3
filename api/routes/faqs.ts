import type { FastifyInstance } from 'fastify';
import { FAQ_STATUSES, TRANSITIONS, type EntryFilter, type FaqEntryInput, type FaqTransition } from '../../library/consultation';
import { XLSX_TYPE, type DraftFromQueue, type FaqEditor } from '../../retrieval/editorial';
import type { AdminGuard } from '../admin-guard';
import { actingName } from '../auth/acting-name';
import { visibleScopes } from '../auth/visible-scopes';
import type { Queryable } from '../../library/store';
import { bodyOf, ERROR_RESPONSES, responds, rowId } from '../schemas/common';
import {
  DRAFTED, DUPLICATES, ENTRY_PAGE, ENTRY_WITH_DUPLICATES, FAQ_ENTRY, HIT_TEST, IMPORT_PREVIEW, IMPORT_REPORT, QUEUE, VERSIONS,
} from '../schemas/editorial';

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const nullableText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const day = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const entryProperties = {
  question: { type: 'string', minLength: 1, maxLength: 200 },
  alternatives: { type: 'array', maxItems: 50, items: text(200) },
  answerHtml: { type: 'string', minLength: 1, maxLength: 20_000, description: 'rich text; sanitised to an allow-list' },
  scope: { type: 'string', enum: ['site', 'region', 'platform'] },
  siteCode: nullableText(100),
  regionCode: nullableText(12),
  category: nullableText(50),
  effectiveFrom: day,
  expiresOn: day,
  relatedDocuments: { type: 'array', maxItems: 50, items: text(300) },
} as const;
const idParams = { type: 'object', properties: { id: rowId }, required: ['id'] } as const;
const questionBody = {
  type: 'object', required: ['question'], additionalProperties: false,
  properties: { question: { type: 'string', minLength: 1, maxLength: 500 }, site: text(100), excludeId: rowId },
} as const;

/** Who is acting: the principal (api/auth/acting-name.ts; the x-zhiwen-user header only with the deprecated admin token). */
const editorName = actingName;

/** Ids the editor can list (library messages never name routes). */
const config = { errorHints: { NOT_FOUND: 'list entries at GET /v1/faqs', NOTHING_QUEUED: 'list them at GET /v1/faqs/queue' } };

/** The consultation knowledge base for editors (a signed-in editor; api/auth/route-actions.ts says which role each route needs): CRUD, workflow, history, import/export, hit test, queue. */
export async function registerFaqRoutes(app: FastifyInstance, faqs: FaqEditor, guard: AdminGuard, db: Queryable): Promise<void> {
  await app.register(async (admin) => {
    admin.addHook('onRequest', guard);
    admin.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 10 * 1_048_576 }, (_req, body, done) => done(null, body));
    const tags = ['faqs'];

    admin.get<{ Querystring: EntryFilter }>('/v1/faqs', {
      schema: { summary: 'List entries', tags, response: responds(ENTRY_PAGE), querystring: { type: 'object', additionalProperties: false, properties: {
        status: { type: 'string', enum: [...FAQ_STATUSES] }, category: text(50), q: text(200),
        siteCode: text(100), author: text(200), expiringWithinDays: { type: 'integer', minimum: 0, maximum: 3650 },
        limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, default: 0 },
      } } },
    }, async (request) => {
      // A scoped editor lists the entries of their sites only, as they could open them one by one.
      const within = await visibleScopes(db, request.principal, 'editorial.read');
      return faqs.list({ ...request.query, ...(within ? { within } : {}) });
    });

    admin.post<{ Body: FaqEntryInput }>('/v1/faqs', {
      schema: { summary: 'Create a draft entry (returns near-duplicate warnings)', tags, response: responds(ENTRY_WITH_DUPLICATES, 201), body: { type: 'object', required: ['question', 'answerHtml'], additionalProperties: false, properties: entryProperties } },
    }, async (request, reply) => reply.status(201).send(await faqs.create(request.body, editorName(request))));

    admin.post<{ Body: { question: string; excludeId?: number } }>('/v1/faqs/duplicates', {
      schema: { summary: 'Entries a question nearly duplicates (check before writing one)', tags, body: questionBody, response: responds(DUPLICATES) },
    }, async (request) => ({ duplicates: await faqs.duplicatesOf(request.body.question, request.body.excludeId) }));

    admin.post<{ Body: { question: string; site?: string } }>('/v1/faqs/hit-test', {
      schema: { summary: 'Hit test (命中测试): which entries and documents a question matches, with scores', tags, body: questionBody, response: responds(HIT_TEST) },
    }, async (request) => faqs.hitTest(request.body.question, request.body.site));

    admin.get<{ Querystring: { format: 'csv' | 'xlsx'; status?: EntryFilter['status'] } }>('/v1/faqs/export', {
      schema: {
        summary: 'Export entries as CSV or XLSX', tags,
        response: { 200: bodyOf({ 'text/csv': 'the entries as CSV', [XLSX_TYPE]: 'the entries as XLSX' }), ...ERROR_RESPONSES },
        querystring: { type: 'object', additionalProperties: false, properties: {
          format: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' }, status: { type: 'string', enum: [...FAQ_STATUSES] },
        } },
      },
    }, async (request, reply) => {
      const file = await faqs.export(request.query.format, request.query.status);
      return reply.header('content-disposition', `attachment; filename="${file.filename}"`).type(file.contentType).send(file.body);
    });

    admin.post<{ Body: unknown }>('/v1/faqs/import', {
      schema: { summary: 'Import entries as drafts from CSV (text/csv) or XLSX', tags, response: responds(IMPORT_REPORT) },
    }, async (request) => faqs.import(request.body, request.headers['content-type'] ?? '', editorName(request)));

    admin.post<{ Body: unknown }>('/v1/faqs/import/preview', {
      schema: { summary: 'What importing this CSV or XLSX would do, row by row (writes nothing)', tags, response: responds(IMPORT_PREVIEW) },
    }, async (request) => faqs.previewImport(request.body, request.headers['content-type'] ?? ''));

    admin.get<{ Querystring: { limit: number } }>('/v1/faqs/queue', {
      schema: { summary: "Editors' queue: unanswered and disliked questions grouped by similarity, most asked first", tags, response: responds(QUEUE),
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } } },
    }, async (request) => faqs.queue(request.query.limit));

    admin.post<{ Body: DraftFromQueue }>('/v1/faqs/queue/draft', {
      config,
      schema: { summary: 'Turn a group of queued questions into a draft entry', tags, response: responds(DRAFTED, 201), body: { type: 'object', required: ['questionIds'], additionalProperties: false, properties: {
        questionIds: { type: 'array', minItems: 1, maxItems: 1000, items: rowId },
        question: entryProperties.question, answerHtml: entryProperties.answerHtml, category: entryProperties.category,
      } } },
    }, async (request, reply) => reply.status(201).send(await faqs.draftFromQueue(request.body, editorName(request))));

    admin.get<{ Params: { id: number } }>('/v1/faqs/:id', { config, schema: { summary: 'One entry', tags, params: idParams, response: responds(FAQ_ENTRY) } },
      async (request) => faqs.get(request.params.id));

    admin.patch<{ Params: { id: number }; Body: Partial<FaqEntryInput> }>('/v1/faqs/:id', {
      config,
      schema: { summary: 'Edit a draft (a new version)', tags, params: idParams, response: responds(ENTRY_WITH_DUPLICATES), body: { type: 'object', minProperties: 1, additionalProperties: false, properties: entryProperties } },
    }, async (request) => faqs.update(request.params.id, request.body, editorName(request)));

    admin.get<{ Params: { id: number } }>('/v1/faqs/:id/versions', {
      config,
      schema: { summary: 'Full history: who changed what, when', tags, params: idParams, response: responds(VERSIONS) },
    }, async (request) => ({ versions: await faqs.versions(request.params.id) }));

    admin.post<{ Params: { id: number; action: FaqTransition }; Body: { note?: string } | undefined }>('/v1/faqs/:id/:action', {
      config,
      schema: {
        summary: 'Workflow: submit, approve (not by the author or last editor), reject, retire, revise', tags,
        params: { type: 'object', required: ['id', 'action'], properties: { id: rowId, action: { type: 'string', enum: Object.keys(TRANSITIONS) } } },
        body: { type: ['object', 'null'], additionalProperties: false, properties: { note: text(500) } },
        response: responds(FAQ_ENTRY),
      },
    }, async (request) => faqs.transition(request.params.id, request.params.action, editorName(request), request.body?.note ?? null));
  });
}
