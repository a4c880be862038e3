import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openLibrary, openPglite, skippedMigrations, type Db } from './index';
import { createTestDatabase, SKIP_WITHOUT_TEST_DATABASE, TEST_DATABASE_URL, type TestDatabase } from './test-database';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Everything a schema is made of, in a comparable form. */
async function schemaOf(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ item: string }>(
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
       FROM information_schema.columns WHERE table_schema = current_schema()
     UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
     UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
     UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
     UNION ALL SELECT 'extension ' || extname FROM pg_extension
     ORDER BY 1`,
  );
  return rows.map((r) => r.item);
}

describe('migrations on embedded PGlite', () => {
  let oldDir: string;
  beforeAll(async () => {
    // The migrations as they were before the vector objects moved to 009: 001 and 004 made them.
    oldDir = await mkdtemp(path.join(tmpdir(), 'zhiwen-migrations-before-009-'));
    for (const file of await readdir(path.join(here, 'migrations'))) {
      if (/^00[0-8]_.+\.sql$/.test(file)) await copyFile(path.join(here, 'migrations', file), path.join(oldDir, file));
    }
    for (const file of ['001_init.sql', '004_ingest.sql']) {
      await copyFile(path.join(here, 'fixtures/before-009', file), path.join(oldDir, file));
    }
  });
  afterAll(async () => {
    await rm(oldDir, { recursive: true, force: true });
  });

  it('always has the vector step (pglite-pgvector), so nothing is skipped', async () => {
    const db = await openLibrary();
    try {
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version = 9');
      expect(rows).toHaveLength(1);
      expect(await skippedMigrations(db)).toEqual({});
    } finally {
      await db.close();
    }
  });

  it('upgrades a library made before the vector step to the schema a new library has', async () => {
    const existing = await openPglite();
    const fresh = await openLibrary();
    try {
      await migrate(existing, oldDir);
      await existing.query(`INSERT INTO library_meta (key, value) VALUES ('kept', '1')`);
      const applied = await migrate(existing);
      expect(applied).toContain(9);
      expect(await schemaOf(existing)).toEqual(await schemaOf(fresh));
      expect((await existing.query(`SELECT value FROM library_meta WHERE key = 'kept'`)).rows).toEqual([{ value: 1 }]);
      expect(await migrate(existing)).toEqual([]);
    } finally {
      await existing.close();
      await fresh.close();
    }
  });

  it('leaves the schema as it was when a step fails (one transaction for the run)', async () => {
    const db = await openPglite();
    const broken = await mkdtemp(path.join(tmpdir(), 'zhiwen-migrations-broken-'));
    try {
      await copyFile(path.join(here, 'migrations/001_init.sql'), path.join(broken, '001_init.sql'));
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path.join(broken, '002_broken.sql'), 'CREATE TABLE fine (id int);\nSELECT no_such_function();\n');
      await expect(migrate(db, broken)).rejects.toThrow(/no_such_function/);
      const { rows } = await db.query<{ t: string | null }>(`SELECT to_regclass('documents')::text AS t`);
      expect(rows[0].t).toBeNull();
    } finally {
      await db.close();
      await rm(broken, { recursive: true, force: true });
    }
  });
});

if (!TEST_DATABASE_URL) console.warn(SKIP_WITHOUT_TEST_DATABASE);

describe.skipIf(!TEST_DATABASE_URL)('migrations on a stock PostgreSQL (no pgvector)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('zhiwen_migrate');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('opens a lexical-only library when several processes start at once, and records the vector step as skipped', async () => {
    const available = await openLibrary({ databaseUrl: TEST_DATABASE_URL });
    const hasVector = (await available.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)).rows.length > 0;
    await available.close();
    const dbs = await Promise.all([1, 2, 3].map(() => openLibrary({ databaseUrl: database.url })));
    try {
      const { rows } = await dbs[0].query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toContain(10);
      if (hasVector) {
        expect(rows.map((r) => r.version)).toContain(9);
      } else {
        expect(rows.map((r) => r.version)).not.toContain(9);
        expect(await skippedMigrations(dbs[1])).toEqual({ 9: `"vector" is not among this PostgreSQL's available extensions` });
      }
      // The transaction-scoped lock went with its transaction: no session of ours still holds one.
      const locks = await dbs[2].query(
        `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1`,
        [database.name],
      );
      expect(locks.rows).toEqual([]);
    } finally {
      for (const db of dbs) await db.close();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('migrations from two processes at once on one fresh PostgreSQL database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('zhiwen_migrate_procs');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('one process applies every step, the other waits on the transaction lock and finds nothing to do', { timeout: 120_000 }, async () => {
    const run = promisify(execFile);
    // Both processes connect first (tsx start-up takes seconds), then migrate at the same instant.
    const startAt = Date.now() + 8000;
    const results = await Promise.all(
      [1, 2].map(async () => {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'testing/migrate-process.ts')], {
          env: { ...process.env, DATABASE_URL: database.url, START_AT: String(startAt) },
        });
        return (JSON.parse(stdout.trim().split('\n').at(-1)!) as { applied: number[] }).applied;
      }),
    );
    const db = await openLibrary({ databaseUrl: database.url });
    try {
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      const versions = rows.map((r) => r.version);
      expect(new Set(versions).size).toBe(versions.length);
      // Exactly one of them did the work, all of it; the other applied nothing (and did not fail).
      expect(results.map((a) => a.length).sort((a, b) => a - b)).toEqual([0, versions.length]);
      expect(results.flat()).toEqual(versions);
      const locks = await db.query(
        `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1`,
        [database.name],
      );
      expect(locks.rows).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
