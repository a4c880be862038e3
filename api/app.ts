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
import type { Curation } from '../retrieval/curation';
import type { SearchService } from '../retrieval/search';
import { AnswerService } from '../retrieval/answer';
import { FaqService } from '../retrieval/faq';
import { installErrorHandler } from './error-handler';
import { registerCurationRoutes } from './routes/curation';
import { registerSearchRoutes } from './routes/search';
import { registerSuggestRoutes } from './routes/suggest';
import { registerSystemRoutes } from './routes/system';
import { registerWidgetRoutes } from './routes/widget';
import { registerJobRoutes, type JobQueueStatusSource } from './routes/jobs';
import { registerAskRoutes } from './routes/ask';
import { registerFaqRoutes } from './routes/faqs';
import { registerFeedbackRoutes } from './routes/feedback';
import { registerLocalWriteRoutes, type LocalWrites } from './routes/local-writes';
import { registerQuarantineRoutes } from './routes/quarantine';
import { registerSitesAdminRoutes } from './routes/sites-admin';
import { registerDocumentPageRoutes } from './routes/document-page';
import { registerLibraryInfoRoutes } from './routes/library-info';
import { publicBaseFrom } from './public-base';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface AppServices {
  db: Db;
  search: SearchService;
  /** Job queues whose status GET /v1/admin/jobs reports (cli/serve opens them). */
  jobs?: JobQueueStatusSource[];
  /** Editors' curation behind /v1/admin/synonyms, hot-words, pins and query-log (cli/serve opens it). */
  curation?: Curation;
  /** The consultation knowledge base's FAQ index (cli/serve follows the table); default: built here, loaded on first use. */
  faqs?: FaqService;
  /** Answers behind /v1/ask (cli/serve configures the LLM); default: extractive over `search` and `faqs`. */
  answers?: AnswerService;
  /** The CLI's writes handed to this process when it holds the embedded library (cli/serve builds them). */
  localWrites?: LocalWrites;
}

export interface AppOptions {
  /** Requests per minute per client IP; default 600 (a busy widget page, well under abuse); 0 = off. */
  rateLimitPerMinute?: number;
  logger?: boolean;
  /** Shared secret for the x-zhiwen-admin-token header of the curation routes; default env ZHIWEN_ADMIN_TOKEN. Unset = off (403). */
  adminToken?: string;
  /** The API's public URL, which document links (/d/<id>) are made absolute with; default env ZHIWEN_PUBLIC_URL, else each request's own origin. */
  publicUrl?: string;
}

/** Builds the HTTP API over the given services (no listening: tests use inject()). */
export async function buildApp(services: AppServices, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  installErrorHandler(app);
  const publicBase = publicBaseFrom(options.publicUrl ?? process.env.ZHIWEN_PUBLIC_URL);
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
    openapi: { info: { title: 'Zhiwen (智问) API', version: '0.1.0', description: 'Search and Q&A over the unified information resource library' } },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyStatic, { root: path.join(here, 'public'), prefix: '/' });
  registerSystemRoutes(app, services);
  registerWidgetRoutes(app);
  registerSearchRoutes(app, services.search, publicBase);
  registerSuggestRoutes(app, services.search.suggestions);
  await registerCurationRoutes(app, services.db, services.curation, options.adminToken ?? process.env.ZHIWEN_ADMIN_TOKEN);
  registerJobRoutes(app, services.jobs, { adminToken: options.adminToken ?? process.env.ZHIWEN_ADMIN_TOKEN });
  const faqs = services.faqs ?? new FaqService(services.db);
  const answers = services.answers ?? new AnswerService({ db: services.db, search: services.search, faqs });
  registerAskRoutes(app, answers, services.db, publicBase);
  registerDocumentPageRoutes(app, services.db);
  registerLibraryInfoRoutes(app, services.db);
  registerFeedbackRoutes(app, services.db);
  registerLocalWriteRoutes(app, services.localWrites);
  registerQuarantineRoutes(app, services.db, options.adminToken ?? process.env.ZHIWEN_ADMIN_TOKEN);
  registerSitesAdminRoutes(app, services.db, options.adminToken ?? process.env.ZHIWEN_ADMIN_TOKEN);
  await registerFaqRoutes(app, { db: services.db, search: services.search, faqs, answers }, options.adminToken ?? process.env.ZHIWEN_ADMIN_TOKEN);
  return app;
}
