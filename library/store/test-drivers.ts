import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Db } from './db';
import { skippedMigrations } from './migrate';
import { openLibrary } from './open';
import { openPg } from './pg';

/** A fresh, migrated library on one driver, and how to dispose of it. */
export interface TestLibrary {
  db: Db;
  /** Why this library has no vector tables (a PostgreSQL without pgvector), or null when it has them. */
  vectorsMissing: string | null;
  dispose(): Promise<void>;
}

/** Migration 009 (vectors) is skipped where pgvector is missing; vector tests skip with its reason. */
async function vectorsMissing(db: Db): Promise<string | null> {
  return (await skippedMigrations(db))['9'] ?? null;
}

export interface DriverCase {
  name: string;
  open(): Promise<TestLibrary>;
}

/**
 * The drivers every store contract test runs against: PGlite in-process; node-postgres over TCP to
 * PGlite served by pglite-socket; and a real PostgreSQL when ZHIWEN_TEST_DATABASE_URL is set (a stock one
 * without pgvector runs every lexical test; the vector tests skip, saying why).
 */
export function driverCases(): DriverCase[] {
  const cases: DriverCase[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openLibrary();
        return { db, vectorsMissing: await vectorsMissing(db), dispose: () => db.close() };
      },
    },
    {
      name: 'pg over pglite-socket',
      async open() {
        const pglite = await PGlite.create({ extensions: { vector } });
        const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1' });
        await server.start();
        const db = await openLibrary({ databaseUrl: `postgres://postgres@${server.getServerConn()}/postgres` });
        return {
          db,
          vectorsMissing: await vectorsMissing(db),
          async dispose() {
            await db.close();
            await server.stop();
            await pglite.close();
          },
        };
      },
    },
  ];
  const url = process.env.ZHIWEN_TEST_DATABASE_URL;
  if (url) {
    cases.push({
      name: 'pg (ZHIWEN_TEST_DATABASE_URL)',
      async open() {
        const schema = `zhiwen_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
        const scoped = `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema},public`;
        const bootstrap = await openPg(url, { max: 1 });
        await bootstrap.exec(`CREATE SCHEMA ${schema}`);
        const db = await openLibrary({ databaseUrl: scoped });
        return {
          db,
          vectorsMissing: await vectorsMissing(db),
          async dispose() {
            await db.close();
            await bootstrap.exec(`DROP SCHEMA ${schema} CASCADE`);
            await bootstrap.close();
          },
        };
      },
    });
  }
  return cases;
}
