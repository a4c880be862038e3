import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { installAuth, registerAuthRoutes, requireAuthorized, SECURITY_SCHEMES } from './auth';
import type { AppServices } from './compose';
import { requestLogOptions, trustProxyOption } from './client-address';
import { installErrorHandler } from './error-handler';
import { installRateLimits } from './rate-limits';
import { installInputGuard } from './input-guard';
import { registerCurationRoutes } from './routes/curation';
import { registerSearchRoutes } from './routes/search';
import { registerSuggestRoutes } from './routes/suggest';
import { registerSuggestionReviewRoutes } from './routes/suggestion-review';
import { registerSystemRoutes } from './routes/system';
import { registerWidgetRoutes } from './routes/widget';
import { registerConsoleRoutes } from './routes/console';
import { registerConsoleChartRoutes } from './routes/console-charts';
import { registerJobRoutes } from './routes/jobs';
import { registerAskRoutes } from './routes/ask';
import { registerFaqRoutes } from './routes/faqs';
import { registerFeedbackRoutes } from './routes/feedback';
import { registerLocalWriteRoutes } from './routes/local-writes';
import { registerQuarantineRoutes } from './routes/quarantine';
import { registerSitesAdminRoutes } from './routes/sites-admin';
import { installSiteKeys, registerSiteKeyRoutes } from './site-keys';
import { registerAnalyticsRoutes } from './routes/analytics';
import { registerQueueBoard } from './queue-board';
import { registerDocumentPageRoutes } from './routes/document-page';
import { registerLibraryInfoRoutes } from './routes/library-info';
import { publicBaseFrom } from './public-base';

const here = path.dirname(fileURLToPath(import.meta.url));

/** How the HTTP API behaves; cli/config.ts reads them from the environment once. */
export interface AppOptions {
  /** Requests per minute per client IP; default 600 (a busy widget page, well under abuse); 0 = off. */
  rateLimitPerMinute?: number;
  /** Requests per minute per site key (api/rate-limits.ts); default 6000; 0 = off. */
  rateLimitPerKeyPerMinute?: number;
  /** REDIS_URL: rate-limit budgets shared by every replica through Redis; unset = per process. */
  redisUrl?: string;
  /** Prefix of the budgets' Redis keys; default `zhiwen:rate-limit:`. */
  rateLimitRedisPrefix?: string;
  /**
   * IPs and CIDRs of the reverse proxies in front (api/client-address.ts `parseTrustedProxies`): only
   * their X-Forwarded-For hops count, so the client address is the right-most untrusted one. Default none.
   */
  trustedProxies?: readonly string[];
  /** Request logging (client addresses cut to /24 and /48, api/client-address.ts). */
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
  /** The built console bundle served at /console/console.js (console/build.ts; `zhiwen serve` builds it at start). */
  consoleFile?: string;
  /** The console's charts script served at /console/vendor/charts.js (console/charts/build.ts; `zhiwen serve` builds it at start). */
  chartsFile?: string;
}

/** Wires the routes to services built once (api/compose.ts); no listening: tests use inject(). */
export async function buildApp(services: AppServices, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? requestLogOptions() : false,
    trustProxy: trustProxyOption(options.trustedProxies ?? []),
    bodyLimit: 1_048_576,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  installErrorHandler(app);
  // First: every parameter is checked (no stray control characters, finite numbers) before any hook reads it.
  installInputGuard(app);
  // Budgets per client and per site key (api/rate-limits.ts): refused before any hook reads the database.
  await installRateLimits(app, {
    perClientPerMinute: options.rateLimitPerMinute, perKeyPerMinute: options.rateLimitPerKeyPerMinute,
    redisUrl: options.redisUrl, redisPrefix: options.rateLimitRedisPrefix,
  });
  // Before every route, so its hooks cover them all (api/auth/route-actions.ts holds each route's rule).
  // Site keys and the cross-origin policy first: a console route refuses another origin before any credential is read.
  installSiteKeys(app, services.db, { publicUrl: options.publicUrl });
  installAuth(app, services.db, { legacyAdminToken: options.adminToken });
  const publicBase = publicBaseFrom(options.publicUrl);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
    },
    // The widget is embedded on every government site: its script and API must load cross-origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
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
  registerAuthRoutes(app, services.db, services.oidc);
  registerSystemRoutes(app, services);
  registerWidgetRoutes(app, { file: options.widgetFile });
  registerConsoleRoutes(app, { file: options.consoleFile });
  registerConsoleChartRoutes(app, options.chartsFile);
  registerSearchRoutes(app, services.search, publicBase);
  registerSuggestRoutes(app, services.search.suggestions);
  await registerCurationRoutes(app, services.editorial.curation, adminOnly);
  registerSuggestionReviewRoutes(app, services.editorial.curation, adminOnly);
  registerJobRoutes(app, services.jobs, adminOnly);
  registerAskRoutes(app, services.answers, services.db, publicBase);
  registerDocumentPageRoutes(app, services.db);
  registerLibraryInfoRoutes(app, services.db);
  registerFeedbackRoutes(app, services.db);
  registerLocalWriteRoutes(app, services.localWrites);
  registerQuarantineRoutes(app, services.db, adminOnly);
  registerSitesAdminRoutes(app, services.db, adminOnly);
  registerSiteKeyRoutes(app, services.db, adminOnly);
  registerAnalyticsRoutes(app, services.db, adminOnly);
  await registerQueueBoard(app, services.db, services.queueBoard, options.adminToken);
  await registerFaqRoutes(app, services.editorial.faqs, adminOnly, services.db);
  return app;
}
