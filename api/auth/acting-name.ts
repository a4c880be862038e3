import type { FastifyRequest } from 'fastify';
import { zhiwenError } from '../../library/errors';
import { hasControlChars } from '../../library/rules';

export const USER_HEADER = 'x-zhiwen-user';

/**
 * Who is acting, for histories and "no self-approval": the principal's own name. Only with the
 * deprecated shared admin token, which names nobody, may the x-zhiwen-user header (or `claimed`,
 * a body field such as quarantine's `by`) still name the editor; with a session or service token
 * both are ignored, so nobody approves their own entry by typing another name.
 */
export function actingName(request: FastifyRequest, claimed?: string): string {
  if (request.credentialKind !== 'legacy') return request.principal.name;
  if (claimed?.trim()) return claimed.trim();
  const raw = request.headers[USER_HEADER];
  let user = '';
  try {
    user = typeof raw === 'string' ? decodeURIComponent(raw).trim() : '';
  } catch {
    // a malformed %-escape: treated as no name
  }
  // Decoded from %-escapes, so the input guard never saw it: a %00 would reach PostgreSQL.
  if (!user || user.length > 64 || hasControlChars(user)) throw zhiwenError('USER_REQUIRED', USER_HEADER);
  return user;
}
