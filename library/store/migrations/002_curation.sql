-- Editor curation (issue 5): synonyms, hot words (热词), pinned results (best bets) and the query log.
-- Every editor write bumps curation_state.version in the same transaction; each API replica polls that
-- one row every few seconds and reloads the (small) curated lists when it changed, so no restart is needed.

CREATE TABLE curation_state (
  id                      integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version                 bigint NOT NULL DEFAULT 0,
  -- The starter synonym list is copied in once; after that editors own it (a deleted rule stays deleted).
  starter_synonyms_seeded boolean NOT NULL DEFAULT false
);
INSERT INTO curation_state (id, version, starter_synonyms_seeded) VALUES (1, 0, false);

-- Terms and expansions are stored in the analyzer's index form (folded, Simplified, lower case).
CREATE TABLE curated_synonyms (
  id          serial PRIMARY KEY,
  term        text NOT NULL UNIQUE,
  expansions  text[] NOT NULL,
  mode        text NOT NULL DEFAULT 'oneway' CHECK (mode IN ('oneway', 'equivalent')),
  source      text NOT NULL DEFAULT 'editor' CHECK (source IN ('starter', 'editor')),
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- site_id NULL = the whole platform; a site's own rows come first for that site.
CREATE TABLE curated_hot_words (
  id          serial PRIMARY KEY,
  site_id     integer REFERENCES sites(id) ON DELETE CASCADE,
  word        text NOT NULL,
  weight      integer NOT NULL DEFAULT 0 CHECK (weight BETWEEN -1000 AND 1000),
  expires_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX curated_hot_words_site_word_idx ON curated_hot_words ((COALESCE(site_id, 0)), word);

-- Best bets: a normalised query and the documents (external ids, in order) shown first for it.
-- External ids, not foreign keys: a pin may name a document that is ingested later.
CREATE TABLE curated_pins (
  id            serial PRIMARY KEY,
  site_id       integer REFERENCES sites(id) ON DELETE CASCADE,
  query         text NOT NULL,
  external_ids  text[] NOT NULL,
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX curated_pins_site_query_idx ON curated_pins ((COALESCE(site_id, 0)), query);

-- Written in batches off the request path. site_code is kept as sent (no foreign key) so that logging
-- never fails; popular queries and zero-result reports read it by time window.
CREATE TABLE query_log (
  id            bigserial PRIMARY KEY,
  query         text NOT NULL,
  normalized    text NOT NULL,
  site_code     text,
  result_count  integer NOT NULL,
  corrected_to  text,
  took_ms       real,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX query_log_created_idx ON query_log (created_at);
CREATE INDEX query_log_normalized_idx ON query_log (normalized, created_at);
