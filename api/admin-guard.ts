import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ZhiwenError } from '../library/errors';

export const ADMIN_TOKEN_HEADER = 'x-zhiwen-admin-token';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * An onRequest hook for editor and admin routes: refuses every request unless ZHIWEN_ADMIN_TOKEN is
 * set (403, with how to turn it on) and the header carries it (401). Compared in constant time.
 */
export function adminGuard(token: string | undefined, what = 'admin routes') {
  const expected = token ? digest(token) : null;
  return async (request: FastifyRequest): Promise<void> => {
    if (!expected) {
      throw new ZhiwenError(
        'ADMIN_DISABLED',
        `${what} are disabled: set the ZHIWEN_ADMIN_TOKEN environment variable of the API to a secret and send it in the ${ADMIN_TOKEN_HEADER} header`,
        403,
      );
    }
    const sent = request.headers[ADMIN_TOKEN_HEADER];
    if (typeof sent !== 'string' || !sent) {
      throw new ZhiwenError('ADMIN_TOKEN_REQUIRED', `send the admin token in the ${ADMIN_TOKEN_HEADER} header`, 401);
    }
    if (!timingSafeEqual(digest(sent), expected)) {
      throw new ZhiwenError('ADMIN_TOKEN_INVALID', `the ${ADMIN_TOKEN_HEADER} header does not match ZHIWEN_ADMIN_TOKEN`, 401);
    }
  };
}
