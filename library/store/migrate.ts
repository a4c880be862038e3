import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { VersionMismatchError } from '../errors';
import type { Db, Queryable } from './db';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary but fixed: two processes starting together must not both migrate. */
const MIGRATION_LOCK_ID = 7_421_0001;
/** library_meta key of the steps left out for want of an extension: `{ "<version>": "<reason>" }`. */
export const SKIPPED_MIGRATIONS_KEY = 'schema.skipped_migrations';

interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * The extension this step needs, from a `-- requires extension: <name>` line. Where it cannot be
   * created the step is skipped (recorded under SKIPPED_MIGRATIONS_KEY) and tried again on the next
   * start; later steps that use its objects must declare the same requirement.
   */
  requiresExtension: string | null;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file,
        sql,
        requiresExtension: /^--\s*requires extension:\s*([a-z_][a-z0-9_]*)\s*$/m.exec(sql)?.[1] ?? null,
      };
    }),
  );
}

/**
 * Applies pending migrations in order; returns the versions applied. Everything runs in one
 * transaction on one connection holding a transaction-scoped advisory lock: a second process waits,
 * then finds nothing to do, and a failed step leaves the schema as it was. `db.transaction` checks one
 * connection out of the pool for the whole transaction (store/pg.ts), so the lock, every step and the
 * commit share one session, and the lock goes with the commit or rollback. (A session lock taken
 * through a pool could be unlocked on another connection, and so never released.)
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<number[]> {
  const migrations = await loadMigrations(dir);
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > latest) {
      throw new VersionMismatchError(
        `the library's schema is at version ${newest} but this Zhiwen knows migrations up to ${latest}: ` +
          'upgrade Zhiwen, or point it at a library created by this version.',
      );
    }
    const done: number[] = [];
    const skipped: Record<string, string> = {};
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      const missing = m.requiresExtension ? await createExtension(tx, m.requiresExtension) : null;
      if (missing) {
        skipped[m.version] = missing;
        continue;
      }
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    if (migrations.length > 0) await recordSkipped(tx, skipped);
    return done;
  });
}

/** Why each migration step was left out (by version), as the last migrate recorded it; empty when none was. */
export async function skippedMigrations(db: Queryable): Promise<Record<string, string>> {
  const { rows } = await db.query<{ value: Record<string, string> }>('SELECT value FROM library_meta WHERE key = $1', [
    SKIPPED_MIGRATIONS_KEY,
  ]);
  return rows[0]?.value ?? {};
}

/**
 * Creates `name` if it is not there; returns why it cannot be (null when it is there). A failed
 * CREATE EXTENSION is rolled back to a savepoint so the rest of the migration goes on.
 */
async function createExtension(tx: Queryable, name: string): Promise<string | null> {
  const installed = await tx.query('SELECT 1 FROM pg_extension WHERE extname = $1', [name]);
  if (installed.rows.length > 0) return null;
  const available = await tx.query('SELECT 1 FROM pg_available_extensions WHERE name = $1', [name]);
  if (available.rows.length === 0) return `"${name}" is not among this PostgreSQL's available extensions`;
  await tx.query('SAVEPOINT create_extension');
  try {
    await tx.query(`CREATE EXTENSION IF NOT EXISTS ${name}`);
    await tx.query('RELEASE SAVEPOINT create_extension');
    return null;
  } catch (err) {
    await tx.query('ROLLBACK TO SAVEPOINT create_extension');
    return `CREATE EXTENSION ${name} failed: ${(err as Error).message}`;
  }
}

async function recordSkipped(tx: Queryable, skipped: Record<string, string>): Promise<void> {
  if (Object.keys(skipped).length === 0) {
    await tx.query('DELETE FROM library_meta WHERE key = $1', [SKIPPED_MIGRATIONS_KEY]);
    return;
  }
  await tx.query(
    `INSERT INTO library_meta (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [SKIPPED_MIGRATIONS_KEY, JSON.stringify(skipped)],
  );
}

/** Splits a migration on top-level semicolons: not those inside dollar-quoted bodies ($$ … $$, $fn$ … $fn$). */
function splitStatements(sql: string): string[] {
  const text = sql.replace(/--[^\n]*/g, '');
  const statements: string[] = [];
  const dollarTag = /\$[A-Za-z_]*\$/y;
  let start = 0;
  let openTag: string | null = null;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$') {
      dollarTag.lastIndex = i;
      const tag = dollarTag.exec(text)?.[0];
      if (tag) {
        if (openTag === null) openTag = tag;
        else if (tag === openTag) openTag = null;
        i += tag.length - 1;
        continue;
      }
    }
    if (text[i] === ';' && openTag === null) {
      statements.push(text.slice(start, i));
      start = i + 1;
    }
  }
  statements.push(text.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}
