import type { FastifyInstance } from 'fastify';
import type { SearchRequest, SearchService } from '../../retrieval/search';
import { MAX_LIMIT, MAX_OFFSET } from '../../retrieval/search';
import type { PublicBase } from '../public-base';
import { responds } from '../schemas/common';
import { SEARCH_RESPONSE } from '../schemas/search';

const searchQuerystring = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 10_000, description: '查询词; any length is accepted, only the first 200 characters are used' },
    site: { type: 'string', maxLength: 100, description: 'site code the search comes from' },
    scope: { type: 'string', enum: ['site', 'region', 'platform'] },
    siteLevel: { type: 'string', enum: ['platform', 'province', 'city', 'county', 'department'] },
    region: { type: 'string', pattern: '^[0-9]{2,12}$' },
    infoType: { type: 'string', maxLength: 20 },
    topic: { type: 'string', maxLength: 50 },
    issuer: { type: 'string', maxLength: 100 },
    year: { type: 'integer', minimum: 1949, maximum: 2100 },
    validity: { type: 'string', enum: ['current', 'all'] },
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 10 },
    offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
  },
  required: ['q'],
  additionalProperties: false,
} as const;

/** GET /v1/search; each result's url opens (its http(s) source, else its page under `publicBase`). */
export function registerSearchRoutes(app: FastifyInstance, search: SearchService, publicBase: PublicBase = () => ''): void {
  app.get<{ Querystring: SearchRequest }>(
    '/v1/search',
    { schema: { summary: 'Search documents (站内搜索)', tags: ['search'], querystring: searchQuerystring, response: responds(SEARCH_RESPONSE) } },
    async (request) => search.search({ ...request.query, publicBase: publicBase(request), client: request.ip }),
  );
}
