import { adminGuard } from '../admin-guard';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createEntry, entriesToCsv, entriesToXlsx, getEntry, listEntries, listOpenUnanswered, listVersions, parseEntriesCsv,
  parseEntriesXlsx, resolveUnanswered, transitionEntry, updateEntry, FAQ_STATUSES, TRANSITIONS,
  type EntryFilter, type FaqEntry, type FaqEntryInput, type FaqTransition,
} from '../../library/consultation';
import { ZhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import type { AnswerService } from '../../retrieval/answer';
import { groupQuestions, type FaqService } from '../../retrieval/faq';
import type { SearchService } from '../../retrieval/search';

const USER_HEADER = 'x-zhiwen-user';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
const questionBody = {
  type: 'object', required: ['question'], additionalProperties: false,
  properties: { question: { type: 'string', minLength: 1, maxLength: 500 }, site: text(100), excludeId: { type: 'integer' } },
} as const;

/** Editor routes need ZHIWEN_ADMIN_TOKEN in x-zhiwen-admin-token and a name in x-zhiwen-user. */
const guard = (token: string | undefined) => adminGuard(token, 'FAQ editing routes');

/** Who is acting: the x-zhiwen-user header (a name or staff id, recorded in the history). */
function editor(request: FastifyRequest): string {
  const raw = request.headers[USER_HEADER];
  let user = '';
  try {
    user = typeof raw === 'string' ? decodeURIComponent(raw).trim() : '';
  } catch {
    // a malformed %-escape: treated as no name
  }
  if (!user || user.length > 64) throw new ZhiwenError('USER_REQUIRED', `send who you are (1–64 characters, URL-encoded) in the ${USER_HEADER} header`, 400);
  return user;
}

export interface FaqRouteServices {
  db: Db;
  search: SearchService;
  faqs: FaqService;
  answers: AnswerService;
}

/** The consultation knowledge base for editors: CRUD, workflow, history, import/export, hit test, queue. */
export async function registerFaqRoutes(app: FastifyInstance, s: FaqRouteServices, token: string | undefined): Promise<void> {
  await app.register(async (admin) => {
    admin.addHook('onRequest', guard(token));
    admin.addContentTypeParser(['text/csv', XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 10 * 1_048_576 }, (_req, body, done) => done(null, body));
    const tags = ['faqs'];
    /** Every write reaches this replica's FAQ index at once; others follow within a second. */
    const synced = async <T>(value: T): Promise<T> => {
      await s.faqs.sync();
      return value;
    };
    const withDuplicates = async (entry: FaqEntry) => {
      await s.faqs.sync();
      return { entry, duplicates: s.faqs.nearDuplicates(entry.question, entry.id) };
    };

    admin.get<{ Querystring: EntryFilter }>('/v1/faqs', {
      schema: { summary: 'List entries', tags, querystring: { type: 'object', additionalProperties: false, properties: {
        status: { type: 'string', enum: [...FAQ_STATUSES] }, category: text(50), q: text(200),
        limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, default: 0 },
      } } },
    }, async (request) => listEntries(s.db, request.query));

    admin.post<{ Body: FaqEntryInput }>('/v1/faqs', {
      schema: { summary: 'Create a draft entry (returns near-duplicate warnings)', tags, body: { type: 'object', required: ['question', 'answerHtml'], additionalProperties: false, properties: entryProperties } },
    }, async (request, reply) => reply.status(201).send(await withDuplicates(await createEntry(s.db, request.body, editor(request)))));

    admin.post<{ Body: { question: string; excludeId?: number } }>('/v1/faqs/duplicates', {
      schema: { summary: 'Entries a question nearly duplicates (check before writing one)', tags, body: questionBody },
    }, async (request) => {
      await s.faqs.ready();
      return { duplicates: s.faqs.nearDuplicates(request.body.question, request.body.excludeId) };
    });

    admin.post<{ Body: { question: string; site?: string } }>('/v1/faqs/hit-test', {
      schema: { summary: 'Hit test (命中测试): which entries and documents a question matches, with scores', tags, body: questionBody },
    }, async (request) => {
      await s.faqs.ready();
      const site = request.body.site ? s.search.sites.get(request.body.site) : undefined;
      if (request.body.site && !site) throw new ZhiwenError('UNKNOWN_SITE', `no site with code "${request.body.site}"`, 404);
      const asking = site ? { code: site.code, regionCode: site.region_code } : null;
      const faqs = s.faqs.hitTest(request.body.question, asking).map((m) => ({
        id: m.id, question: m.entry.question, matchedPhrasing: m.phrasing, status: m.entry.status, answerable: m.answerable,
        score: round(m.score), confidence: round(m.confidence),
      }));
      const decision = s.faqs.decide(request.body.question, asking);
      const library = await s.answers.library.answer({ question: request.body.question, site: site?.code });
      const docs = await s.search.search({ q: request.body.question, site: site?.code, limit: 10, internal: true });
      return {
        question: request.body.question,
        decision: { tier: decision.tier, entries: decision.matches.map((m) => m.id) },
        faqs,
        documents: docs.results.map((d) => ({ id: d.id, title: d.title, score: d.score, current: d.current, infoType: d.infoType, snippet: d.snippet })),
        library: { declined: library.declined, probability: library.probability, evidence: library.evidence, sentences: library.sentences, citations: library.citations.map((c) => c.id) },
      };
    });

    admin.get<{ Querystring: { format?: 'csv' | 'xlsx'; status?: EntryFilter['status'] } }>('/v1/faqs/export', {
      schema: { summary: 'Export entries as CSV or XLSX', tags, querystring: { type: 'object', additionalProperties: false, properties: {
        format: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' }, status: { type: 'string', enum: [...FAQ_STATUSES] },
      } } },
    }, async (request, reply) => {
      const entries: FaqEntry[] = [];
      for (let offset = 0; ; offset += 200) {
        const page = await listEntries(s.db, { status: request.query.status, limit: 200, offset });
        entries.push(...page.entries);
        if (page.entries.length < 200) break;
      }
      const xlsx = request.query.format === 'xlsx';
      reply.header('content-disposition', `attachment; filename="faqs.${xlsx ? 'xlsx' : 'csv'}"`);
      reply.type(xlsx ? XLSX : 'text/csv; charset=utf-8');
      return xlsx ? entriesToXlsx(entries) : entriesToCsv(entries);
    });

    admin.post<{ Body: Buffer }>('/v1/faqs/import', {
      schema: { summary: 'Import entries as drafts from CSV (text/csv) or XLSX', tags },
    }, async (request) => {
      const actor = editor(request);
      const type = request.headers['content-type'] ?? '';
      if (!Buffer.isBuffer(request.body)) throw new ZhiwenError('IMPORT_FORMAT', `send the file as text/csv or ${XLSX}`, 415);
      const rows = type.startsWith('text/csv') ? parseEntriesCsv(request.body.toString('utf8')) : await parseEntriesXlsx(request.body);
      await s.faqs.ready();
      const created: Array<{ row: number; id: number; duplicates: ReturnType<FaqService['nearDuplicates']> }> = [];
      const skipped: Array<{ row: number; reason: string }> = [];
      const seen = new Set<string>();
      for (const { row, input, error } of rows) {
        if (!input) {
          skipped.push({ row, reason: error ?? 'unreadable row' });
          continue;
        }
        const key = input.question.replace(/\s+/g, '');
        const duplicates = s.faqs.nearDuplicates(input.question);
        const same = duplicates.find((d) => d.question.replace(/\s+/g, '') === key);
        if (same || seen.has(key)) {
          skipped.push({ row, reason: same ? `same question as entry ${same.id}` : 'same question as an earlier row' });
          continue;
        }
        try {
          const entry = await createEntry(s.db, input, actor, 'import');
          seen.add(key);
          created.push({ row, id: entry.id, duplicates });
        } catch (err) {
          if (!(err instanceof ZhiwenError)) throw err;
          skipped.push({ row, reason: err.message });
        }
      }
      return synced({ created: created.length, skipped, entries: created });
    });

    admin.get<{ Querystring: { limit?: number } }>('/v1/faqs/queue', {
      schema: { summary: "Editors' queue: unanswered and disliked questions grouped by similarity, most asked first", tags,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } } },
    }, async (request) => {
      const groups = groupQuestions(await listOpenUnanswered(s.db));
      return { groups: groups.slice(0, request.query.limit ?? 50), totalGroups: groups.length };
    });

    admin.post<{ Body: { questionIds: number[]; question?: string; answerHtml?: string; category?: string } }>('/v1/faqs/queue/draft', {
      schema: { summary: 'Turn a group of queued questions into a draft entry', tags, body: { type: 'object', required: ['questionIds'], additionalProperties: false, properties: {
        questionIds: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'integer', minimum: 1 } },
        question: entryProperties.question, answerHtml: entryProperties.answerHtml, category: entryProperties.category,
      } } },
    }, async (request, reply) => {
      const wanted = new Set(request.body.questionIds);
      const queued = (await listOpenUnanswered(s.db)).filter((q) => wanted.has(q.id));
      if (queued.length === 0) throw new ZhiwenError('NOTHING_QUEUED', 'none of questionIds is an open queued question; list them at GET /v1/faqs/queue', 404);
      const [group] = groupQuestions(queued, 0);
      const question = request.body.question ?? group.question;
      const entry = await createEntry(s.db, {
        question,
        alternatives: group.phrasings.map((p) => p.text).filter((t) => t !== question && t.length <= 200).slice(0, 50),
        answerHtml: request.body.answerHtml ?? '<p>（待补充答案）</p>',
        category: request.body.category ?? null,
      }, editor(request));
      const resolved = await resolveUnanswered(s.db, queued.map((q) => q.id), entry.id);
      return reply.status(201).send({ ...(await withDuplicates(entry)), resolved });
    });

    admin.get<{ Params: { id: number } }>('/v1/faqs/:id', { schema: { summary: 'One entry', tags, params: idParams } }, async (request) => getEntry(s.db, request.params.id));

    admin.patch<{ Params: { id: number }; Body: Partial<FaqEntryInput> }>('/v1/faqs/:id', {
      schema: { summary: 'Edit a draft (a new version)', tags, params: idParams, body: { type: 'object', minProperties: 1, additionalProperties: false, properties: entryProperties } },
    }, async (request) => withDuplicates(await updateEntry(s.db, request.params.id, request.body, editor(request))));

    admin.get<{ Params: { id: number } }>('/v1/faqs/:id/versions', {
      schema: { summary: 'Full history: who changed what, when', tags, params: idParams },
    }, async (request) => ({ versions: await listVersions(s.db, request.params.id) }));

    admin.post<{ Params: { id: number; action: FaqTransition }; Body: { note?: string } | undefined }>('/v1/faqs/:id/:action', {
      schema: {
        summary: 'Workflow: submit, approve (not by the author or last editor), reject, retire, revise', tags,
        params: { type: 'object', required: ['id', 'action'], properties: { id: { type: 'integer', minimum: 1 }, action: { type: 'string', enum: Object.keys(TRANSITIONS) } } },
        body: { type: ['object', 'null'], additionalProperties: false, properties: { note: text(500) } },
      },
    }, async (request) => synced(await transitionEntry(s.db, request.params.id, request.params.action, editor(request), request.body?.note ?? null)));
  });
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
