import { randomUUID } from 'node:crypto';
import { openPg } from './pg';

/**
 * The real PostgreSQL the server-mode tests use: ZHIWEN_TEST_DATABASE_URL (CI sets it; a stock
 * PostgreSQL 15 without pgvector is enough). Unset: those tests are skipped, and say so.
 */
export const TEST_DATABASE_URL = process.env.ZHIWEN_TEST_DATABASE_URL;
export const SKIP_WITHOUT_TEST_DATABASE = 'ZHIWEN_TEST_DATABASE_URL is not set: the real-PostgreSQL tests are skipped';

export interface TestDatabase {
  /** postgres:// URL of a fresh, empty database of its own. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database on the test server (the role must be allowed to create one). */
export async function createTestDatabase(prefix = 'zhiwen_test'): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error(SKIP_WITHOUT_TEST_DATABASE);
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = await openPg(TEST_DATABASE_URL, { max: 1 });
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const cleaner = await openPg(TEST_DATABASE_URL, { max: 1 });
      try {
        // WITH (FORCE): a test that failed may have left connections behind.
        await cleaner.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleaner.close();
      }
    },
  };
}
