// /docs documents every route's responses: a success shape and the error shape, so the widget's types
// (scripts/widget-types.ts) and API clients can be generated from the document.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };

describe('the OpenAPI document (/docs/json)', () => {
  let db: Db;
  let app: FastifyInstance;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    db = await openLibrary();
    app = await buildApp(composeServices({ db, search: new SearchService(db) }), { rateLimitPerMinute: 0 });
    paths = (await app.inject({ url: '/docs/json' })).json<{ paths: typeof paths }>().paths;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists the public, editor and admin routes', () => {
    for (const p of ['/v1/search', '/v1/suggest', '/v1/ask', '/v1/feedback', '/v1/faqs', '/v1/faqs/{id}', '/v1/admin/synonyms', '/v1/admin/jobs', '/v1/admin/quarantine', '/v1/admin/sites', '/widget/zhiwen.js', '/d/{id}']) {
      expect(Object.keys(paths)).toContain(p);
    }
  });

  it('gives every operation a success response and the shared error response for 4XX and 5XX', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const statuses = Object.keys(op.responses ?? {});
        // A redirecting route (/admin → /console, the OIDC login) succeeds with its redirect.
        if (!statuses.some((s) => /^(2\d\d|30[2-4])$/.test(s))) missing.push(`${method.toUpperCase()} ${path}: no success response`);
        for (const range of ['4XX', '5XX']) {
          const ref = op.responses?.[range]?.content?.['application/json']?.schema?.$ref;
          if (ref !== '#/components/schemas/ErrorResponse') missing.push(`${method.toUpperCase()} ${path}: ${range} is not ErrorResponse`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
