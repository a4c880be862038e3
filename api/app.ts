import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { installAuth, registerAuthRoutes, requireAuthorized, SECURITY_SCHEMES } from './auth';
import type { AppServices } from './compose';
import { installErrorHandler } from './error-handler';
import { registerCurationRoutes } from './routes/curation';
import { registerSearchRoutes } from './routes/search';
import { registerSuggestRoutes } from './routes/suggest';
import { registerSystemRoutes } from './routes/system';
import { registerWidgetRoutes } from './routes/widget';
import { registerJobRoutes } from './routes/jobs';
import { registerAskRoutes } from './routes/ask';
import { registerFaqRoutes } from './routes/faqs';
import { registerFeedbackRoutes } from './routes/feedback';
import { registerLocalWriteRoutes } from './routes/local-writes';
import { registerQuarantineRoutes } from './routes/quarantine';
import { registerSitesAdminRoutes } from './routes/sites-admin';
import { registerDocumentPageRoutes } from './routes/document-page';
import { registerLibraryInfoRoutes } from './routes/library-info';
import { publicBaseFrom } from './public-base';

const here = path.dirname(fileURLToPath(import.meta.url));

/** How the HTTP API behaves; cli/config.ts reads them from the environment once. */
export interface AppOptions {
  /** Requests per minute per client IP; default 600 (a busy widget page, well under abuse); 0 = off. */
  rateLimitPerMinute?: number;
  logger?: boolean;
  /**
   * Deprecated: the shared secret of the x-zhiwen-admin-token header, acting as the platform admin "admin-token"
   * (use accounts and `Authorization: Bearer`, api/auth). Unset or empty = that header is refused (403).
   */
  adminToken?: string;
  /** The API's public URL, which document links (/d/<id>) are made absolute with; unset = each request's own origin. */
  publicUrl?: string;
  /** The built widget bundle served at /widget/zhiwen.js (widget/build.ts; `zhiwen serve` builds it at start). */
  widgetFile?: string;
}

/** Wires the routes to services built once (api/compose.ts); no listening: tests use inject(). */
export async function buildApp(services: AppServices, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  installErrorHandler(app);
  // Before every route, so its hooks cover them all (api/auth/route-actions.ts holds each route's rule).
  installAuth(app, services.db, { legacyAdminToken: options.adminToken });
  const publicBase = publicBaseFrom(options.publicUrl);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
    },
    // The widget is embedded on every government site: its script and API must load cross-origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, { origin: true });
  const perMinute = options.rateLimitPerMinute ?? 600;
  if (perMinute > 0) await app.register(rateLimit, { max: perMinute, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Zhiwen (智问) API', version: '0.1.0', description: 'Search and Q&A over the unified information resource library' },
      components: { securitySchemes: SECURITY_SCHEMES },
      security: [{ bearer: [] }, { legacyAdminToken: [] }],
    },
    // Shared schemas keep their $id as their name under components/schemas (e.g. ErrorResponse).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyStatic, { root: path.join(here, 'public'), prefix: '/' });
  const adminOnly = requireAuthorized;
  registerAuthRoutes(app, services.db);
  registerSystemRoutes(app, services);
  registerWidgetRoutes(app, { file: options.widgetFile });
  registerSearchRoutes(app, services.search, publicBase);
  registerSuggestRoutes(app, services.search.suggestions);
  await registerCurationRoutes(app, services.editorial.curation, adminOnly);
  registerJobRoutes(app, services.jobs, adminOnly);
  registerAskRoutes(app, services.answers, services.db, publicBase);
  registerDocumentPageRoutes(app, services.db);
  registerLibraryInfoRoutes(app, services.db);
  registerFeedbackRoutes(app, services.db);
  registerLocalWriteRoutes(app, services.localWrites);
  registerQuarantineRoutes(app, services.db, adminOnly);
  registerSitesAdminRoutes(app, services.db, adminOnly);
  await registerFaqRoutes(app, services.editorial.faqs, adminOnly);
  return app;
}
