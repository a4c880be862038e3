/**
 * Every error code Zhiwen raises, declared once (as Fastify's lib/errors.js does): its kind and the
 * message template of the codes whose wording is fixed. The kind says what went wrong in words every
 * layer shares; the API edge alone turns a kind into an HTTP status (api/error-status.ts). Messages
 * say what happened, to which value, and what to do, but never name a route: the API adds such hints.
 */

/** What sort of failure a code is. */
export type ErrorKind =
  /** The caller's input is wrong: fix it and send it again. */
  | 'invalid'
  /** Credentials are missing or do not match. */
  | 'unauthenticated'
  /** Refused whatever the credentials (a switched-off feature, a rule such as no self-review). */
  | 'forbidden'
  | 'not_found'
  /** The request clashes with what is stored (a duplicate, a state that does not allow it). */
  | 'conflict'
  /** The input's format is not one this takes (an import file type). */
  | 'unsupported_format'
  /** Well-formed input whose content cannot be processed (an unreadable attachment). */
  | 'unprocessable'
  /** A dependency is down or not started: the same request may succeed later. */
  | 'unavailable'
  /** Too many requests from one client or site key in a window: wait and send it again. */
  | 'rate_limited'
  /** This deployment is misconfigured or broken: an operator must act. */
  | 'internal';

/** A code's entry: its kind, and (for fixed wordings) the template that writes its message. */
interface ErrorSpec {
  kind: ErrorKind;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each template has its own parameters
  message?: (...args: any[]) => string;
}

const declare = <T extends Record<string, ErrorSpec>>(table: T): T => table;

