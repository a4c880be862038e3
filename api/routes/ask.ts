import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZhiwenError } from '../../library/errors';
import type { Queryable } from '../../library/store';
import { interpretPolicy, type AnswerService, type AskMeta, type AskRequest, type AskResult } from '../../retrieval/answer';
import type { PublicBase } from '../public-base';
import { ASK_EVENTS, ASK_RESPONSE, INTERPRETATION } from '../schemas/ask';
import { ERROR_RESPONSES, responds } from '../schemas/common';

const askBody = {
  type: 'object',
  required: ['question'],
  properties: {
    question: { type: 'string', maxLength: 2000, description: '问题; only the first 500 characters are used' },
    site: { type: 'string', maxLength: 100, description: 'site code the question comes from' },
    scope: { type: 'string', enum: ['site', 'region', 'platform'], description: 'which documents may answer (default: the site, else the platform)' },
    history: {
      type: 'array',
      maxItems: 10,
      description: 'earlier turns, oldest first; a follow-up ("那需要什么材料") borrows the previous question\'s terms',
      items: {
        type: 'object',
        required: ['role', 'content'],
        properties: { role: { type: 'string', enum: ['user', 'assistant'] }, content: { type: 'string', maxLength: 2000 } },
        additionalProperties: false,
      },
    },
    stream: { type: 'boolean', description: 'answer as server-sent events (also when Accept: text/event-stream)' },
  },
  additionalProperties: false,
} as const;

type AskBody = Omit<AskRequest, 'publicBase'> & { stream?: boolean };

const sse = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Writes the answer as SSE: meta, delta…, citations, done. The stream opens with the first event, so
 *  bad input (empty question, unknown site) still gets a plain 4xx. */
async function streamAnswer(answers: AnswerService, ask: AskRequest, request: FastifyRequest<{ Body: AskBody }>, reply: FastifyReply): Promise<void> {
  let open = false;
  const write = (event: string, data: unknown) => {
    if (!open) {
      reply.hijack();
      reply.raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      open = true;
    }
    // The client may have gone away; the answer is still logged, nothing more is sent.
    if (!reply.raw.destroyed) reply.raw.write(sse(event, data));
  };
  let result: AskResult;
  try {
    result = await answers.ask(ask, { meta: (m: AskMeta) => write('meta', m), delta: (text) => write('delta', { text }) });
  } catch (err) {
    if (!open) throw err;
    request.log.error({ err }, 'answer stream failed');
    write('error', { code: err instanceof ZhiwenError ? err.code : 'INTERNAL', message: 'the answer could not be completed' });
    reply.raw.end();
    return;
  }
  write('citations', { citations: result.citations, related: result.related, notFound: result.notFound, html: result.html });
  write('done', { answerId: result.answerId, kind: result.kind, generator: result.generator, confidence: result.confidence, tookMs: result.tookMs });
  if (!reply.raw.destroyed) reply.raw.end();
}

/** POST /v1/ask (JSON or SSE) and GET /v1/policies/:id/interpretation; document links open under `publicBase`. */
export function registerAskRoutes(app: FastifyInstance, answers: AnswerService, db: Queryable, publicBase: PublicBase = () => ''): void {
  app.post<{ Body: AskBody }>(
    '/v1/ask',
    {
      schema: {
        summary: 'Ask a question (智能问答): curated FAQ answer, suggestions, a cited answer from the library, or not found',
        tags: ['ask'],
        body: askBody,
        response: {
          200: { description: 'the answer', content: { 'application/json': { schema: ASK_RESPONSE }, 'text/event-stream': { schema: { type: 'string', description: ASK_EVENTS } } } },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const wantsStream = request.body.stream === true || (request.headers.accept ?? '').includes('text/event-stream');
      const { stream: _stream, ...body } = request.body;
      const ask: AskRequest = { ...body, publicBase: publicBase(request), ...(request.citizen ? { citizen: request.citizen.subject } : {}) };
      if (wantsStream) return streamAnswer(answers, ask, request, reply);
      return answers.ask(ask);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/policies/:id/interpretation',
    {
      schema: {
        summary: 'Structured reading of a policy (政策解读): who, conditions, amounts, procedure, deadlines, contact',
        tags: ['ask'],
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 300 } }, required: ['id'] },
        response: responds(INTERPRETATION),
      },
      config: { errorHints: { NOT_FOUND: 'find ids with GET /v1/search' } },
    },
    async (request) => interpretPolicy(db, request.params.id, publicBase(request)),
  );
}
