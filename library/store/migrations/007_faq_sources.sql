-- Entries that came from a Q&A feed (zhiwen ingest of question/answer pairs) keep where they came from,
-- so re-ingesting the same feed finds them again, and an operator's direct publication is recorded.

-- The feed record's id (the external id its document had before Q&A became entries): one entry per record.
ALTER TABLE faq_entries ADD COLUMN source_id text;
-- Where the record came from: feed file, line, site, url, dates, department, the citizen's full message
-- (masked) and the hash of what the feed gave, which tells a changed record from an editor's edit.
ALTER TABLE faq_entries ADD COLUMN source jsonb;
CREATE UNIQUE INDEX faq_entries_source_id_idx ON faq_entries (source_id) WHERE source_id IS NOT NULL;

-- 'publish': published without review, by the operator's explicit flag (zhiwen ingest --publish-qa).
-- The entry keeps reviewer NULL: nobody reviewed it, and the history says who published it and how.
ALTER TABLE faq_versions DROP CONSTRAINT faq_versions_action_check;
ALTER TABLE faq_versions ADD CONSTRAINT faq_versions_action_check
  CHECK (action IN ('create', 'update', 'submit', 'approve', 'reject', 'retire', 'revise', 'import', 'publish'));
