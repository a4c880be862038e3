-- Versions of one document: 公司法 2018 and 公司法 2023 are two documents, and the older one is no
-- longer the rule in force. A policy document (政策文件) is superseded by the newest active one of
-- the same site with the same title (version marks such as （2018年修正） and spaces ignored) and a
-- later date (published, else written). Undated documents neither supersede nor are superseded, and
-- two versions of one day supersede neither: we do not guess. documents.superseded_by names the
-- current version; the search side ranks it first (library/model/validity.ts versionPrior).
-- Kept by triggers, so every write path (batch, jobs, crawler, editors) keeps it right.

ALTER TABLE documents ADD COLUMN superseded_by bigint REFERENCES documents(id) ON DELETE SET NULL;

-- The title two versions share. IMMUTABLE, so it can be indexed.
CREATE FUNCTION document_version_key(title text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(
           regexp_replace(title, '[（(][[:space:]]*(((19|20)[0-9]{2}[[:space:]]*年?[[:space:]]*(修订|修正|修改)?(版|本)?)|((修订|修正|修改)(版|本)?))[[:space:]]*[）)][[:space:]]*$', ''),
           '[[:space:]　]+', '', 'g')
$$;

-- Stored, so lookups compare a plain column (an index on the expression cost ~40 ms of planning a write).
ALTER TABLE documents ADD COLUMN version_key text GENERATED ALWAYS AS (document_version_key(title)) STORED;
CREATE INDEX documents_version_key_idx ON documents (site_id, version_key) WHERE info_type = '政策文件';
-- Each write looks up the documents that point at the written one.
CREATE INDEX documents_superseded_by_idx ON documents (superseded_by) WHERE superseded_by IS NOT NULL;

-- Sets the superseded_by each member of one version group should have, where it differs from what is
-- stored (and clears it on a document that left the group). A changed row gets a new change_seq so
-- replicas re-read it; these updates run inside a trigger (depth > 0), where migration 010's commit-time
-- reordering does not fire, so the transaction takes 010's commit lock itself first (only when a row
-- changes: a new version is rare). PL/pgSQL, so the query's plan is cached (as an SQL function it was
-- planned on every call: 12 ms a write).
CREATE FUNCTION relink_document_versions(p_site integer, p_key text, p_changed bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  change record;
  locked boolean := false;
BEGIN
  FOR change IN
    WITH members AS (
      SELECT d.id, coalesce(d.published_at::date, d.written_at) AS day
        FROM documents d
       WHERE d.site_id = p_site AND d.info_type = '政策文件' AND d.status = 'active' AND d.version_key = p_key
    ), newest AS (
      SELECT m.id, m.day FROM members m WHERE m.day IS NOT NULL ORDER BY m.day DESC, m.id DESC LIMIT 1
    ), wanted AS (
      SELECT c.id, CASE WHEN m.day < n.day THEN n.id END AS superseded_by
        FROM (SELECT m.id FROM members m UNION SELECT d.id FROM documents d WHERE d.superseded_by = p_changed OR d.id = p_changed) c
        LEFT JOIN members m ON m.id = c.id
        LEFT JOIN newest n ON true
    )
    SELECT w.id, w.superseded_by FROM wanted w JOIN documents d ON d.id = w.id
     WHERE d.superseded_by IS DISTINCT FROM w.superseded_by
  LOOP
    IF NOT locked AND current_setting('zhiwen.commit_ordered_feed', true) IS DISTINCT FROM 'off' THEN
      PERFORM pg_advisory_xact_lock(74210002);
      locked := true;
    END IF;
    UPDATE documents SET superseded_by = change.superseded_by, change_seq = nextval('library_change_seq')
     WHERE documents.id = change.id;
  END LOOP;
END
$$;

CREATE FUNCTION documents_relink_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.info_type = '政策文件' THEN
    PERFORM relink_document_versions(OLD.site_id, OLD.version_key, OLD.id);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.info_type = '政策文件' THEN
    PERFORM relink_document_versions(NEW.site_id, NEW.version_key, NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER documents_relink_versions_insert AFTER INSERT ON documents
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND NEW.info_type = '政策文件')
  EXECUTE FUNCTION documents_relink_versions();

CREATE TRIGGER documents_relink_versions_update AFTER UPDATE ON documents
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND (OLD.info_type = '政策文件' OR NEW.info_type = '政策文件')
    AND (OLD.title, OLD.site_id, OLD.info_type, OLD.status, OLD.published_at, OLD.written_at)
        IS DISTINCT FROM (NEW.title, NEW.site_id, NEW.info_type, NEW.status, NEW.published_at, NEW.written_at))
  EXECUTE FUNCTION documents_relink_versions();

CREATE TRIGGER documents_relink_versions_delete AFTER DELETE ON documents
  FOR EACH ROW WHEN (pg_trigger_depth() = 0 AND OLD.info_type = '政策文件')
  EXECUTE FUNCTION documents_relink_versions();

-- Documents stored before this step: link every group once.
SELECT relink_document_versions(g.site_id, g.version_key, NULL)
  FROM (SELECT DISTINCT site_id, version_key FROM documents WHERE info_type = '政策文件') g;
