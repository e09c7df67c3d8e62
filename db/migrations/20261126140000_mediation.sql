-- People's mediation: committees (村调委会, the town's, professional ones), personal
-- mediation studios, mediators, and the sessions of a mediation with their record.

CREATE TABLE mediation_committees (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id uuid NOT NULL REFERENCES orgs(id),
  org_id      uuid NOT NULL REFERENCES orgs(id),
  kind        text NOT NULL CHECK (kind IN ('township', 'village', 'professional', 'studio')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  specialty   text,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);
ALTER TABLE mediation_committees ENABLE ROW LEVEL SECURITY;
ALTER TABLE mediation_committees FORCE ROW LEVEL SECURITY;
-- A village's mediators see their committee and the town's (which they may ask for help).
CREATE POLICY mediation_committees_read ON mediation_committees FOR SELECT USING (
  fazhi_org_visible(org_id) OR EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = mediation_committees.org_id
    AND c.descendant_id = ANY (fazhi_uuids('fazhi.scope_org') || fazhi_uuids('fazhi.scope_subtree'))));
CREATE POLICY mediation_committees_write ON mediation_committees FOR INSERT WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY mediation_committees_update ON mediation_committees FOR UPDATE USING (fazhi_org_visible(org_id)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY mediation_committees_owner ON mediation_committees TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON mediation_committees TO fazhi_app;

CREATE TABLE mediators (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id  uuid NOT NULL REFERENCES orgs(id),
  committee_id uuid NOT NULL REFERENCES mediation_committees(id),
  org_id       uuid NOT NULL REFERENCES orgs(id),
  user_id      uuid REFERENCES users(id),
  name         text NOT NULL,
  phone_enc    bytea,
  specialties  text[] NOT NULL DEFAULT '{}',
  trainings    jsonb NOT NULL DEFAULT '[]',
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediators_committee ON mediators (committee_id);
CREATE INDEX mediators_org ON mediators (org_id);
ALTER TABLE mediators ENABLE ROW LEVEL SECURITY;
ALTER TABLE mediators FORCE ROW LEVEL SECURITY;
CREATE POLICY mediators_read ON mediators FOR SELECT USING (
  fazhi_org_visible(org_id) OR EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = mediators.org_id
    AND c.descendant_id = ANY (fazhi_uuids('fazhi.scope_org') || fazhi_uuids('fazhi.scope_subtree'))));
CREATE POLICY mediators_write ON mediators FOR INSERT WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY mediators_update ON mediators FOR UPDATE USING (fazhi_org_visible(org_id)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY mediators_owner ON mediators TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON mediators TO fazhi_app;

CREATE TABLE mediation_case_mediators (
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  mediator_id uuid NOT NULL REFERENCES mediators(id),
  township_id uuid NOT NULL REFERENCES orgs(id),
  lead        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (case_id, mediator_id)
);
CREATE INDEX mediation_case_mediators_mediator ON mediation_case_mediators (mediator_id);
ALTER TABLE mediation_case_mediators ENABLE ROW LEVEL SECURITY;
ALTER TABLE mediation_case_mediators FORCE ROW LEVEL SECURITY;
CREATE POLICY mcm_rw ON mediation_case_mediators USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY mcm_owner ON mediation_case_mediators TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON mediation_case_mediators TO fazhi_app;

-- 调解笔录: each session's time, place, participants and record; signatures carry the time
-- and the SM3 hash of the exact text signed, so a later edit of the record shows.
CREATE TABLE mediation_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id  uuid NOT NULL REFERENCES orgs(id),
  held_at      timestamptz NOT NULL,
  place        text NOT NULL,
  participants jsonb NOT NULL DEFAULT '[]',
  record       text NOT NULL,
  record_sm3   text NOT NULL,
  signatures   jsonb NOT NULL DEFAULT '[]',
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediation_sessions_case ON mediation_sessions (case_id, held_at);
CREATE INDEX mediation_sessions_day ON mediation_sessions (township_id, held_at);
ALTER TABLE mediation_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE mediation_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY mediation_sessions_rw ON mediation_sessions USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY mediation_sessions_owner ON mediation_sessions TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON mediation_sessions TO fazhi_app;
