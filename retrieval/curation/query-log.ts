import type { Queryable } from '../../library/store';
import type { ClientHasher } from './client-hash';
import type { QueryLogEntry } from './types';

export interface QueryLogOptions {
  /** Flush at least this often, ms. Default 2000: the log is for editors and suggestions, not real time. */
  flushIntervalMs?: number;
  /** Flush as soon as this many entries wait. Default 500 (one INSERT of 3,000 parameters). */
  batchSize?: number;
  /** Entries held while the database is slow or down; beyond it new entries are dropped and counted. Default 10,000. */
  maxBuffered?: number;
  /** Pseudonymises each entry's client address (client-hash.ts); without it no client is recorded. */
  hashClient?: ClientHasher;
}

const COLUMNS = 8;

/**
 * Writes searches to `query_log` off the request path: `record` only appends to a buffer; a timer (or a
 * full batch) writes multi-row INSERTs. A failed write is reported once and its batch dropped, so a
 * database outage costs log lines, never search latency or memory.
 */
export class QueryLogWriter {
  private buffer: QueryLogEntry[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> | null = null;
  private lastError = '';
  readonly stats = { written: 0, dropped: 0, failed: 0 };
  private readonly options: Required<Omit<QueryLogOptions, 'hashClient'>>;
  private readonly hashClient: ClientHasher | undefined;

  constructor(private readonly db: Queryable, options: QueryLogOptions = {}) {
    const { hashClient, ...rest } = options;
    this.options = { flushIntervalMs: 2000, batchSize: 500, maxBuffered: 10_000, ...rest };
    this.hashClient = hashClient;
  }

  record(entry: QueryLogEntry): void {
    if (this.buffer.length >= this.options.maxBuffered) {
      this.stats.dropped++;
      return;
    }
    this.buffer.push(entry);
    if (this.buffer.length >= this.options.batchSize && !this.flushing) setImmediate(() => void this.flush());
  }

  /** Starts the periodic flush; returns a function that stops it. */
  start(): () => void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Writes everything buffered so far (one flush at a time). Never throws. */
  flush(): Promise<void> {
    this.flushing ??= this.writeAll().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async writeAll(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.batchSize);
      const params: unknown[] = [];
      const rows = batch.map((e, i) => {
        const client = this.hashClient && e.client ? e.client : null;
        params.push(e.query, e.normalized, e.site, e.resultCount, e.correctedTo, e.tookMs, client && this.hashClient!(client), client);
        return `(${Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`;
      });
      try {
        await this.db.query(
          `INSERT INTO query_log (query, normalized, site_code, result_count, corrected_to, took_ms, client_hash, client_address) VALUES ${rows.join(', ')}`,
          params,
        );
        this.stats.written += batch.length;
      } catch (err) {
        this.stats.failed += batch.length;
        const message = (err as Error).message;
        if (message !== this.lastError) console.error(`query log: dropped ${batch.length} entries, the write failed: ${message}`);
        this.lastError = message;
      }
    }
  }
}

export interface QueryReportRow {
  query: string;
  site: string | null;
  searches: number;
  zeroResultSearches: number;
  lastSearchedAt: string;
}

/** For editors: the most searched queries of a window, or only those that found nothing (synonym candidates). */
export async function queryLogReport(
  db: Queryable,
  options: { site?: string; days?: number; zeroResultsOnly?: boolean; limit?: number } = {},
): Promise<QueryReportRow[]> {
  const { rows } = await db.query<{ query: string; site: string | null; searches: number; zero: number; last: Date | string }>(
    `SELECT normalized AS query, site_code AS site, count(*)::int AS searches,
            count(*) FILTER (WHERE result_count = 0)::int AS zero, max(created_at) AS last
       FROM query_log
      WHERE created_at > now() - ($1::int * interval '1 day') AND ($2::text IS NULL OR site_code = $2)
      GROUP BY normalized, site_code
     HAVING NOT $3 OR count(*) FILTER (WHERE result_count = 0) > 0
      ORDER BY searches DESC, query LIMIT $4`,
    [options.days ?? 7, options.site || null, options.zeroResultsOnly ?? false, options.limit ?? 50],
  );
  return rows.map((r) => ({
    query: r.query, site: r.site, searches: r.searches, zeroResultSearches: r.zero, lastSearchedAt: new Date(r.last).toISOString(),
  }));
}
