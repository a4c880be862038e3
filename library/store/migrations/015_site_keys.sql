-- Public site keys (issue 15: sites embedding search). A key (zk_…) is public: it names the site,
-- environment, search scope and browser origins a widget may use; it is stored as is. Each key also
-- has a signing secret (zks_…, shown once) with which the site's backend signs citizen tokens; the
-- API needs the secret itself to check an HMAC, so it is kept, and never returned again.
CREATE TABLE site_keys (
  id              serial PRIMARY KEY,
  key             text NOT NULL UNIQUE CHECK (key ~ '^zk_[A-Za-z0-9_-]{16,64}$'),
  site_id         integer NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  environment     text NOT NULL CHECK (environment ~ '^[a-z][a-z0-9-]{0,31}$'),
  scope           text NOT NULL CHECK (scope IN ('site', 'region', 'platform')),
  origins         text[] NOT NULL,
  signing_secret  text NOT NULL,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- Set by a rotation (the overlap in which the old key keeps working) or by whoever created it.
  expires_at      timestamptz,
  revoked_at      timestamptz,
  replaced_by     integer REFERENCES site_keys(id)
);
CREATE INDEX site_keys_site ON site_keys (site_id);

-- Who asked (the citizen token's subject, as the site's backend names its signed-in user).
ALTER TABLE answer_log ADD COLUMN citizen_subject text;
ALTER TABLE answer_feedback ADD COLUMN citizen_subject text;
ALTER TABLE unanswered_questions ADD COLUMN citizen_subject text;
