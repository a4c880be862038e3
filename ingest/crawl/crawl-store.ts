import type { Queryable } from '../../library/store';

/** Where a crawl's URLs stand: the frontier is `queued`; the rest is the seen set. */
export type CrawlUrlState = 'queued' | 'fetched' | 'skipped' | 'failed';
export type CrawlCounts = Record<CrawlUrlState, number>;

export interface QueuedUrl {
  url: string;
  depth: number;
}

/** The id of the crawl with this key, creating it (or, with `restart`, wiping its saved state). */
export async function openCrawl(
  db: Queryable,
  key: string,
  startUrl: string,
  options: object,
  restart = false,
): Promise<number> {
  if (restart) await db.query('DELETE FROM crawls WHERE key = $1', [key]);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO crawls (key, start_url, options) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (key) DO UPDATE SET options = EXCLUDED.options, updated_at = now(), finished_at = NULL
     RETURNING id`,
    [key, startUrl, JSON.stringify(options)],
  );
  return rows[0].id;
}

/** Adds URLs to the frontier unless already seen; resolves to how many were new. */
export async function addToFrontier(db: Queryable, crawlId: number, urls: QueuedUrl[]): Promise<number> {
  if (urls.length === 0) return 0;
  const { rows } = await db.query<{ n: number }>(
    `WITH added AS (
       INSERT INTO crawl_urls (crawl_id, url, depth)
       SELECT $1, u, d FROM unnest($2::text[], $3::int[]) AS t(u, d)
       ON CONFLICT (crawl_id, url) DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM added`,
    [crawlId, urls.map((u) => u.url), urls.map((u) => u.depth)],
  );
  return rows[0].n;
}

/** The next URLs to fetch: shallowest first, then in discovery order. */
export async function nextInFrontier(db: Queryable, crawlId: number, limit: number): Promise<QueuedUrl[]> {
  const { rows } = await db.query<QueuedUrl>(
    `SELECT url, depth FROM crawl_urls WHERE crawl_id = $1 AND state = 'queued' ORDER BY depth, seq LIMIT $2`,
    [crawlId, limit],
  );
  return rows;
}

export async function markUrl(
  db: Queryable,
  crawlId: number,
  url: string,
  outcome: {
    state: Exclude<CrawlUrlState, 'queued'>;
    status?: number | null;
    contentType?: string | null;
    reason?: string | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE crawl_urls SET state = $3, http_status = $4, content_type = $5, reason = $6, fetched_at = now()
     WHERE crawl_id = $1 AND url = $2`,
    [
      crawlId,
      url,
      outcome.state,
      outcome.status ?? null,
      outcome.contentType ?? null,
      outcome.reason ?? null,
    ],
  );
}

export async function crawlCounts(db: Queryable, crawlId: number): Promise<CrawlCounts> {
  const { rows } = await db.query<{ state: CrawlUrlState; n: number }>(
    'SELECT state, count(*)::int AS n FROM crawl_urls WHERE crawl_id = $1 GROUP BY state',
    [crawlId],
  );
  const counts: CrawlCounts = { queued: 0, fetched: 0, skipped: 0, failed: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

export async function finishCrawl(db: Queryable, crawlId: number): Promise<void> {
  await db.query('UPDATE crawls SET finished_at = now(), updated_at = now() WHERE id = $1', [crawlId]);
}