export const ERRORS = declare({
  // Input
  BAD_REQUEST: { kind: 'invalid' },
  INVALID_RECORD: { kind: 'invalid' },
  EMPTY_QUERY: { kind: 'invalid', message: () => 'q is empty: type a word or a question to search for' },
  EMPTY_QUESTION: { kind: 'invalid', message: () => 'question is empty: type what you want to know' },
  BAD_LIMIT: { kind: 'invalid', message: (max: number, got: unknown) => `limit must be an integer from 1 to ${max}, got ${String(got)}` },
  BAD_OFFSET: { kind: 'invalid', message: (max: number, got: unknown) => `offset must be an integer from 0 to ${max}, got ${String(got)}` },
  SCOPE_NEEDS_SITE: { kind: 'invalid', message: (scope: string) => `scope=${scope} needs site=<site code>` },
  SITE_HAS_NO_REGION: { kind: 'invalid', message: (site: string) => `site "${site}" has no region code, so scope=region cannot be used` },
  BAD_CURATION_INPUT: { kind: 'invalid' },
  UNKNOWN_TRANSITION: { kind: 'invalid' },
  USER_REQUIRED: { kind: 'invalid', message: (header: string) => `send who you are (1–64 characters, URL-encoded) in the ${header} header` },
  EDITOR_REQUIRED: { kind: 'invalid', message: (action: string) => `say who ${action} the document (--by <name>, or "by" in the request body)` },
  REASON_REQUIRED: { kind: 'invalid', message: () => 'say why the document is rejected (--reason <text>, or "reason" in the request body)' },
  BAD_PUBLIC_URL: { kind: 'invalid' },
  BAD_START_URL: { kind: 'invalid' },
  BAD_CRAWL_OPTION: { kind: 'invalid' },
  BAD_EMBED_MODEL: { kind: 'invalid' },
  BAD_EMBED_OPTION: { kind: 'invalid' },
  NO_EMBED_MODEL: { kind: 'invalid' },
  BAD_HYBRID_OPTION: { kind: 'invalid' },
  BAD_JOB_ID: { kind: 'invalid' },
  BAD_JOB_OPTION: { kind: 'invalid' },
  // Any request's parameters (api/input-guard.ts)
  CONTROL_CHARACTER: {
    kind: 'invalid',
    message: (where: string, codePoint: string) => `${where} contains the control character ${codePoint}: remove it (text may hold tabs and line breaks, no other control characters)`,
  },
  BAD_NUMBER: {
    kind: 'invalid',
    message: (where: string, got: string) => `${where} must be a finite number within its range (integers at most ±9007199254740991), got ${got}`,
  },
  // Credentials and refusals
  ADMIN_TOKEN_REQUIRED: { kind: 'unauthenticated', message: (header: string) => `send the admin token in the ${header} header` },
  ADMIN_TOKEN_INVALID: { kind: 'unauthenticated', message: (header: string) => `the ${header} header does not match ZHIWEN_ADMIN_TOKEN` },
  LOCAL_SECRET_INVALID: { kind: 'unauthenticated', message: (header: string) => `send the secret from the library's service file in the ${header} header` },
  ADMIN_DISABLED: {
    kind: 'forbidden',
    message: (what: string, header: string) => `${what} are disabled: set the ZHIWEN_ADMIN_TOKEN environment variable of the API to a secret and send it in the ${header} header`,
  },
  LOCAL_ONLY: { kind: 'forbidden', message: () => "this route takes the CLI's writes on this machine only (loopback)" },
  SELF_REVIEW: {
    kind: 'forbidden',
    message: (entryId: number, actor: string) => `"${actor}" wrote or last edited entry ${entryId} and cannot approve it; another editor must review it`,
  },
  // Accounts (library/accounts)
  LOGIN_FAILED: { kind: 'unauthenticated', message: () => 'the username or the password is wrong' },
  ACCOUNT_LOCKED: {
    kind: 'unauthenticated',
    message: (until: string) => `this account is locked after repeated failed sign-ins until ${until}; wait, or ask an admin to reset the password`,
  },
  CREDENTIAL_REQUIRED: {
    kind: 'unauthenticated',
    message: (header: string) => `sign in and send Authorization: Bearer <session or service token>; the deprecated ${header} header with ZHIWEN_ADMIN_TOKEN still works`,
  },
  CREDENTIAL_INVALID: { kind: 'unauthenticated', message: () => 'the session or token is unknown, expired or revoked: sign in again' },
  ACTION_FORBIDDEN: { kind: 'forbidden', message: (who: string, action: string, where: string) => `${who} may not ${action} on ${where}; ask an admin for a role that allows it` },
  BAD_ACCOUNT_INPUT: { kind: 'invalid' },
  ACCOUNT_EXISTS: { kind: 'conflict', message: (username: string) => `an account named "${username}" already exists` },
  PASSWORD_CHANGE_REQUIRED: {
    kind: 'forbidden',
    message: (username: string) => `an admin reset the password of "${username}": choose a new password (with the one you were given) before signing in`,
  },
  ACCOUNT_DISABLED: { kind: 'forbidden', message: (username: string) => `the account "${username}" is disabled; ask an admin to enable it` },
  OIDC_NOT_CONFIGURED: {
    kind: 'not_found',
    message: () => 'sign-in through the unified identity (OIDC) is not set up on this server: set ZHIWEN_OIDC_ISSUER, ZHIWEN_OIDC_CLIENT_ID, ZHIWEN_OIDC_CLIENT_SECRET and ZHIWEN_OIDC_REDIRECT_URL, or sign in with a password',
  },
  OIDC_LOGIN_INVALID: { kind: 'unauthenticated' },
  OIDC_ACCOUNT_UNKNOWN: {
    kind: 'forbidden',
    message: (subject: string) => `no Zhiwen account is linked to the unified identity "${subject}"; ask an admin to link it (oidcSubject) to your account`,
  },
  AUDIT_IMMUTABLE: { kind: 'forbidden', message: () => 'the audit log is append-only and keeps every entry for at least 180 days' },
  // Site keys and cross-origin requests (library/site-keys, api/site-keys)
  BAD_SITE_KEY_INPUT: { kind: 'invalid' },
  SITE_KEY_REQUIRED: {
    kind: 'forbidden',
    message: (origin: string) => `a page on ${origin} may call this API only with a site key: add site-key="zk_…" to <zhiwen-search> (or send X-Zhiwen-Key); a site admin creates one with \`zhiwen keys create\``,
  },
  SITE_KEY_INVALID: { kind: 'forbidden', message: () => 'the site key is unknown, expired or revoked: ask the site admin for its current key (`zhiwen keys list`)' },
  ORIGIN_NOT_ALLOWED: {
    kind: 'forbidden',
    message: (origin: string, keyId: number) => `origin ${origin} is not among the allowed origins of site key ${keyId}: a site admin adds it by rotating the key with --origin (\`zhiwen keys rotate\`)`,
  },
  CROSS_ORIGIN_FORBIDDEN: {
    kind: 'forbidden',
    message: (origin: string) => `the console and admin routes take no cross-origin requests (from ${origin}): open the console on the API's own address`,
  },
  SITE_KEY_SCOPE: {
    kind: 'forbidden',
    message: (what: string, keyId: number, allowed: string) => `site key ${keyId} does not allow ${what}: it searches ${allowed} at most`,
  },
  CITIZEN_TOKEN_INVALID: { kind: 'unauthenticated', message: (why: string) => `the citizen token (X-Zhiwen-Citizen) is refused: ${why}; the site's backend signs a new one` },
  // Missing things
  NOT_FOUND: { kind: 'not_found' },
  UNKNOWN_SITE: { kind: 'not_found', message: (site: string) => `no site with code "${site}"; omit site for the whole platform` },
  NOTHING_QUEUED: { kind: 'not_found', message: () => 'none of questionIds is an open queued question' },
  // Clashes with what is stored
  BAD_TRANSITION: { kind: 'conflict' },
  SYNONYM_EXISTS: { kind: 'conflict', message: (term: string) => `a synonym rule for "${term}" already exists: change it instead of adding another` },
  HOT_WORD_EXISTS: { kind: 'conflict', message: (word: string, where: string) => `hot word "${word}" already exists for ${where}: change it instead of adding another` },
  BLOCKED_WORD_EXISTS: { kind: 'conflict', message: (word: string) => `"${word}" is already on the suggestion blocklist` },
  RATE_LIMITED: {
    kind: 'rate_limited',
    message: (who: string, after: string) => `too many requests from this ${who}; wait ${after} and try again`,
  },
  PIN_EXISTS: { kind: 'conflict', message: (query: string, where: string) => `query "${query}" is already pinned for ${where}: change that pin instead of adding another` },
  LIBRARY_LOCKED: { kind: 'conflict' },
  // Formats and contents
  IMPORT_FORMAT: { kind: 'unsupported_format', message: (types: string) => `send the file as ${types}` },
  UNSUPPORTED_ATTACHMENT: { kind: 'unprocessable', message: (filename: string, reason: string) => `cannot read attachment "${filename}": ${reason}` },
  // Dependencies
  CURATION_UNAVAILABLE: { kind: 'unavailable', message: () => 'this API process was started without curation; start it with `zhiwen serve`' },
  QUEUE_BOARD_NEEDS_SESSION: { kind: 'invalid', message: () => 'the queue board opens with a login session or a service token (Authorization: Bearer); the shared admin token may call the board with its header instead' },
  QUEUE_BOARD_UNAVAILABLE: { kind: 'unavailable', message: () => 'the queue board needs Redis: start the API with REDIS_URL set (without it jobs run in-process and the board has nothing to show)' },
  JOBS_UNAVAILABLE: { kind: 'unavailable', message: (queue: string, ms: number) => `job queue ${queue} did not answer within ${ms} ms: check that Redis (REDIS_URL) is up` },
  ROBOTS_UNREACHABLE: { kind: 'unavailable' },
  EMBED_SERVER_UNAVAILABLE: { kind: 'unavailable' },
  OIDC_PROVIDER_UNAVAILABLE: { kind: 'unavailable', message: (issuer: string, reason: string) => `the unified identity provider at ${issuer} did not answer (${reason}): try again, or sign in with a password` },
  SEARCH_BACKEND_UNAVAILABLE: { kind: 'unavailable', message: (url: string, reason: string) => `OpenSearch at ${url} did not answer (${reason}): start it (scripts/opensearch.sh start) or check OPENSEARCH_URL` },
  SEARCH_BACKEND_FAILED: { kind: 'internal', message: (what: string, status: number, detail: string) => `OpenSearch refused ${what} (${status}): ${detail}` },
  // Deployment
  VERSION_MISMATCH: { kind: 'internal' },
  VECTOR_EXTENSION_MISSING: { kind: 'internal' },
  EMBED_MODEL_UNAVAILABLE: { kind: 'internal' },
  EMBED_BAD_RESPONSE: { kind: 'internal' },
  LLM_CONFIG: { kind: 'internal' },
  WIDGET_BUILD_FAILED: {
    kind: 'internal',
    message: () => 'the widget bundle is not available on this server: its log says why; `zhiwen serve` builds it at start (or run `npx tsx scripts/build-widget.ts`)',
  },
  CONSOLE_BUILD_FAILED: {
    kind: 'internal',
    message: () => 'the console bundle is not available on this server: its log says why; `zhiwen serve` builds it at start (console/build.ts)',
  },
});

