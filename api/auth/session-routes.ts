import type { FastifyInstance } from 'fastify';
import { actorOf, changeOwnPassword, refreshSession } from '../../library/accounts';
import { ZhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import { LOGIN } from '../schemas/auth';
import { responds } from '../schemas/common';
import { originOf } from './request-context';

const tags = ['auth'];

/** POST /v1/auth/refresh (a new secret for a live session) and POST /v1/auth/password (change one's own password). */
export function registerSessionRoutes(app: FastifyInstance, db: Db): void {
  app.post('/v1/auth/refresh', {
    schema: {
      summary: 'Swap this session\'s token for a new one (the old stops working) and restart its idle clock; its absolute end stays',
      tags, response: responds(LOGIN),
      body: { anyOf: [{ type: 'object', additionalProperties: false, maxProperties: 0 }, { type: 'null' }] },
    },
  }, async (request, reply) => {
    if (request.credentialKind !== 'session' || !request.credentialSecret) {
      throw new ZhiwenError('BAD_REQUEST', 'only a login session is refreshed; a service token is rotated by issuing a new one and revoking the old');
    }
    reply.header('cache-control', 'no-store');
    return refreshSession(db, request.credentialSecret, actorOf(request.principal, originOf(request)));
  });

  app.post<{ Body: { username: string; currentPassword: string; newPassword: string } }>('/v1/auth/password', {
    schema: {
      summary: 'Change one\'s own password (required after an admin reset: send the one-time password as currentPassword); ends other sessions and signs in',
      tags, response: responds(LOGIN),
      body: { type: 'object', required: ['username', 'currentPassword', 'newPassword'], additionalProperties: false, properties: {
        username: { type: 'string', minLength: 1, maxLength: 64 }, currentPassword: { type: 'string', minLength: 1, maxLength: 1000 },
        newPassword: { type: 'string', minLength: 1, maxLength: 256 },
      } },
    },
  }, async (request, reply) => {
    const { username, currentPassword, newPassword } = request.body;
    reply.header('cache-control', 'no-store');
    return changeOwnPassword(db, username, currentPassword, newPassword, originOf(request));
  });
}
