import { ZhiwenError } from '../errors';
import { skippedMigrations, type Queryable } from '../store';

/** The migration that creates the vector tables where pgvector is available (store/migrations/009_vector.sql). */
const VECTOR_MIGRATION = '9';
const LEXICAL_ONLY = 'or run lexical-only (unset ZHIWEN_EMBED_MODEL, or set it to "none")';

/**
 * Fails, saying what to do, when this library has no vector tables: a PostgreSQL without the
 * pgvector extension serves lexical search only. Called before anything reads or writes vectors, so an
 * embedding model configured there stops the process at start rather than on the first query.
 */
export async function assertVectorSupport(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('chunk_embeddings') IS NOT NULL AS present`);
  if (rows[0].present) return;
  const reason = (await skippedMigrations(db))[VECTOR_MIGRATION] ?? 'the vector tables are missing';
  const message = reason.startsWith('CREATE EXTENSION')
    ? `the vector extension (pgvector) could not be created on this PostgreSQL (${reason}): ` +
      `run CREATE EXTENSION vector as a superuser and restart, ${LEXICAL_ONLY}`
    : `the vector extension (pgvector) is not installed on this PostgreSQL (${reason}): ` +
      `install postgresql-15-pgvector (the package for your PostgreSQL version) and restart, which creates the vector tables, ${LEXICAL_ONLY}`;
  throw new ZhiwenError('VECTOR_EXTENSION_MISSING', message);
}
