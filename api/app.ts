import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Db } from '../library/store';
import type { SearchService } from '../retrieval/search';
import { installErrorHandler } from './error-handler';
import { registerSearchRoutes } from './routes/search';
import { registerSystemRoutes } from './routes/system';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface AppServices {
  db: Db;
  search: SearchService;
}

export interface AppOptions {
  /** Requests per minute per client IP; default 600 (a busy widget page, well under abuse). */
  rateLimitPerMinute?: number;
  logger?: boolean;
}

/** Builds the HTTP API over the given services (no listening: tests use inject()). */
export async function buildApp(services: AppServices, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  installErrorHandler(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
    },
    // The widget is embedded on every government site: its script and API must load cross-origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, { origin: true });
  await app.register(rateLimit, { max: options.rateLimitPerMinute ?? 600, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: { info: { title: 'Zhiwen (智问) API', version: '0.1.0', description: 'Search and Q&A over the unified information resource library' } },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyStatic, { root: path.join(here, 'public'), prefix: '/' });
  registerSystemRoutes(app, services);
  registerSearchRoutes(app, services.search);
  return app;
}
