import type { Db } from './db';

/**
 * Embedded PostgreSQL (PGlite) runs without autovacuum, so nothing refreshes the planner's
 * statistics. Without them PostgreSQL guesses a third of a table for any range condition: the
 * search index's change-feed poll (`change_seq > $1`) became a sequential scan of `documents`
 * (25 ms at 100k chunks, every second, on the request thread) and result pages planned badly.
 * This does autovacuum's ANALYZE job with autovacuum's own trigger: a table never analyzed, or one
 * whose rows changed by more than 50 + 10% of its size since its last ANALYZE.
 * Returns the tables it analyzed (none on a server PostgreSQL, whose autovacuum does this).
 */
export async function refreshPlannerStatistics(db: Db): Promise<string[]> {
  if (db.driver !== 'pglite') return [];
  // The cumulative statistics are flushed lazily; this makes the next read current.
  await db.query('SELECT pg_stat_force_next_flush()');
  const { rows } = await db.query<{ table: string }>(
    `SELECT format('%I.%I', s.schemaname, s.relname) AS table
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE c.reltuples < 0 OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
      ORDER BY s.relname`,
  );
  for (const { table } of rows) await db.query(`ANALYZE ${table}`);
  return rows.map((r) => r.table);
}

/**
 * Keeps the planner's statistics fresh while a process runs on PGlite (a server PostgreSQL has
 * autovacuum, so nothing is started there). Returns a function that stops it.
 */
export function keepPlannerStatistics(db: Db, intervalMs = 60_000): () => void {
  if (db.driver !== 'pglite') return () => {};
  // One ANALYZE at a time; each blocks PGlite (a second or two at 1M chunks, after ≥10% of them changed).
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= refreshPlannerStatistics(db)
      .catch((err: Error) => console.error(`planner statistics: ANALYZE failed: ${err.message}`))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
