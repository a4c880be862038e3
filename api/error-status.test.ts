// The error table (library/errors.ts) and the one place kinds become statuses (api/error-status.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ERRORS, errorKind, NotFoundError, zhiwenError, ZhiwenError, type ErrorCode } from '../library/errors';
import { installErrorHandler } from './error-handler';
import { STATUS_BY_KIND, statusOf, withHint } from './error-status';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('error codes, kinds and statuses', () => {
  it('keeps the statuses clients and tests rely on', () => {
    const expected: Partial<Record<ErrorCode, number>> = {
      BAD_REQUEST: 400, EMPTY_QUERY: 400, EMPTY_QUESTION: 400, BAD_LIMIT: 400, INVALID_RECORD: 400, USER_REQUIRED: 400,
      ADMIN_TOKEN_REQUIRED: 401, ADMIN_TOKEN_INVALID: 401, LOCAL_SECRET_INVALID: 401,
      ADMIN_DISABLED: 403, SELF_REVIEW: 403, LOCAL_ONLY: 403,
      NOT_FOUND: 404, UNKNOWN_SITE: 404, NOTHING_QUEUED: 404,
      BAD_TRANSITION: 409, SYNONYM_EXISTS: 409, HOT_WORD_EXISTS: 409, PIN_EXISTS: 409, LIBRARY_LOCKED: 409,
      IMPORT_FORMAT: 415, UNSUPPORTED_ATTACHMENT: 422,
      CURATION_UNAVAILABLE: 503, JOBS_UNAVAILABLE: 503, ROBOTS_UNREACHABLE: 503,
      VERSION_MISMATCH: 500, LLM_CONFIG: 500, WIDGET_BUILD_FAILED: 500, VECTOR_EXTENSION_MISSING: 500,
    };
    for (const [code, status] of Object.entries(expected)) expect([code, statusOf(code)]).toEqual([code, status]);
    // Every declared code has a kind with a status; a code from elsewhere is an internal error.
    for (const code of Object.keys(ERRORS)) expect(STATUS_BY_KIND[errorKind(code)]).toBeGreaterThanOrEqual(400);
    expect(statusOf('SOMETHING_ELSE')).toBe(500);
  });

  it('words a templated code from the table', () => {
    const err = zhiwenError('UNKNOWN_SITE', 'nope');
    expect(err).toBeInstanceOf(ZhiwenError);
    expect(err).toMatchObject({ code: 'UNKNOWN_SITE', message: 'no site with code "nope"; omit site for the whole platform' });
    expect(zhiwenError('BAD_LIMIT', 50, 0).message).toBe('limit must be an integer from 1 to 50, got 0');
  });

  it('adds the API\'s hint once: the route\'s before the code\'s', () => {
    expect(withHint('no site with code "x"', 'UNKNOWN_SITE', undefined)).toBe('no site with code "x"; list sites at GET /v1/sites');
    expect(withHint('no FAQ entry 9', 'NOT_FOUND', { NOT_FOUND: 'list entries at GET /v1/faqs' })).toBe('no FAQ entry 9; list entries at GET /v1/faqs');
    expect(withHint('x; list sites at GET /v1/sites', 'UNKNOWN_SITE', undefined)).toBe('x; list sites at GET /v1/sites');
    expect(withHint('plain', 'EMPTY_QUERY', undefined)).toBe('plain');
  });

  it('renders a known error with its kind\'s status, its code and the route\'s hint', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/entry', { config: { errorHints: { NOT_FOUND: 'list entries at GET /v1/faqs' } } }, async () => {
      throw new NotFoundError('no FAQ entry 9');
    });
    app.get('/site', async () => {
      throw zhiwenError('UNKNOWN_SITE', 'x');
    });
    const entry = await app.inject({ url: '/entry' });
    expect([entry.statusCode, entry.json()]).toEqual([404, { error: { code: 'NOT_FOUND', message: 'no FAQ entry 9; list entries at GET /v1/faqs' } }]);
    const site = await app.inject({ url: '/site' });
    expect([site.statusCode, site.json().error.message]).toEqual([404, 'no site with code "x"; omit site for the whole platform; list sites at GET /v1/sites']);
    await app.close();
  });

  it('leaves routes out of the messages below the API (library, retrieval, ingest)', () => {
    const naming = /['"`][^'"`\n]*\b(GET|POST|PUT|PATCH|DELETE) \/v1\//;
    const offenders = ['library', 'retrieval', 'ingest'].flatMap((layer) => sources(path.join(root, layer)))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file, line, i })))
      .filter(({ line }) => naming.test(line) && !/^\s*(\*|\/\/)/.test(line))
      .map(({ file, i }) => `${path.relative(root, file)}:${i + 1}`);
    expect(offenders).toEqual([]);
  });
});
