import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Db, Queryable, QueryResult } from './db';
import { lockFolder } from './folder-lock';
import { refreshPlannerStatistics } from './planner-statistics';

/** PGlite's own start parameters (single-user mode, no parallel workers, …), which ours extend. */
const PGLITE_START_PARAMS: readonly string[] = (() => {
  const params = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams;
  if (!Array.isArray(params)) throw new Error('this @electric-sql/pglite has no defaultStartParams: pin the version package.json names (0.5.14)');
  return params;
})();

/**
 * PostgreSQL's own page cache inside the WASM heap. PGlite's default (128 MB) is resident for the
 * life of the process; the operating system caches the data files anyway, so a small one costs a
 * read() per page miss and saves ~110 MiB of the API process's memory.
 */
const SHARED_BUFFERS = '16MB';

/**
 * Embedded PostgreSQL (WASM) with pgvector; `dataDir` persists it, omit it for an in-memory library.
 * A data folder is locked for this process (PGlite is single-process): a second opener gets
 * LibraryLockedError naming the holder; the lock goes with close() or the process.
 */
export async function openPglite(dataDir?: string): Promise<Db & { pglite: PGlite }> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const lock = dataDir ? lockFolder(dataDir) : null;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir,
      extensions: { vector },
      startParams: [...PGLITE_START_PARAMS, '-c', `shared_buffers=${SHARED_BUFFERS}`],
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
      const res = await q.query<Row>(sql, params as unknown[] | undefined);
      return { rows: res.rows, affectedRows: res.affectedRows };
    },
  });
  const base = asQueryable(pglite);
  const db: Db & { pglite: PGlite } = {
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
      // A library on disk leaves with fresh planner statistics (no autovacuum here): the next process
      // to open it plans well from its first query. Never blocks the close.
      if (dataDir) await refreshPlannerStatistics(db).catch((err: Error) => console.error(`planner statistics: ANALYZE on close failed: ${err.message}`));
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
  return db;
}
