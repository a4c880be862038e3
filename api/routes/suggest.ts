import type { FastifyInstance } from 'fastify';
import { MAX_SUGGEST_LIMIT, type SuggestRequest, type SuggestService } from '../../retrieval/suggest';
import { responds } from '../schemas/common';
import { SUGGEST_RESPONSE } from '../schemas/search';

const suggestQuerystring = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 10_000, default: '', description: 'what has been typed: characters, full pinyin (shebaoka) or initials (sbk); empty = hot searches' },
    site: { type: 'string', maxLength: 100, description: 'site code of the search box' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_SUGGEST_LIMIT, default: 10 },
  },
  additionalProperties: false,
} as const;

export function registerSuggestRoutes(app: FastifyInstance, suggestions: SuggestService): void {
  app.get<{ Querystring: SuggestRequest }>(
    '/v1/suggest',
    { schema: { summary: 'Autocomplete, hot and related searches (搜索建议)', tags: ['search'], querystring: suggestQuerystring, response: responds(SUGGEST_RESPONSE) } },
    async (request) => suggestions.suggest(request.query),
  );
}
