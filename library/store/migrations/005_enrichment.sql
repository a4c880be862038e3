-- Enrichment state kept with the documents (issue 4): repost clusters, interpretation links and
-- quarantine records, plus what rebuilding them after a restart needs (the SimHash, the link keys).

-- 64-bit SimHash of the body as 16 hex digits: the in-memory near-duplicate index is rebuilt from it.
-- NULL for bodies too short to fingerprint and for documents stored before this migration.
ALTER TABLE documents ADD COLUMN simhash text;

-- What the interpretation linker matches on, prefixed 't:' (title key) or 'n:' (文号 key):
-- a 政策文件's own title and 文号, a 政策解读's references to the policy it explains.
ALTER TABLE documents ADD COLUMN link_keys text[] NOT NULL DEFAULT '{}';
CREATE INDEX documents_link_keys_idx ON documents USING gin (link_keys);

-- Reposts of one document across sites. Only clusters of two or more active documents exist; the
-- canonical document is the earliest published (then the higher site level, then the first stored).
CREATE TABLE document_clusters (
  id                    bigserial PRIMARY KEY,
  canonical_document_id bigint REFERENCES documents(id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE documents ADD COLUMN cluster_id bigint REFERENCES document_clusters(id) ON DELETE SET NULL;
CREATE INDEX documents_cluster_idx ON documents (cluster_id) WHERE cluster_id IS NOT NULL;

-- Directed links, read both ways: an interpretation (from) explains a policy (to).
CREATE TABLE document_links (
  from_document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  to_document_id   bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind             text NOT NULL DEFAULT 'interprets' CHECK (kind IN ('interprets')),
  evidence         text NOT NULL CHECK (evidence IN ('title', 'docNumber')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_document_id, to_document_id, kind)
);
CREATE INDEX document_links_to_idx ON document_links (to_document_id, kind);

-- Why a document was held back (status 'quarantined'), and an editor's release of that exact content:
-- a released document stays active when the same content is ingested again.
CREATE TABLE document_quarantine (
  document_id    bigint PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  reason         text NOT NULL,
  marks          text[] NOT NULL DEFAULT '{}',
  content_hash   text NOT NULL,
  quarantined_at timestamptz NOT NULL DEFAULT now(),
  released_at    timestamptz,
  released_by    text
);