export type ErrorCode = keyof typeof ERRORS;
type Templated = { [C in ErrorCode]: (typeof ERRORS)[C] extends { message: (...args: never[]) => string } ? C : never }[ErrorCode];
type TemplateArgs<C extends Templated> = (typeof ERRORS)[C] extends { message: (...args: infer A) => string } ? A : never;

/** The kind of a code (unknown codes, e.g. from another version, count as internal). */
export function errorKind(code: string): ErrorKind {
  return (ERRORS as Record<string, ErrorSpec>)[code]?.kind ?? 'internal';
}

/**
 * Errors a caller branches on: a stable `code` from ERRORS (its kind is the table's) and a message
 * that says what to do. Codes with a template are raised with `zhiwenError(code, …args)`.
 */
export class ZhiwenError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ZhiwenError';
    this.code = code;
    this.details = details;
  }
}

/** A ZhiwenError worded by the code's template in ERRORS. */
export function zhiwenError<C extends Templated>(code: C, ...args: TemplateArgs<C>): ZhiwenError {
  const template = (ERRORS[code] as ErrorSpec).message as (...a: unknown[]) => string;
  return new ZhiwenError(code, template(...args));
}

/** A record that can never be stored as it is: retrying will not help, fix the input. */
export class InvalidRecordError extends ZhiwenError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INVALID_RECORD', message, details);
    this.name = 'InvalidRecordError';
  }
}

export class NotFoundError extends ZhiwenError {
  constructor(message: string) {
    super('NOT_FOUND', message);
    this.name = 'NotFoundError';
  }
}

/** The stored library was written by another schema or analyzer version than this code expects. */
export class VersionMismatchError extends ZhiwenError {
  constructor(message: string) {
    super('VERSION_MISMATCH', message);
    this.name = 'VersionMismatchError';
  }
}
