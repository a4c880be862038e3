import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { VersionMismatchError } from '../errors';
import type { Db } from './db';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary but fixed: two processes starting together must not both migrate. */
const MIGRATION_LOCK_ID = 7_421_0001;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 3)),
      name: file,
      sql: await readFile(path.join(dir, file), 'utf8'),
    })),
  );
}

/** Applies pending migrations in order under an advisory lock; returns the versions applied. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<number[]> {
  const migrations = await loadMigrations(dir);
  const latest = migrations.at(-1)?.version ?? 0;
  await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
  try {
    await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > latest) {
      throw new VersionMismatchError(
        `the library's schema is at version ${newest} but this Zhiwen knows migrations up to ${latest}: ` +
          'upgrade Zhiwen, or point it at a library created by this version.',
      );
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await db.transaction(async (tx) => {
        for (const statement of splitStatements(m.sql)) await tx.query(statement);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
      done.push(m.version);
    }
    return done;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
  }
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
