-- Account administration and OIDC sign-in (issue 15, after 014_accounts.sql).

-- An admin's reset makes the next sign-in change the password first (POST /v1/auth/password).
ALTER TABLE accounts ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- Sessions get a short id the console can name (the token's hash stays the key and is never shown),
-- and say how they were opened and from where, so an admin can tell one session from another.
ALTER TABLE login_sessions ADD COLUMN id bigserial UNIQUE;
ALTER TABLE login_sessions ADD COLUMN method text NOT NULL DEFAULT 'password' CHECK (method IN ('password', 'oidc'));
ALTER TABLE login_sessions ADD COLUMN address text;
ALTER TABLE login_sessions ADD COLUMN user_agent text;

-- An OIDC sign-in between the redirect to the provider and its callback: the state (only its
-- hash), the browser it was started in (hash of a cookie), and the nonce and PKCE verifier the
-- callback checks. Shared by every replica through the database; a row lives 10 minutes and is
-- used once.
CREATE TABLE oidc_logins (
  state_hash    text PRIMARY KEY,
  browser_hash  text NOT NULL,
  nonce         text NOT NULL,
  code_verifier text NOT NULL,
  return_to     text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oidc_logins_created ON oidc_logins (created_at);
