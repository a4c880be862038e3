import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../store';
import { createTestDatabase, SKIP_WITHOUT_TEST_DATABASE, TEST_DATABASE_URL, type TestDatabase } from '../store/test-database';
import { assertVectorSupport } from './vector-support';
import { ensureVectorIndex } from './vector-index';

describe('vector support on embedded PGlite (pglite-pgvector)', () => {
  it('is there', async () => {
    const db = await openLibrary();
    try {
      await expect(assertVectorSupport(db)).resolves.toBeUndefined();
    } finally {
      await db.close();
    }
  });
});

if (!TEST_DATABASE_URL) console.warn(SKIP_WITHOUT_TEST_DATABASE);

describe.skipIf(!TEST_DATABASE_URL)('vector support on the test PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  let hasVector = false;
  beforeAll(async () => {
    database = await createTestDatabase('zhiwen_vectors');
    db = await openLibrary({ databaseUrl: database.url });
    hasVector = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`)).rows.length > 0;
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('serves lexical-only without pgvector, and names the extension to install once a model is configured', async (ctx) => {
    if (hasVector) {
      console.warn('this PostgreSQL has pgvector: the missing-extension error cannot be shown here');
      ctx.skip();
    }
    const expected = expect.objectContaining({
      code: 'VECTOR_EXTENSION_MISSING',
      message: expect.stringMatching(/^the vector extension \(pgvector\) is not installed on this PostgreSQL .*install postgresql-15-pgvector.*or run lexical-only/),
    });
    await expect(assertVectorSupport(db)).rejects.toEqual(expected);
    // What `zhiwen worker` and `crawl` call first with ZHIWEN_EMBED_MODEL set.
    await expect(ensureVectorIndex(db, 'tiny-bert-zh', 64)).rejects.toEqual(expected);
  });
});
