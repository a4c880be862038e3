import { errorKind, type ErrorCode, type ErrorKind } from '../library/errors';

/** The one place an error's kind becomes an HTTP status. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported_format: 415,
  unprocessable: 422,
  unavailable: 503,
  rate_limited: 429,
  internal: 500,
};

export const statusOf = (code: string): number => STATUS_BY_KIND[errorKind(code)];

/**
 * What to do next, said in the API's terms (library messages never name routes): a hint for a code
 * wherever it comes from. A route adds its own with `config: { errorHints }` (see routeHints).
 */
export const HINTS: Partial<Record<ErrorCode, string>> = {
  UNKNOWN_SITE: 'list sites at GET /v1/sites',
  CREDENTIAL_REQUIRED: 'sign in at POST /v1/auth/login',
  CREDENTIAL_INVALID: 'sign in at POST /v1/auth/login',
};

/** Route-level hints, e.g. which listing shows the ids a NOT_FOUND was about. */
export type ErrorHints = Partial<Record<ErrorCode, string>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Hints the error boundary appends to this route's error messages, by code. */
    errorHints?: ErrorHints;
  }
}

/** `message` with the route's or the code's hint appended, once. */
export function withHint(message: string, code: string, routeHints: ErrorHints | undefined): string {
  const hint = routeHints?.[code as ErrorCode] ?? HINTS[code as ErrorCode];
  return hint && !message.includes(hint) ? `${message}; ${hint}` : message;
}
