import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db';

/** PostgreSQL (with pgvector) through node-postgres, e.g. DATABASE_URL=postgres://user@host/db. */
export async function openPg(connectionString: string, options: { max?: number } = {}): Promise<Db> {
  // bigint (int8) ids come back as strings by default; the library's ids fit in a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // Fail at start, with the URL's host, rather than on the first request.
  const probe = await pool.connect().catch((err: Error) => {
    throw new Error(`cannot connect to PostgreSQL at ${redact(connectionString)}: ${err.message}`);
  });
  probe.release();
  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
      const res = await q.query(sql, params);
      return { rows: res.rows as Row[], affectedRows: res.rowCount ?? undefined };
    },
  });
  const base = asQueryable(pool);
  return {
    driver: 'pg',
    query: base.query,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
