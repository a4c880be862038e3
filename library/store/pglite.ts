import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Db, Queryable, QueryResult } from './db';

/** Embedded PostgreSQL (WASM) with pgvector; `dataDir` persists it, omit it for an in-memory library. */
export async function openPglite(dataDir?: string): Promise<Db & { pglite: PGlite }> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { vector } });
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
      const res = await q.query<Row>(sql, params as unknown[] | undefined);
      return { rows: res.rows, affectedRows: res.affectedRows };
    },
  });
  const base = asQueryable(pglite);
  return {
    driver: 'pglite',
    pglite,
    query: base.query,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => fn(asQueryable(tx)));
    },
    async exec(sql: string): Promise<void> {
      await pglite.exec(sql);
    },
    async close(): Promise<void> {
      await pglite.close();
    },
  };
}
