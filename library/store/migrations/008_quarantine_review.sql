-- An editor's decision on a quarantined document, besides the release of 005: a rejection keeps the
-- document out of search for good (until its content changes and is screened afresh) and records who
-- rejected it, when and why. A document is pending while neither released_at nor rejected_at is set.
ALTER TABLE document_quarantine ADD COLUMN rejected_at timestamptz;
ALTER TABLE document_quarantine ADD COLUMN rejected_by text;
ALTER TABLE document_quarantine ADD COLUMN reject_reason text;
