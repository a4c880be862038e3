-- Query-log privacy and reviewed popular-query suggestions (issue 15).
-- The query log keeps, per search, a keyed hash of the client's address (HMAC with a per-library key,
-- retrieval/curation/client-hash.ts) for counting distinct clients, and the raw address only for a
-- short window (default 24 h): the retention job sets it to NULL after that.
ALTER TABLE query_log ADD COLUMN client_hash text;
ALTER TABLE query_log ADD COLUMN client_address text;
CREATE INDEX query_log_raw_address_idx ON query_log (created_at) WHERE client_address IS NOT NULL;

-- Popular queries become suggestions only through this list: a query searched by enough distinct
-- clients on enough days is a candidate (pending); editors approve or reject it. site_code is the
-- search box's site as logged ('' = the platform's own search box), so it can be a unique key.
CREATE TABLE suggestion_candidates (
  id            serial PRIMARY KEY,
  site_code     text NOT NULL DEFAULT '',
  query         text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  clients       integer NOT NULL DEFAULT 0,
  days          integer NOT NULL DEFAULT 0,
  searches      integer NOT NULL DEFAULT 0,
  -- Whether it met the thresholds at the last refresh: only qualified approved rows are shown.
  qualified     boolean NOT NULL DEFAULT true,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  refreshed_at  timestamptz NOT NULL DEFAULT now(),
  reviewed_by   text,
  reviewed_at   timestamptz,
  UNIQUE (site_code, query)
);
CREATE INDEX suggestion_candidates_status_idx ON suggestion_candidates (status, clients DESC);

-- Editors' words never suggested (in the analyzer's index form): a query containing one is blocked.
CREATE TABLE suggestion_blocklist (
  id          serial PRIMARY KEY,
  word        text NOT NULL UNIQUE,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
