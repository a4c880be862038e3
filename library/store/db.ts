/**
 * The smallest slice of a SQL driver the library needs: parameterised queries and a transaction.
 * PGlite (embedded) and node-postgres (server) both implement it, so all SQL is written once.
 */
export interface QueryResult<Row> {
  rows: Row[];
  affectedRows?: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly driver: 'pglite' | 'pg';
}
