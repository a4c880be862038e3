-- Ingest state kept in the library: resumable crawls (frontier and seen set) and an index for
-- embedding stamp checks. Jobs themselves live in Redis (BullMQ) or in process memory.

-- One row per crawl; a crawl started again with the same key continues where it stopped.
CREATE TABLE crawls (
  id            serial PRIMARY KEY,
  key           text NOT NULL UNIQUE,            -- the normalised start URL unless the caller names the crawl
  start_url     text NOT NULL,
  options       jsonb NOT NULL DEFAULT '{}',
  started_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);

-- Every URL a crawl has seen (the seen set); those still 'queued' are its frontier.
CREATE TABLE crawl_urls (
  crawl_id      integer NOT NULL REFERENCES crawls(id) ON DELETE CASCADE,
  url           text NOT NULL,
  seq           bigserial,                       -- discovery order: breadth first, first in first out
  depth         integer NOT NULL,
  state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'fetched', 'skipped', 'failed')),
  http_status   integer,
  content_type  text,                            -- the HTTP Content-Type, charset included, for decoding
  reason        text,                            -- why skipped or failed (robots.txt, size cap, timeout, ...)
  discovered_at timestamptz NOT NULL DEFAULT now(),
  fetched_at    timestamptz,
  PRIMARY KEY (crawl_id, url)
);
CREATE INDEX crawl_urls_frontier_idx ON crawl_urls (crawl_id, depth, seq) WHERE state = 'queued';

-- chunk_embeddings_model_idx (vectors grouped by model) is 009_vector.sql's, with the table.
