import type { FastifyInstance } from 'fastify';
import { MAX_WORD_CHARS, type CandidateStatus } from '../../retrieval/curation';
import type { CurationEditor } from '../../retrieval/editorial';
import type { AdminGuard } from '../admin-guard';
import { actingName } from '../auth/acting-name';
import { arrayOf, NO_CONTENT, obj, responds, rowId } from '../schemas/common';
import { BLOCKED_WORD, SUGGESTION_CANDIDATE } from '../schemas/editorial';

const idParams = { type: 'object', properties: { id: rowId }, required: ['id'] } as const;
const candidatesQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'], default: 'pending' },
    site: { type: 'string', maxLength: 100, description: 'site code of the search box; omit for every site' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
  additionalProperties: false,
} as const;
const blockedWordBody = {
  type: 'object',
  required: ['word'],
  properties: { word: { type: 'string', minLength: 1, maxLength: MAX_WORD_CHARS }, note: { type: ['string', 'null'], maxLength: 500 } },
  additionalProperties: false,
} as const;

const candidatesList = '/v1/admin/suggestion-candidates';
const blocklist = '/v1/admin/suggestion-blocklist';

/**
 * Editors' gate on popular-query suggestions (issue 15): the candidates popular enough to suggest
 * (distinct clients on distinct days, retrieval/curation/suggestion-candidates.ts), approved or
 * rejected one by one, and the blocklist of words never suggested. Each write is audited (api/auth).
 */
export function registerSuggestionReviewRoutes(app: FastifyInstance, editor: CurationEditor, guard: AdminGuard): void {
  const tags = ['admin'];
  const config = { errorHints: { NOT_FOUND: `list them with GET ${candidatesList}` } };
  app.get<{ Querystring: { status: CandidateStatus; site?: string; limit: number } }>(candidatesList, {
    preHandler: guard,
    schema: { summary: 'Popular queries awaiting approval as suggestions (or approved, or rejected)', tags, querystring: candidatesQuery, response: responds(obj({ candidates: arrayOf(SUGGESTION_CANDIDATE) })) },
  }, async (req) => ({ candidates: await editor.listSuggestionCandidates(req.query) }));

  for (const [step, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    app.post<{ Params: { id: number } }>(`${candidatesList}/:id/${step}`, {
      preHandler: guard,
      config,
      schema: { summary: step === 'approve' ? 'Let autocomplete suggest this query while it stays popular' : 'Never suggest this query', tags, params: idParams, response: responds(SUGGESTION_CANDIDATE) },
    }, async (req) => editor.reviewSuggestion(req.params.id, decision, actingName(req)));
  }

  app.get(blocklist, { preHandler: guard, schema: { summary: 'Words never suggested', tags, response: responds(obj({ words: arrayOf(BLOCKED_WORD) })) } },
    async () => ({ words: await editor.listBlockedWords() }));
  app.post<{ Body: { word: string; note?: string | null } }>(blocklist, {
    preHandler: guard,
    config: { errorHints: { BLOCKED_WORD_EXISTS: `see GET ${blocklist}` } },
    schema: { summary: 'Never suggest a query holding this word (pending candidates holding it are rejected)', tags, body: blockedWordBody, response: responds(BLOCKED_WORD, 201) },
  }, async (req, reply) => reply.status(201).send(await editor.createBlockedWord(req.body, actingName(req))));
  app.delete<{ Params: { id: number } }>(`${blocklist}/:id`, {
    preHandler: guard,
    config: { errorHints: { NOT_FOUND: `list them with GET ${blocklist}` } },
    schema: { summary: 'Take a word off the blocklist', tags, params: idParams, response: responds(NO_CONTENT, 204) },
  }, async (req, reply) => reply.status(204).send(await editor.deleteBlockedWord(req.params.id)));
}
