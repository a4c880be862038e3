import type { FastifyInstance } from 'fastify';
import { recordFeedback, type FeedbackInput } from '../../library/consultation';
import type { Db } from '../../library/store';
import { FEEDBACK_SAVED } from '../schemas/ask';
import { responds } from '../schemas/common';

const feedbackBody = {
  type: 'object',
  required: ['answerId', 'helpful'],
  properties: {
    answerId: { type: 'string', minLength: 1, maxLength: 100, description: 'the answerId returned by POST /v1/ask' },
    helpful: { type: 'boolean', description: 'true = 有用, false = 没用 (the question joins the editors\' queue)' },
    comment: { type: 'string', maxLength: 1000 },
  },
  additionalProperties: false,
} as const;

/** POST /v1/feedback: 有用 / 没用 with an optional comment, on any answer. */
export function registerFeedbackRoutes(app: FastifyInstance, db: Db): void {
  app.post<{ Body: FeedbackInput }>(
    '/v1/feedback',
    { schema: { summary: 'Rate an answer (有用 / 没用)', tags: ['ask'], body: feedbackBody, response: responds(FEEDBACK_SAVED, 201) }, config: { errorHints: { NOT_FOUND: 'send the answerId returned by POST /v1/ask' } } },
    async (request, reply) => {
      const saved = await recordFeedback(db, { ...request.body, citizenSubject: request.citizen?.subject ?? null });
      return reply.status(201).send(saved);
    },
  );
}
