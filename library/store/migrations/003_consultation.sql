-- The consultation knowledge base (咨询问答库): curated entries with a review workflow and full history,
-- the answers given (so feedback can point at one), feedback, and the questions nobody could answer.

-- Every write to an entry bumps this sequence, so each API replica's FAQ index can follow the table.
CREATE SEQUENCE faq_change_seq;

CREATE TABLE faq_entries (
  id                serial PRIMARY KEY,
  question          text NOT NULL,                       -- the standard question (标准问)
  alternatives      text[] NOT NULL DEFAULT '{}',        -- other phrasings (相似问)
  answer_html       text NOT NULL,                       -- sanitised rich text, shown verbatim
  answer_text       text NOT NULL,                       -- plain text of answer_html (indexing, SSE, export)
  scope             text NOT NULL DEFAULT 'platform' CHECK (scope IN ('site', 'region', 'platform')),
  site_code         text,                                -- scope = site: the 网站标识码 it answers for
  region_code       text,                                -- scope = region: 行政区划代码 (a city covers its counties)
  category          text,
  effective_from    date,                                -- not answered before this day
  expires_on        date,                                -- not answered from this day on
  related_documents text[] NOT NULL DEFAULT '{}',        -- external ids of library documents
  status            text NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'pending_review', 'published', 'retired')),
  version           integer NOT NULL DEFAULT 1,          -- content version; workflow moves keep it
  author            text NOT NULL,                       -- who created the entry
  last_editor       text NOT NULL,                       -- who wrote the current content
  reviewer          text,                                -- who approved the published content
  published_at      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  change_seq        bigint NOT NULL DEFAULT nextval('faq_change_seq'),
  CHECK (reviewer IS NULL OR (reviewer <> author AND reviewer <> last_editor)),
  CHECK (scope <> 'site' OR site_code IS NOT NULL),
  CHECK (scope <> 'region' OR region_code IS NOT NULL),
  CHECK (expires_on IS NULL OR effective_from IS NULL OR expires_on > effective_from)
);
CREATE INDEX faq_entries_change_seq_idx ON faq_entries (change_seq);
CREATE INDEX faq_entries_status_idx ON faq_entries (status);

-- One row per change: who did what when, and the entry as it was afterwards.
CREATE TABLE faq_versions (
  id          bigserial PRIMARY KEY,
  entry_id    integer NOT NULL REFERENCES faq_entries(id) ON DELETE CASCADE,
  version     integer NOT NULL,                          -- the entry's content version after the change
  action      text NOT NULL
              CHECK (action IN ('create', 'update', 'submit', 'approve', 'reject', 'retire', 'revise', 'import')),
  actor       text NOT NULL,
  changed     text[] NOT NULL DEFAULT '{}',              -- fields whose value changed
  note        text,
  snapshot    jsonb NOT NULL,
  at          timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX faq_versions_entry_idx ON faq_versions (entry_id, id);

-- Every answer given gets an id, so feedback and the editors' queue can point at it.
CREATE TABLE answer_log (
  answer_id     text PRIMARY KEY,
  question      text NOT NULL,
  site_code     text,
  kind          text NOT NULL CHECK (kind IN ('faq', 'suggestions', 'library', 'not_found')),
  faq_entry_id  integer REFERENCES faq_entries(id) ON DELETE SET NULL,
  confidence    real,
  citations     text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answer_log_created_idx ON answer_log (created_at);

CREATE TABLE answer_feedback (
  id          bigserial PRIMARY KEY,
  answer_id   text NOT NULL REFERENCES answer_log(answer_id) ON DELETE CASCADE,
  helpful     boolean NOT NULL,
  comment     text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answer_feedback_answer_idx ON answer_feedback (answer_id);

-- The editors' queue: questions answered "not found" and answers marked 没用 (not helpful).
CREATE TABLE unanswered_questions (
  id                 bigserial PRIMARY KEY,
  question           text NOT NULL,
  site_code          text,
  reason             text NOT NULL CHECK (reason IN ('not_found', 'disliked')),
  answer_id          text REFERENCES answer_log(answer_id) ON DELETE SET NULL,
  comment            text,
  resolved_entry_id  integer REFERENCES faq_entries(id) ON DELETE SET NULL,
  resolved_at        timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unanswered_open_idx ON unanswered_questions (created_at) WHERE resolved_at IS NULL;
