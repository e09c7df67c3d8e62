-- The case engine: every module's statutory workflow runs on these tables
-- (apps/server/src/platform/cases). Case types are data in code; cases, their timeline,
-- deadlines, parties, links and files are rows here. Every table carries township_id.

-- Administrator-entered calendar days: next year's State Council schedule before the npm
-- data has it, or a local closure (township_id set). They take precedence over the package.
CREATE TABLE calendar_overrides (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  day         date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
  note        text,
  township_id uuid REFERENCES orgs(id),
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (day, township_id)
);
GRANT SELECT, INSERT, DELETE ON calendar_overrides TO fazhi_app;

CREATE TABLE case_ref_counters (
  township_id uuid NOT NULL REFERENCES orgs(id),
  case_type   text NOT NULL,
  year        integer NOT NULL,
  last_seq    integer NOT NULL,
  PRIMARY KEY (township_id, case_type, year)
);
-- Gapless references: the counter moves in the creating transaction, so a rollback gives
-- the number back.
GRANT SELECT, INSERT, UPDATE ON case_ref_counters TO fazhi_app;

CREATE TABLE cases (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id     uuid NOT NULL REFERENCES orgs(id),
  org_id          uuid NOT NULL REFERENCES orgs(id),
  case_type       text NOT NULL,
  ref             text NOT NULL,
  year            integer NOT NULL,
  seq             integer NOT NULL,
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body            text NOT NULL DEFAULT '',
  category        text,
  status          text NOT NULL,
  status_kind     text NOT NULL CHECK (status_kind IN ('open', 'closed', 'terminal')),
  source          text NOT NULL DEFAULT 'staff',
  data            jsonb NOT NULL DEFAULT '{}',
  version         integer NOT NULL DEFAULT 1,
  created_by      uuid REFERENCES users(id),
  received_on     date NOT NULL,
  closed_at       timestamptz,
  tracking_no     text UNIQUE,
  query_code_hash bytea,
  track_failures  integer NOT NULL DEFAULT 0,
  track_locked_until timestamptz,
  search_text     text NOT NULL DEFAULT '',
  search_tsv      tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (township_id, case_type, year, seq),
  UNIQUE (ref)
);
CREATE INDEX cases_township_type_created ON cases (township_id, case_type, created_at DESC);
CREATE INDEX cases_org_status ON cases (org_id, status_kind, created_at DESC);
CREATE INDEX cases_open ON cases (township_id, created_at DESC) WHERE status_kind = 'open';
CREATE INDEX cases_search ON cases USING gin (search_tsv);
CREATE INDEX cases_title_trgm ON cases USING gin (title gin_trgm_ops);
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
CREATE POLICY cases_rw ON cases USING (fazhi_row_visible(org_id, created_by)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY cases_owner ON cases TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON cases TO fazhi_app;

-- Policies of a case's child tables follow the case.
CREATE FUNCTION fazhi_case_visible(c uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM cases WHERE id = c)
$$;

CREATE TABLE case_assignees (
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id),
  township_id uuid NOT NULL REFERENCES orgs(id),
  role        text NOT NULL DEFAULT 'handler',
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_assignees_user ON case_assignees (user_id);
ALTER TABLE case_assignees ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_assignees FORCE ROW LEVEL SECURITY;
CREATE POLICY case_assignees_rw ON case_assignees USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY case_assignees_owner ON case_assignees TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON case_assignees TO fazhi_app;

CREATE TABLE case_parties (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id  uuid NOT NULL REFERENCES orgs(id),
  kind         text NOT NULL CHECK (kind IN ('person', 'enterprise')),
  role         text NOT NULL,
  name         text NOT NULL,
  id_number_enc  bytea,
  id_number_bidx bytea,
  phone_enc    bytea,
  phone_bidx   bytea,
  address_enc  bytea,
  sort_order   integer NOT NULL DEFAULT 0
);
CREATE INDEX case_parties_case ON case_parties (case_id);
CREATE INDEX case_parties_id_bidx ON case_parties (id_number_bidx);
CREATE INDEX case_parties_phone_bidx ON case_parties (phone_bidx);
ALTER TABLE case_parties ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_parties FORCE ROW LEVEL SECURITY;
CREATE POLICY case_parties_rw ON case_parties USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY case_parties_owner ON case_parties TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON case_parties TO fazhi_app;

-- The timeline: every transition, comment, document, attachment and deadline change.
CREATE TABLE case_events (
  id          bigserial PRIMARY KEY,
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid REFERENCES users(id),
  kind        text NOT NULL,
  transition  text,
  from_status text,
  to_status   text,
  public      boolean NOT NULL DEFAULT false,
  payload     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, id);
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_events FORCE ROW LEVEL SECURITY;
CREATE POLICY case_events_rw ON case_events USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY case_events_owner ON case_events TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON case_events TO fazhi_app;
GRANT USAGE ON SEQUENCE case_events_id_seq TO fazhi_app;

-- Statutory clocks. Whether each was met on time is written when it stops, so statistics
-- reproduce later whatever the calendar then says.
CREATE TABLE case_deadlines (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id   uuid NOT NULL REFERENCES orgs(id),
  key           text NOT NULL,
  start_date    date NOT NULL,
  length        integer NOT NULL,
  unit          text NOT NULL CHECK (unit IN ('wd', 'cd')),
  pauses        jsonb NOT NULL DEFAULT '[]',
  extensions    jsonb NOT NULL DEFAULT '[]',
  due_date      date NOT NULL,
  provisional   boolean NOT NULL DEFAULT false,
  explanation   jsonb NOT NULL DEFAULT '[]',
  explanation_en jsonb NOT NULL DEFAULT '[]',
  status        text NOT NULL CHECK (status IN ('running', 'paused', 'met', 'missed', 'cancelled')),
  stopped_on    date,
  on_time       boolean,
  reminded_at   timestamptz,
  escalated_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, key)
);
CREATE INDEX case_deadlines_due ON case_deadlines (due_date) WHERE status IN ('running', 'paused');
CREATE INDEX case_deadlines_township_due ON case_deadlines (township_id, due_date) WHERE status IN ('running', 'paused');
ALTER TABLE case_deadlines ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_deadlines FORCE ROW LEVEL SECURITY;
CREATE POLICY case_deadlines_rw ON case_deadlines USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY case_deadlines_owner ON case_deadlines TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON case_deadlines TO fazhi_app;

