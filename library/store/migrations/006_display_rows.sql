-- A search result page's documents and snippet passages in one call. A PL/pgSQL function keeps its
-- query plan for the session: the same SELECT sent as text is planned on every page (~1 ms of the
-- ~3 ms a page cost at 1M chunks). The passage is the best chunk's text, else the body's opening
-- (taken from the first chunk: reading 300 characters of a TOASTed body decompresses all of it).
CREATE FUNCTION display_rows(doc_ids bigint[], chunk_ids bigint[])
RETURNS TABLE (
  passage text, id bigint, external_id text, title text, url text, site_code text, site_name text,
  info_type text, issuer text, doc_number text, published_at timestamptz, validity text
)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT COALESCE(best.text,
                  (SELECT substr(c.text, 1, 300) FROM chunks c WHERE c.document_id = d.id AND c.ordinal = 0),
                  substr(d.body, 1, 300)),
         d.id, d.external_id, d.title, d.url, s.code, s.name, d.info_type, d.issuer, d.doc_number,
         d.published_at, d.validity
    FROM unnest(doc_ids, chunk_ids) AS w(doc_id, chunk_id)
    JOIN documents d ON d.id = w.doc_id
    JOIN sites s ON s.id = d.site_id
    LEFT JOIN chunks best ON best.id = w.chunk_id AND best.document_id = d.id;
END
$$;
