import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../library/store';
import { loadDocumentView, parseDocumentPageId } from '../../retrieval/documents';
import { renderDocumentPage, renderMissingPage } from '../pages/document-page';
import { bodyOf, ERROR_RESPONSES } from '../schemas/common';

const PAGE = bodyOf({ 'text/html': 'the page' });

/** How long browsers and proxies may keep a page: an edit or a withdrawal shows within a minute. */
const CACHE_CONTROL = 'public, max-age=60';

/**
 * GET /d/:id: the page of a document (server-rendered HTML), what search results and citations open
 * when the document has no http(s) source URL. Not a number, no such document or held back: 404;
 * withdrawn by its site: 410. Both with a page that says so.
 */
export function registerDocumentPageRoutes(app: FastifyInstance, db: Queryable): void {
  app.get<{ Params: { id: string } }>(
    '/d/:id',
    { schema: { summary: 'A document\'s page (HTML): metadata, text, its 解读 or policy, its reposts', tags: ['library'], response: { 200: PAGE, 404: PAGE, 410: PAGE, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const id = parseDocumentPageId(request.params.id);
      const lookup = id === null ? null : await loadDocumentView(db, id);
      reply.type('text/html; charset=utf-8').header('cache-control', CACHE_CONTROL);
      if (lookup?.state === 'found') return renderDocumentPage(lookup.document);
      const reason = lookup === null ? 'invalid' : lookup.state;
      return reply.status(reason === 'withdrawn' ? 410 : 404).send(renderMissingPage(reason, request.params.id));
    },
  );
}
