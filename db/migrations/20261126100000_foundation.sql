-- Foundation: org tree, users, roles and grants, sessions, audit trail, sign-in log.
-- Every business table carries township_id: the township that owns the row and the key a
-- county- or province-wide deployment distributes by (docs/architecture.md).

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fazhi_app') THEN
    CREATE ROLE fazhi_app NOLOGIN NOBYPASSRLS;
  END IF;
END $$;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

GRANT USAGE ON SCHEMA public TO fazhi_app;

CREATE TABLE orgs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id   uuid REFERENCES orgs(id),
  kind        text NOT NULL CHECK (kind IN ('county', 'township', 'village', 'grid', 'office')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  code        text NOT NULL,
  township_id uuid REFERENCES orgs(id),
  sort_order  integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (parent_id, code)
);
CREATE INDEX orgs_parent ON orgs (parent_id);
CREATE INDEX orgs_township ON orgs (township_id);

-- Closure table: every (ancestor, descendant) pair, depth 0 for the node itself.
-- The data scope "this org and below" is one indexed lookup here.
CREATE TABLE org_closure (
  ancestor_id   uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  descendant_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  depth         integer NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_closure_descendant ON org_closure (descendant_id, ancestor_id);

CREATE FUNCTION orgs_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO org_closure (ancestor_id, descendant_id, depth) VALUES (NEW.id, NEW.id, 0);
  IF NEW.parent_id IS NOT NULL THEN
    INSERT INTO org_closure (ancestor_id, descendant_id, depth)
      SELECT ancestor_id, NEW.id, depth + 1 FROM org_closure WHERE descendant_id = NEW.parent_id;
  END IF;
  RETURN NEW;
END $$;
-- The closure is written by the trigger's owner, whatever role inserted the org.
ALTER FUNCTION orgs_after_insert() SECURITY DEFINER SET search_path = public;
CREATE TRIGGER orgs_closure AFTER INSERT ON orgs FOR EACH ROW EXECUTE FUNCTION orgs_after_insert();

-- The request's data scope, set per transaction by the server (platform/access/scope.ts).
CREATE FUNCTION fazhi_uuids(setting text) RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting(setting, true), ''), '{}')::uuid[]
$$;
CREATE FUNCTION fazhi_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('fazhi.user_id', true), '')::uuid
$$;
-- True when the org is inside the caller's data scope: the whole deployment, an org granted
-- with scope "org", or a descendant of an org granted with scope "subtree".
CREATE FUNCTION fazhi_org_visible(target uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('fazhi.scope_all', true), '') = 'on'
      OR target = ANY (fazhi_uuids('fazhi.scope_org'))
      OR EXISTS (SELECT 1 FROM org_closure c
                  WHERE c.descendant_id = target AND c.ancestor_id = ANY (fazhi_uuids('fazhi.scope_subtree')))
