import type { Db, Queryable } from '../../library/store';
import { notFound, bumpVersion, iso } from './sql';
import { isBlockedSuggestion } from './suggestion-blocklist';
import type { PopularQuery } from './types';

/**
 * When a query people search may be offered to editors as a suggestion: searched (with results) by
 * at least `minClients` distinct clients (client hashes, an IPv6 /64 counting once) on at least
 * `minDays` different days of the last `days`. One client searching a line a thousand times, or a
 * burst from a few addresses in one afternoon, never qualifies; and a candidate is only shown once
 * an editor approves it.
 */
export interface SuggestionThresholds {
  /** Look-back window, days. Default 30. */
  days?: number;
  /** Distinct clients needed. Default 5 (privacy too: what a few people typed is not shown to others). */
  minClients?: number;
  /** Distinct days (UTC) it was searched on. Default 2. */
  minDays?: number;
  /** Most candidates kept qualified. Default 5,000. */
  limit?: number;
}

export type CandidateStatus = 'pending' | 'approved' | 'rejected';

export interface SuggestionCandidate {
  id: number;
  /** Site code of the search box, or null for the platform's. */
  site: string | null;
  query: string;
  status: CandidateStatus;
  clients: number;
  days: number;
  searches: number;
  /** Whether it met the thresholds at the last refresh (only qualified approved candidates are shown). */
  qualified: boolean;
  firstSeenAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

interface Row {
  id: number; site_code: string; query: string; status: CandidateStatus; clients: number; days: number; searches: number;
  qualified: boolean; first_seen_at: Date | string; reviewed_by: string | null; reviewed_at: Date | string | null;
}
const toCandidate = (r: Row): SuggestionCandidate => ({
  id: r.id, site: r.site_code || null, query: r.query, status: r.status, clients: r.clients, days: r.days, searches: r.searches,
  qualified: r.qualified, firstSeenAt: iso(r.first_seen_at)!, reviewedBy: r.reviewed_by, reviewedAt: iso(r.reviewed_at),
});

/** One refresh at a time across replicas (each polls): the "no longer qualified" step must see one whole set. */
const REFRESH_LOCK = 7_150_016;

/**
 * Recomputes from the query log which queries qualify, adds new ones as pending candidates (never a
 * blocked one) and marks the rest unqualified. Editors' decisions are kept: a rejected query stays rejected.
 */
export async function refreshCandidates(db: Db, thresholds: SuggestionThresholds, blockedWords: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ query: string; site: string; clients: number; days: number; searches: number }>(
    `SELECT normalized AS query, COALESCE(site_code, '') AS site, count(DISTINCT client_hash)::int AS clients,
            count(DISTINCT (created_at AT TIME ZONE 'UTC')::date)::int AS days, count(*)::int AS searches
       FROM query_log
      WHERE created_at > now() - make_interval(days => $1) AND result_count > 0 AND client_hash IS NOT NULL
        AND char_length(normalized) BETWEEN 1 AND 40
      GROUP BY normalized, COALESCE(site_code, '')
     HAVING count(DISTINCT client_hash) >= $2 AND count(DISTINCT (created_at AT TIME ZONE 'UTC')::date) >= $3
      ORDER BY clients DESC, query LIMIT $4`,
    [thresholds.days ?? 30, thresholds.minClients ?? 5, thresholds.minDays ?? 2, thresholds.limit ?? 5000],
  );
  const found = rows.filter((r) => !isBlockedSuggestion(r.query, blockedWords));
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK]);
    await tx.query(
      `INSERT INTO suggestion_candidates (site_code, query, clients, days, searches, qualified, refreshed_at)
       SELECT s, q, c, d, n, true, now() FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[]) AS t(s, q, c, d, n)
       ON CONFLICT (site_code, query) DO UPDATE
         SET clients = EXCLUDED.clients, days = EXCLUDED.days, searches = EXCLUDED.searches, qualified = true, refreshed_at = now()`,
      [found.map((r) => r.site), found.map((r) => r.query), found.map((r) => r.clients), found.map((r) => r.days), found.map((r) => r.searches)],
    );
    await tx.query(
      `UPDATE suggestion_candidates SET qualified = false
        WHERE qualified AND NOT (site_code || E'\\n' || query = ANY($1::text[]))`,
      [found.map((r) => `${r.site}\n${r.query}`)],
    );
  });
  return found.length;
}

/** What suggestions may show: approved candidates that still qualify and contain nothing blocked, most clients first. */
export async function shownSuggestions(db: Queryable, blockedWords: readonly string[]): Promise<PopularQuery[]> {
  const { rows } = await db.query<{ query: string; site_code: string; clients: number }>(
    `SELECT query, site_code, clients FROM suggestion_candidates WHERE status = 'approved' AND qualified ORDER BY clients DESC, query LIMIT 5000`,
  );
  return rows.filter((r) => !isBlockedSuggestion(r.query, blockedWords)).map((r) => ({ query: r.query, site: r.site_code || null, count: r.clients }));
}

export interface CandidateQuery {
  status?: CandidateStatus;
  /** Only this site's search box; undefined: every site. */
  site?: string;
  limit?: number;
}

/** For editors: candidates by status (default pending), most clients first. */
export async function listCandidates(db: Queryable, q: CandidateQuery = {}): Promise<SuggestionCandidate[]> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM suggestion_candidates WHERE status = $1 AND ($2::text IS NULL OR site_code = $2)
      ORDER BY qualified DESC, clients DESC, id LIMIT $3`,
    [q.status ?? 'pending', q.site ?? null, Math.min(Math.max(q.limit ?? 100, 1), 1000)],
  );
  return rows.map(toCandidate);
}

/** An editor's decision; replicas reload within their poll interval (the curation version moves). */
export async function reviewCandidate(db: Db, id: number, decision: 'approved' | 'rejected', actor: string): Promise<SuggestionCandidate> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(
      'UPDATE suggestion_candidates SET status = $2, reviewed_by = $3, reviewed_at = now() WHERE id = $1 RETURNING *',
      [id, decision, actor],
    );
    if (!rows[0]) throw notFound('suggestion candidate', id);
    await bumpVersion(tx);
    return toCandidate(rows[0]);
  });
}