CREATE TABLE case_links (
  case_id       uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  other_case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id   uuid NOT NULL REFERENCES orgs(id),
  kind          text NOT NULL CHECK (kind IN ('same_person', 'same_matter', 'transferred_from', 'related')),
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, other_case_id)
);
ALTER TABLE case_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_links FORCE ROW LEVEL SECURITY;
CREATE POLICY case_links_rw ON case_links USING (fazhi_case_visible(case_id) AND fazhi_case_visible(other_case_id))
  WITH CHECK (fazhi_case_visible(case_id) AND fazhi_case_visible(other_case_id));
CREATE POLICY case_links_owner ON case_links TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON case_links TO fazhi_app;

-- One submission, one case: a retried request with the same key returns the first case.
CREATE TABLE idempotency_keys (
  scope       text NOT NULL,
  key         text NOT NULL,
  case_id     uuid REFERENCES cases(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
GRANT SELECT, INSERT, UPDATE ON idempotency_keys TO fazhi_app;

CREATE TABLE case_ratings (
  case_id     uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  office_id   uuid REFERENCES orgs(id),
  office_score smallint CHECK (office_score BETWEEN 1 AND 5),
  comment     text,
  channel     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE case_ratings ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_ratings FORCE ROW LEVEL SECURITY;
CREATE POLICY case_ratings_rw ON case_ratings USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY case_ratings_owner ON case_ratings TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT ON case_ratings TO fazhi_app;
