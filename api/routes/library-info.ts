import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../library/store';
import { responds } from '../schemas/common';
import { LIBRARY_INFO } from '../schemas/search';

export interface LibraryInfo {
  /** True while the library holds only the fictional sample city (ingest/sample marks it `extra.sample`). */
  sampleOnly: boolean;
}

/**
 * GET /v1/library: what the try-it page says about the data behind it (a "sample data" note only
 * while nothing real is loaded). The first query stops at the first real document, so it stays
 * cheap on a large library (no cache needed); the second runs only on a library with no real document.
 */
export function registerLibraryInfoRoutes(app: FastifyInstance, db: Queryable): void {
  app.get('/v1/library', { schema: { summary: 'What the library holds (sample data only or real data)', tags: ['library'], response: responds(LIBRARY_INFO) } }, async (): Promise<LibraryInfo> => {
    const { rows } = await db.query<{ real: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM documents WHERE status = 'active' AND (extra->>'sample') IS DISTINCT FROM 'true') AS real`,
    );
    const sampleOnly = !rows[0].real && (await db.query<{ sample: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM documents WHERE status = 'active' AND extra->>'sample' = 'true') AS sample`,
    )).rows[0].sample;
    return { sampleOnly };
  });
}
