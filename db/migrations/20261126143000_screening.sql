-- 矛盾纠纷排查: periodic screening rounds (monthly by default); every village of the
-- township answers each round with the disputes found (which become cases) or a nil return
-- (零上报), so "全覆盖" is a fact the records prove.
CREATE TABLE screening_rounds (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id uuid NOT NULL REFERENCES orgs(id),
  period      text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  title       text NOT NULL,
  due_on      date NOT NULL,
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (township_id, period)
);
ALTER TABLE screening_rounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE screening_rounds FORCE ROW LEVEL SECURITY;
-- A village sees its township's rounds (it must answer them); writes need the township.
CREATE POLICY screening_rounds_read ON screening_rounds FOR SELECT USING (
  fazhi_org_visible(township_id) OR EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = screening_rounds.township_id
    AND c.descendant_id = ANY (fazhi_uuids('fazhi.scope_org') || fazhi_uuids('fazhi.scope_subtree'))));
CREATE POLICY screening_rounds_write ON screening_rounds FOR INSERT WITH CHECK (fazhi_org_visible(township_id));
CREATE POLICY screening_rounds_owner ON screening_rounds TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON screening_rounds TO fazhi_app;

CREATE TABLE screening_returns (
  round_id    uuid NOT NULL REFERENCES screening_rounds(id) ON DELETE CASCADE,
  org_id      uuid NOT NULL REFERENCES orgs(id),
  township_id uuid NOT NULL REFERENCES orgs(id),
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'nil', 'reported')),
  case_ids    uuid[] NOT NULL DEFAULT '{}',
  note        text,
  returned_by uuid REFERENCES users(id),
  returned_at timestamptz,
  PRIMARY KEY (round_id, org_id)
);
CREATE INDEX screening_returns_org ON screening_returns (org_id);
ALTER TABLE screening_returns ENABLE ROW LEVEL SECURITY;
ALTER TABLE screening_returns FORCE ROW LEVEL SECURITY;
CREATE POLICY screening_returns_rw ON screening_returns USING (fazhi_org_visible(org_id)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY screening_returns_owner ON screening_returns TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON screening_returns TO fazhi_app;
