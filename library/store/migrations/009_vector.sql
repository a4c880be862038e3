-- requires extension: vector
-- Embeddings for hybrid search, which need pgvector. migrate.ts applies this step only where the
-- extension can be created (PGlite always has it): a stock PostgreSQL without it serves lexical search,
-- and the step is applied on the first start after pgvector is installed. Libraries created before this
-- step existed made these objects in 001 and 004, hence IF NOT EXISTS: the schema ends the same.
CREATE EXTENSION IF NOT EXISTS vector;

-- Embeddings live beside chunks, stamped with the model that made them (a model change re-embeds).
CREATE TABLE IF NOT EXISTS chunk_embeddings (
  chunk_id      bigint PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
  model         text NOT NULL,
  dimensions    integer NOT NULL,
  embedding     vector NOT NULL
);

-- Stamp checks and re-embedding group vectors by the model that made them.
CREATE INDEX IF NOT EXISTS chunk_embeddings_model_idx ON chunk_embeddings (model, dimensions);
