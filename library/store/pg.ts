import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db';

export interface PgOptions {
  /** Connections in the pool. Default 10. */
  max?: number;
  /**
   * How long a query waits for a connection (a free one, or a new one while the server is
   * unreachable) before it fails, ms. Default 10 000: requests fail rather than hang while the
   * database is down.
   */
  connectionTimeoutMillis?: number;
  /** Where lost connections are reported. Default: console.error. */
  onConnectionError?: (err: Error) => void;
}

const reportToConsole = (err: Error): void =>
  console.error(`PostgreSQL connection lost (${err.message}); the next query reconnects`);

/** PostgreSQL through node-postgres, e.g. DATABASE_URL=postgres://user@host/db (pgvector optional). */
export async function openPg(connectionString: string, options: PgOptions = {}): Promise<Db> {
  // bigint (int8) ids come back as strings by default; the library's ids fit in a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  const onConnectionError = options.onConnectionError ?? reportToConsole;
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    // A server that vanished without closing the socket is noticed, not waited on for ever.
    keepAlive: true,
  });
  // An idle connection the server closed (a restart, pg_terminate_backend) is dropped by the pool, which
  // then emits 'error': without a listener that would end the process. The next query opens a new one.
  pool.on('error', onConnectionError);
  // Fail at start, with the URL's host, rather than on the first request.
  const probe = await pool.connect().catch(async (err: Error) => {
    await pool.end().catch(() => undefined);
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
      // A checked-out client has no pool listener: a connection lost mid-transaction would emit an
      // unhandled 'error'. The failing query rejects as well, so here it is only reported.
      let lost: Error | null = null;
      const onError = (err: Error) => {
        lost = err;
        onConnectionError(err);
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackErr: Error) => (lost ??= rollbackErr));
        throw err;
      } finally {
        client.removeListener('error', onError);
        // A broken connection is destroyed, not put back for the next caller.
        client.release(lost ?? undefined);
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
