-- Attachments belong to the page that published them: a policy page and its 附件 (the scanned
-- original, the .doc, the OFD) are one policy. A page's attachment links are kept here as ingest read
-- them from the page; documents.part_of names the page an attachment document belongs to, so search
-- shows the page with its attachments and an attachment's text finds its page. Kept by ingest's
-- enrichment (library/documents/attachments.ts relinkAttachments), whichever arrives first.

CREATE TABLE document_attachment_links (
  page_id  bigint  NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal  integer NOT NULL,
  url      text    NOT NULL,
  title    text    NOT NULL,
  PRIMARY KEY (page_id, url)
);
CREATE INDEX document_attachment_links_url_idx ON document_attachment_links (url);

ALTER TABLE documents ADD COLUMN part_of bigint REFERENCES documents(id) ON DELETE SET NULL;
CREATE INDEX documents_part_of_idx ON documents (part_of) WHERE part_of IS NOT NULL;
-- An attachment is found by its address when its page arrives (or the page when the attachment does).
CREATE INDEX documents_url_idx ON documents (url) WHERE url IS NOT NULL;