$$;
-- Rows visible under a "self" grant: the caller's own rows in an org granted with scope "self".
CREATE FUNCTION fazhi_row_visible(org uuid, owner uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT fazhi_org_visible(org)
      OR (owner IS NOT NULL AND owner = fazhi_user_id() AND org = ANY (fazhi_uuids('fazhi.scope_self')))
$$;

ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE orgs FORCE ROW LEVEL SECURITY;
-- An org is readable inside the scope, and so are its ancestors (the names a page shows
-- above one's own village); writes only inside the scope.
CREATE POLICY orgs_read ON orgs FOR SELECT USING (
  fazhi_org_visible(id)
  OR EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = orgs.id
             AND c.descendant_id = ANY (fazhi_uuids('fazhi.scope_org') || fazhi_uuids('fazhi.scope_subtree') || fazhi_uuids('fazhi.scope_self'))));
CREATE POLICY orgs_insert ON orgs FOR INSERT WITH CHECK (parent_id IS NOT NULL AND fazhi_org_visible(parent_id));
CREATE POLICY orgs_update ON orgs FOR UPDATE USING (fazhi_org_visible(id)) WITH CHECK (fazhi_org_visible(id));
-- The owner role (migrations, platform internals) is exempt from FORCE only through BYPASS below.
CREATE POLICY orgs_owner ON orgs TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON orgs TO fazhi_app;
GRANT SELECT ON org_closure TO fazhi_app;

CREATE TABLE roles (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  permissions text[] NOT NULL DEFAULT '{}',
  built_in    boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON roles TO fazhi_app;

CREATE TABLE users (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id               uuid NOT NULL REFERENCES orgs(id),
  township_id          uuid REFERENCES orgs(id),
  username             text NOT NULL UNIQUE,
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  phone_enc            bytea,
  phone_bidx           bytea,
  password_changed_at  timestamptz,
  last_sign_in_at      timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org ON users (org_id);
CREATE INDEX users_township ON users (township_id);
CREATE INDEX users_phone_bidx ON users (phone_bidx);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_rw ON users USING (fazhi_row_visible(org_id, id)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY users_owner ON users TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON users TO fazhi_app;

CREATE TABLE user_grants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_id     uuid NOT NULL REFERENCES roles(id),
  org_id      uuid NOT NULL REFERENCES orgs(id),
  township_id uuid REFERENCES orgs(id),
  scope       text NOT NULL CHECK (scope IN ('self', 'org', 'subtree', 'all')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, role_id, org_id)
);
CREATE INDEX user_grants_org ON user_grants (org_id);
CREATE INDEX user_grants_role ON user_grants (role_id);
ALTER TABLE user_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY user_grants_rw ON user_grants USING (fazhi_org_visible(org_id) OR user_id = fazhi_user_id()) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY user_grants_owner ON user_grants TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON user_grants TO fazhi_app;

-- Sessions and API tokens are read and written only by the platform (owner connection):
-- the request role has no privilege on them at all.
CREATE TABLE sessions (
  id_hash      bytea PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   bytea NOT NULL UNIQUE,
  permissions  text[] NOT NULL,
  expires_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sign_in_events (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  username    text NOT NULL,
  user_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  org_id      uuid REFERENCES orgs(id),
  township_id uuid REFERENCES orgs(id),
  outcome     text NOT NULL,
  ip          text,
  user_agent  text
);
CREATE INDEX sign_in_events_at ON sign_in_events (at DESC);
CREATE INDEX sign_in_events_org ON sign_in_events (org_id, at DESC);
ALTER TABLE sign_in_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE sign_in_events FORCE ROW LEVEL SECURITY;
CREATE POLICY sign_in_events_read ON sign_in_events FOR SELECT
  USING (CASE WHEN org_id IS NULL THEN coalesce(current_setting('fazhi.scope_all', true), '') = 'on' ELSE fazhi_org_visible(org_id) END);
CREATE POLICY sign_in_events_owner ON sign_in_events TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT ON sign_in_events TO fazhi_app;

-- The audit trail: append-only for the request role (no UPDATE, no DELETE), each row
-- chained to the previous one of its chain with SM3. One chain per township, so writes in
-- different townships never wait for each other (docs/architecture.md).
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  chain       text NOT NULL,
  seq         bigint NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    uuid,
  org_id      uuid,
  township_id uuid,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  before      jsonb,
  after       jsonb,
  ip          text,
  request_id  text,
  prev_hash   bytea NOT NULL,
  hash        bytea NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_log_org_at ON audit_log (org_id, at DESC);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT
  USING (CASE WHEN org_id IS NULL THEN coalesce(current_setting('fazhi.scope_all', true), '') = 'on' ELSE fazhi_org_visible(org_id) END);
CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (true);
CREATE POLICY audit_log_owner ON audit_log TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON audit_log TO fazhi_app;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO fazhi_app;

CREATE TABLE audit_chain_heads (
  chain text PRIMARY KEY,
  seq   bigint NOT NULL,
  hash  bytea NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO fazhi_app;

CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON settings TO fazhi_app;
