import type { FastifyError, FastifyInstance } from 'fastify';
import { ZhiwenError } from '../library/errors';
import { statusOf, withHint } from './error-status';
import { ERROR_RESPONSE } from './schemas/common';

/**
 * The one error boundary: known errors render with the status of their kind and their code (plus the
 * route's hint); request validation errors become 400s naming the field; anything else is logged
 * with context and leaks nothing.
 */
export function installErrorHandler(app: FastifyInstance): void {
  // Routes' response schemas refer to it as ErrorResponse# (api/schemas/common.ts).
  app.addSchema(ERROR_RESPONSE);
  app.setErrorHandler((error: FastifyError | ZhiwenError | Error, request, reply) => {
    if (error instanceof ZhiwenError) {
      const status = statusOf(error.code);
      if (status >= 500) request.log.error({ err: error, url: request.url }, 'service error');
      const message = withHint(error.message, error.code, request.routeOptions?.config?.errorHints);
      return reply.status(status).send({ error: { code: error.code, message, details: error.details } });
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: `${fe.validationContext ?? 'request'} ${fe.message}` } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ error: { code: fe.code ?? 'BAD_REQUEST', message: fe.message } });
    }
    request.log.error({ err: error, url: request.url }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error; it has been logged' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
