import type { FastifyInstance } from 'fastify';
import { MAX_PINNED_DOCUMENTS, MAX_WORD_CHARS, type HotWordInput, type PinInput, type SynonymInput } from '../../retrieval/curation';
import type { CurationEditor } from '../../retrieval/editorial';
import type { AdminGuard } from '../admin-guard';
import { arrayOf, NO_CONTENT, obj, responds, rowId } from '../schemas/common';
import { HOT_WORD, PIN, QUERY_LOG, SYNONYM } from '../schemas/editorial';

const word = { type: 'string', minLength: 1, maxLength: MAX_WORD_CHARS } as const;
const site = { type: ['string', 'null'], maxLength: 100, description: 'site code; omit or null for the whole platform' } as const;
const note = { type: ['string', 'null'], maxLength: 500 } as const;
const idParams = { type: 'object', properties: { id: rowId }, required: ['id'] } as const;
const siteQuery = { type: 'object', properties: { site: { type: 'string', maxLength: 100 } }, additionalProperties: false } as const;

const synonymBody = {
  type: 'object',
  required: ['term', 'expansions'],
  properties: {
    term: word,
    expansions: { type: 'array', minItems: 1, maxItems: 20, items: word },
    mode: { type: 'string', enum: ['oneway', 'equivalent'], default: 'oneway' },
    note,
  },
  additionalProperties: false,
} as const;

const hotWordBody = {
  type: 'object',
  required: ['word'],
  properties: {
    site,
    word,
    weight: { type: 'integer', minimum: -1000, maximum: 1000, default: 0 },
    expiresAt: { type: ['string', 'null'], maxLength: 40, description: 'ISO 8601 date-time after which it is no longer shown' },
  },
  additionalProperties: false,
} as const;

const pinBody = {
  type: 'object',
  required: ['query', 'externalIds'],
  properties: {
    site,
    query: { type: 'string', minLength: 1, maxLength: 200 },
    externalIds: { type: 'array', minItems: 1, maxItems: MAX_PINNED_DOCUMENTS, items: { type: 'string', minLength: 1, maxLength: 200 } },
    note,
  },
  additionalProperties: false,
} as const;

/** Where an editor finds the ids a write or lookup names (library messages never name routes). */
const hints = (list: string) => {
  const change = `PUT ${list}/<id> changes it (ids at GET ${list})`;
  return { NOT_FOUND: `list them with GET ${list}`, SYNONYM_EXISTS: change, HOT_WORD_EXISTS: change, PIN_EXISTS: change };
};

/** Editor curation under /v1/admin: synonyms, hot words, pinned results (best bets), the query log report. */
export async function registerCurationRoutes(app: FastifyInstance, editor: CurationEditor, guard: AdminGuard): Promise<void> {
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', guard);
      const tags = ['admin'];
      const list = (schema: Record<string, unknown>, key: string) => responds(obj({ [key]: arrayOf(schema) }));
      const config = {
        '/synonyms': { errorHints: hints('/v1/admin/synonyms') },
        '/hot-words': { errorHints: hints('/v1/admin/hot-words') },
        '/pins': { errorHints: hints('/v1/admin/pins') },
      };

      admin.get<{ Querystring: { contains?: string; limit: number; offset: number } }>('/synonyms', {
        schema: { summary: 'List synonym rules', tags, response: list(SYNONYM, 'synonyms'), querystring: { type: 'object', properties: { contains: { type: 'string', maxLength: 50 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, offset: { type: 'integer', minimum: 0, default: 0 } }, additionalProperties: false } },
      }, async (req) => ({ synonyms: await editor.listSynonyms(req.query) }));
      admin.post<{ Body: SynonymInput }>('/synonyms', { config: config['/synonyms'], schema: { summary: 'Add a synonym rule (colloquial → official, or equivalent words)', tags, body: synonymBody, response: responds(SYNONYM, 201) } },
        async (req, reply) => reply.status(201).send(await editor.createSynonym(req.body)));
      admin.put<{ Params: { id: number }; Body: SynonymInput }>('/synonyms/:id', { config: config['/synonyms'], schema: { summary: 'Replace a synonym rule', tags, params: idParams, body: synonymBody, response: responds(SYNONYM) } },
        async (req) => editor.updateSynonym(req.params.id, req.body));
      admin.delete<{ Params: { id: number } }>('/synonyms/:id', { config: config['/synonyms'], schema: { summary: 'Delete a synonym rule', tags, params: idParams, response: responds(NO_CONTENT, 204) } },
        async (req, reply) => reply.status(204).send(await editor.deleteSynonym(req.params.id)));

      admin.get<{ Querystring: { site?: string } }>('/hot-words', { schema: { summary: 'List hot words (热词)', tags, querystring: siteQuery, response: list(HOT_WORD, 'hotWords') } },
        async (req) => ({ hotWords: await editor.listHotWords(req.query) }));
      admin.post<{ Body: HotWordInput }>('/hot-words', { config: config['/hot-words'], schema: { summary: 'Add a hot word for a site or the platform', tags, body: hotWordBody, response: responds(HOT_WORD, 201) } },
        async (req, reply) => reply.status(201).send(await editor.createHotWord(req.body)));
      admin.put<{ Params: { id: number }; Body: HotWordInput }>('/hot-words/:id', { config: config['/hot-words'], schema: { summary: 'Replace a hot word', tags, params: idParams, body: hotWordBody, response: responds(HOT_WORD) } },
        async (req) => editor.updateHotWord(req.params.id, req.body));
      admin.delete<{ Params: { id: number } }>('/hot-words/:id', { config: config['/hot-words'], schema: { summary: 'Delete a hot word', tags, params: idParams, response: responds(NO_CONTENT, 204) } },
        async (req, reply) => reply.status(204).send(await editor.deleteHotWord(req.params.id)));

      admin.get<{ Querystring: { site?: string } }>('/pins', { schema: { summary: 'List pinned results (best bets)', tags, querystring: siteQuery, response: list(PIN, 'pins') } },
        async (req) => ({ pins: await editor.listPins(req.query) }));
      admin.post<{ Body: PinInput }>('/pins', { config: config['/pins'], schema: { summary: 'Pin documents first for a query', tags, body: pinBody, response: responds(PIN, 201) } },
        async (req, reply) => reply.status(201).send(await editor.createPin(req.body)));
      admin.put<{ Params: { id: number }; Body: PinInput }>('/pins/:id', { config: config['/pins'], schema: { summary: 'Replace a pin', tags, params: idParams, body: pinBody, response: responds(PIN) } },
        async (req) => editor.updatePin(req.params.id, req.body));
      admin.delete<{ Params: { id: number } }>('/pins/:id', { config: config['/pins'], schema: { summary: 'Delete a pin', tags, params: idParams, response: responds(NO_CONTENT, 204) } },
        async (req, reply) => reply.status(204).send(await editor.deletePin(req.params.id)));

      admin.get<{ Querystring: { site?: string; days: number; zeroResults: boolean; limit: number } }>('/query-log', {
        schema: {
          summary: 'Most searched queries of a window, or those that found nothing (candidates for synonyms)', tags, response: responds(QUERY_LOG),
          querystring: { type: 'object', properties: { site: { type: 'string', maxLength: 100 }, days: { type: 'integer', minimum: 1, maximum: 366, default: 7 }, zeroResults: { type: 'boolean', default: false }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } }, additionalProperties: false },
        },
      }, async (req) => ({ queries: await editor.queryLog({ site: req.query.site, days: req.query.days, zeroResultsOnly: req.query.zeroResults, limit: req.query.limit }) }));
    },
    { prefix: '/v1/admin' },
  );
}
