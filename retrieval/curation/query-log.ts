import type { Queryable } from '../../library/store';
import type { PopularQuery, QueryLogEntry } from './types';

export interface QueryLogOptions {
  /** Flush at least this often, ms. Default 2000: the log is for editors and suggestions, not real time. */
  flushIntervalMs?: number;
  /** Flush as soon as this many entries wait. Default 500 (one INSERT of 3,000 parameters). */
  batchSize?: number;
  /** Entries held while the database is slow or down; beyond it new entries are dropped and counted. Default 10,000. */
  maxBuffered?: number;
}

const COLUMNS = 6;

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
  private readonly options: Required<QueryLogOptions>;

  constructor(private readonly db: Queryable, options: QueryLogOptions = {}) {
    this.options = { flushIntervalMs: 2000, batchSize: 500, maxBuffered: 10_000, ...options };
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
        params.push(e.query, e.normalized, e.site, e.resultCount, e.correctedTo, e.tookMs);
        return `(${Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`;
      });
      try {
        await this.db.query(
          `INSERT INTO query_log (query, normalized, site_code, result_count, corrected_to, took_ms) VALUES ${rows.join(', ')}`,
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

export interface PopularQueryOptions {
  /** Look-back window in days. Default 30. */
  days?: number;
  /** A query must be searched at least this often to be suggested to others. Default 3 (privacy: a query
   * one person typed is never shown to anyone else). */
  minCount?: number;
  /** Most queries kept. Default 5,000. */
  limit?: number;
}

/** Something personal (an ID card or phone number, an e-mail address) that must never be suggested. */
const PERSONAL = /\d{6,}|@|\d{3,4}[- ]\d{4}/;

/** Queries that found something, searched often enough in the window, most frequent first. */
export async function readPopularQueries(db: Queryable, options: PopularQueryOptions = {}): Promise<PopularQuery[]> {
  const { rows } = await db.query<{ query: string; site: string | null; n: number }>(
    `SELECT normalized AS query, site_code AS site, count(*)::int AS n FROM query_log
      WHERE created_at > now() - ($1::int * interval '1 day') AND result_count > 0 AND char_length(normalized) BETWEEN 1 AND 40
      GROUP BY normalized, site_code HAVING count(*) >= $2 ORDER BY n DESC, normalized LIMIT $3`,
    [options.days ?? 30, options.minCount ?? 3, options.limit ?? 5000],
  );
  return rows.filter((r) => !PERSONAL.test(r.query)).map((r) => ({ query: r.query, site: r.site, count: r.n }));
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
