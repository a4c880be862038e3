-- People, their roles on sites, their login sessions, machines' service tokens, and the audit log
-- (issue 15: 权限分离 and logs kept at least six months). Secrets are stored only as hashes: a
-- password as scrypt, a session or service token as sha256 of its random value.
CREATE TABLE accounts (
  id                  serial PRIMARY KEY,
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name        text NOT NULL,
  password_hash       text,                     -- null: signs in only through OIDC
  oidc_subject        text UNIQUE,              -- the unified identity's `sub`
  disabled_at         timestamptz,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  password_changed_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now()
);

-- A role on a scope: the whole platform (site_id null) or one site and the sites below it.
CREATE TABLE role_grants (
  id          serial PRIMARY KEY,
  account_id  integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('platform_admin', 'site_admin', 'editor', 'reviewer', 'auditor')),
  site_id     integer REFERENCES sites(id) ON DELETE CASCADE,
  granted_by  text NOT NULL,
  granted_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'platform_admin' OR site_id IS NULL)
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (account_id, role, coalesce(site_id, 0));

CREATE TABLE login_sessions (
  token_hash   text PRIMARY KEY,
  account_id   integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,            -- absolute end, however active
  revoked_at   timestamptz
);
CREATE INDEX login_sessions_account ON login_sessions (account_id);

CREATE TABLE service_tokens (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  role        text NOT NULL CHECK (role IN ('ingest', 'monitor', 'site_admin', 'editor', 'reviewer', 'auditor')),
  site_id     integer REFERENCES sites(id) ON DELETE CASCADE,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  revoked_at  timestamptz,
  last_used_at timestamptz
);

-- Append-only: rows are never updated, and deleted only by retention once older than 180 days.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_kind  text NOT NULL CHECK (actor_kind IN ('account', 'service', 'system', 'cli')),
  actor_id    integer,
  actor_name  text NOT NULL,
  actor_role  text,
  action      text NOT NULL,                    -- e.g. faq.approve, synonym.delete, account.create
  target_kind text NOT NULL,
  target_id   text,
  site_id     integer,
  before      jsonb,
  after       jsonb,
  address     text,
  user_agent  text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log is append-only: rows cannot be changed';
  END IF;
  IF OLD.at > now() - interval '180 days' THEN
    RAISE EXCEPTION 'audit_log keeps every row for at least 180 days (row % is from %)', OLD.id, OLD.at;
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
