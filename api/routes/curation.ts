import { adminGuard } from '../admin-guard';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import {
  createHotWord, createPin, createSynonym, deleteHotWord, deletePin, deleteSynonym, listHotWords, listPins, listSynonyms,
  queryLogReport, updateHotWord, updatePin, updateSynonym, MAX_PINNED_DOCUMENTS, MAX_WORD_CHARS,
  type Curation, type HotWordInput, type PinInput, type SynonymInput,
} from '../../retrieval/curation';



const word = { type: 'string', minLength: 1, maxLength: MAX_WORD_CHARS } as const;
const site = { type: ['string', 'null'], maxLength: 100, description: 'site code; omit or null for the whole platform' } as const;
const note = { type: ['string', 'null'], maxLength: 500 } as const;
const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

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

/** The admin token check, then: curation must be running in this process. */
function guard(token: string | undefined, curation: Curation | undefined) {
  const checkToken = adminGuard(token, 'admin routes');
  return async (request: FastifyRequest) => {
    await checkToken(request);
    if (!curation) throw new ZhiwenError('CURATION_UNAVAILABLE', 'this API process was started without curation; start it with `zhiwen serve`', 503);
  };
}

/** Editor curation under /v1/admin: synonyms, hot words, pinned results (best bets), the query log report. */
export async function registerCurationRoutes(app: FastifyInstance, db: Db, curation: Curation | undefined, token: string | undefined): Promise<void> {
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', guard(token, curation));
      const tags = ['admin'];
      /** Every write reloads this replica at once; others see it within their poll interval. */
      const changed = async <T>(result: T): Promise<T> => {
        await curation!.refresh();
        return result;
      };
      const removed = async (remove: Promise<void>, reply: FastifyReply) => {
        await remove;
        await curation!.refresh();
        return reply.status(204).send();
      };

      admin.get<{ Querystring: { contains?: string; limit: number; offset: number } }>('/synonyms', {
        schema: { summary: 'List synonym rules', tags, querystring: { type: 'object', properties: { contains: { type: 'string', maxLength: 50 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, offset: { type: 'integer', minimum: 0, default: 0 } }, additionalProperties: false } },
      }, async (req) => ({ synonyms: await listSynonyms(db, req.query) }));
      admin.post<{ Body: SynonymInput }>('/synonyms', { schema: { summary: 'Add a synonym rule (colloquial → official, or equivalent words)', tags, body: synonymBody } },
        async (req, reply) => reply.status(201).send(await changed(await createSynonym(db, req.body))));
      admin.put<{ Params: { id: number }; Body: SynonymInput }>('/synonyms/:id', { schema: { summary: 'Replace a synonym rule', tags, params: idParams, body: synonymBody } },
        async (req) => changed(await updateSynonym(db, req.params.id, req.body)));
      admin.delete<{ Params: { id: number } }>('/synonyms/:id', { schema: { summary: 'Delete a synonym rule', tags, params: idParams } },
        async (req, reply) => removed(deleteSynonym(db, req.params.id), reply));

      const siteQuery = { type: 'object', properties: { site: { type: 'string', maxLength: 100 } }, additionalProperties: false } as const;
      admin.get<{ Querystring: { site?: string } }>('/hot-words', { schema: { summary: 'List hot words (热词)', tags, querystring: siteQuery } },
        async (req) => ({ hotWords: await listHotWords(db, req.query) }));
      admin.post<{ Body: HotWordInput }>('/hot-words', { schema: { summary: 'Add a hot word for a site or the platform', tags, body: hotWordBody } },
        async (req, reply) => reply.status(201).send(await changed(await createHotWord(db, req.body))));
      admin.put<{ Params: { id: number }; Body: HotWordInput }>('/hot-words/:id', { schema: { summary: 'Replace a hot word', tags, params: idParams, body: hotWordBody } },
        async (req) => changed(await updateHotWord(db, req.params.id, req.body)));
      admin.delete<{ Params: { id: number } }>('/hot-words/:id', { schema: { summary: 'Delete a hot word', tags, params: idParams } },
        async (req, reply) => removed(deleteHotWord(db, req.params.id), reply));

      admin.get<{ Querystring: { site?: string } }>('/pins', { schema: { summary: 'List pinned results (best bets)', tags, querystring: siteQuery } },
        async (req) => ({ pins: await listPins(db, req.query) }));
      admin.post<{ Body: PinInput }>('/pins', { schema: { summary: 'Pin documents first for a query', tags, body: pinBody } },
        async (req, reply) => reply.status(201).send(await changed(await createPin(db, req.body))));
      admin.put<{ Params: { id: number }; Body: PinInput }>('/pins/:id', { schema: { summary: 'Replace a pin', tags, params: idParams, body: pinBody } },
        async (req) => changed(await updatePin(db, req.params.id, req.body)));
      admin.delete<{ Params: { id: number } }>('/pins/:id', { schema: { summary: 'Delete a pin', tags, params: idParams } },
        async (req, reply) => removed(deletePin(db, req.params.id), reply));

      admin.get<{ Querystring: { site?: string; days: number; zeroResults: boolean; limit: number } }>('/query-log', {
        schema: {
          summary: 'Most searched queries of a window, or those that found nothing (candidates for synonyms)', tags,
          querystring: { type: 'object', properties: { site: { type: 'string', maxLength: 100 }, days: { type: 'integer', minimum: 1, maximum: 366, default: 7 }, zeroResults: { type: 'boolean', default: false }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } }, additionalProperties: false },
        },
      }, async (req) => {
        await curation!.flushLog();
        return { queries: await queryLogReport(db, { site: req.query.site, days: req.query.days, zeroResultsOnly: req.query.zeroResults, limit: req.query.limit }) };
      });
    },
    { prefix: '/v1/admin' },
  );
}
