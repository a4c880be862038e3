import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { zhiwenError } from '../library/errors';

export const ADMIN_TOKEN_HEADER = 'x-zhiwen-admin-token';

/** An onRequest/preHandler hook that lets only authorized callers through (api/auth's requireAuthorized). */
export type AdminGuard = (request: FastifyRequest) => Promise<void>;

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The deprecated shared-token check (api/auth/credentials.ts calls it when the header is sent; accounts
 * and `Authorization: Bearer` replace it): refuses every request unless the admin token (ZHIWEN_ADMIN_TOKEN,
 * read once by cli/config.ts) is set (403, with how to turn it on) and the header carries it (401).
 * Compared in constant time.
 */
export function adminGuard(token: string | undefined, what = 'admin routes'): AdminGuard {
  const expected = token ? digest(token) : null;
  return async (request) => {
    if (!expected) throw zhiwenError('ADMIN_DISABLED', what, ADMIN_TOKEN_HEADER);
    const sent = request.headers[ADMIN_TOKEN_HEADER];
    if (typeof sent !== 'string' || !sent) throw zhiwenError('ADMIN_TOKEN_REQUIRED', ADMIN_TOKEN_HEADER);
    if (!timingSafeEqual(digest(sent), expected)) throw zhiwenError('ADMIN_TOKEN_INVALID', ADMIN_TOKEN_HEADER);
  };
}
