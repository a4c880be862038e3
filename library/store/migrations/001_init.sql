-- The unified information resource library (统一信息资源库): sites, columns, documents, chunks.
CREATE TABLE sites (
  id            serial PRIMARY KEY,
  code          text NOT NULL UNIQUE,            -- 网站标识码, or the host for sites without one
  name          text NOT NULL,
  level         text NOT NULL DEFAULT 'department'
                CHECK (level IN ('platform', 'province', 'city', 'county', 'department')),
  parent_id     integer REFERENCES sites(id),
  region_code   text,                            -- 行政区划代码, e.g. 330100; a city's counties share its prefix
  domains       text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site_columns (
  id            serial PRIMARY KEY,
  site_id       integer NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  path          text NOT NULL,                   -- 栏目 path, e.g. 政务公开/政策文件
  UNIQUE (site_id, path)
);

-- Every change to what search sees bumps this sequence, so replicas can follow the library.
CREATE SEQUENCE library_change_seq;

CREATE TABLE documents (
  id             bigserial PRIMARY KEY,
  external_id    text NOT NULL UNIQUE,
  site_id        integer NOT NULL REFERENCES sites(id),
  column_id      integer REFERENCES site_columns(id),
  url            text,
  title          text NOT NULL,
  body           text NOT NULL,
  info_type      text NOT NULL,
  topic          text,
  issuer         text,
  doc_number     text,
  doc_number_key text,                           -- canonical 文号 for exact matching in any bracket variant
  index_number   text,
  written_at     date,
  published_at   timestamptz,
  validity       text NOT NULL DEFAULT '未知',
  content_hash   text NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'quarantined', 'withdrawn')),
  title_tokens   text NOT NULL DEFAULT '',       -- analyzer output, space-joined, for the in-memory index
  extra          jsonb NOT NULL DEFAULT '{}',
  analyzer_version integer NOT NULL,
  change_seq     bigint NOT NULL DEFAULT nextval('library_change_seq'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_site_idx ON documents (site_id);
CREATE INDEX documents_change_seq_idx ON documents (change_seq);
CREATE INDEX documents_doc_number_key_idx ON documents (doc_number_key) WHERE doc_number_key IS NOT NULL;

CREATE TABLE chunks (
  id            bigserial PRIMARY KEY,
  document_id   bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal       integer NOT NULL,
  heading       text,
  text          text NOT NULL,
  tokens        text NOT NULL,                   -- analyzer output, space-joined
  UNIQUE (document_id, ordinal)
);

-- Embeddings (chunk_embeddings) need pgvector: 009_vector.sql, applied where the extension is available.

CREATE TABLE library_meta (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
