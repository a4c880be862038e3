import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../library/accounts';
import { errorKind, ZhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import { credentials } from '../auth/credentials';
import { siteTree } from '../auth/request-context';
import { STATUS_BY_KIND } from '../error-status';

/** The cookie that carries the console's session to the board (an iframe cannot send Authorization). */
export const BOARD_COOKIE = 'zhiwen_board';
export const BOARD_PATH = '/console/queues';

/** `Set-Cookie` for the board: HttpOnly, SameSite=Strict (no cross-site request carries it), only under the board's path. */
export function boardCookie(secret: string, maxAgeSeconds: number, secure: boolean): string {
  return `${BOARD_COOKIE}=${secret}; Path=${BOARD_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function cookieSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === BOARD_COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * Who may use the board: whoever may act platform-wide ('platform.manage': the platform admin, as for
 * registering sites), by the board cookie or the API's own credentials (api/auth/credentials.ts:
 * a bearer session or token, or the deprecated shared admin token).
 */
export function boardGuard(db: Db, legacyAdminToken: string | undefined) {
  const creds = credentials(db, legacyAdminToken);
  /** onRequest: answers the refusal itself (bull-board's own error handler would turn it into a 500). */
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      const fromCookie = cookieSecret(request);
      // The iframe sends the cookie; the one credential path reads it as the bearer it is.
      if (fromCookie && request.headers.authorization === undefined) request.headers.authorization = `Bearer ${fromCookie}`;
      const { principal, kind } = await creds.resolve(request);
      authorize(await siteTree(db), principal, 'platform.manage', null);
      request.principal = principal; // for the audit entry of a write (board-audit.ts)
      request.credentialKind = kind;
    } catch (err) {
      if (!(err instanceof ZhiwenError)) throw err;
      await reply.status(STATUS_BY_KIND[errorKind(err.code)]).type('application/json; charset=utf-8')
        .send({ error: { code: err.code, message: err.message } });
    }
  };
}
