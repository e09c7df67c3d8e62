-- The mediation dossier (调解卷宗): what a county's yearly file review (卷宗评查) looks for and
-- the records did not hold.
--
-- 1. A party's basic facts for the agreement (人民调解法 第二十九条第一项: 姓名、性别、年龄、
--    民族、职业或者工作单位、住所): sex and birth date come from a full ID number when there
--    is one; what an ID number cannot tell (ethnicity, occupation or employer), and sex and
--    birth date for a party without one, are kept here.
-- 2. The notice of the parties' rights and duties (人民调解法 第二十三、二十四条; 司法部
--    《人民调解工作若干规定》第三十条: told orally or in writing before mediation), with how
--    each party acknowledged it: signed (on the phone canvas), on paper, or told orally.
-- 3. A record is a mediation session's (调解笔录) or an investigation's (调查记录).

CREATE TABLE mediation_party_facts (
  party_id    uuid PRIMARY KEY REFERENCES case_parties(id) ON DELETE CASCADE,
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  sex         text CHECK (sex IN ('男', '女')),
  birth_date  date,
  ethnicity   text CHECK (length(ethnicity) BETWEEN 1 AND 20),
  occupation  text CHECK (length(occupation) BETWEEN 1 AND 100),
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediation_party_facts_case ON mediation_party_facts (case_id);

CREATE TABLE mediation_rights_notices (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id   uuid NOT NULL REFERENCES orgs(id),
  party_id      uuid NOT NULL UNIQUE REFERENCES case_parties(id) ON DELETE CASCADE,
  given_on      date NOT NULL,
  method        text NOT NULL CHECK (method IN ('signed', 'paper', 'oral')),
  -- The signature drawn on the canvas (a data URL) and the SM3 of the notice's text signed.
  signature     text,
  text_sm3      text NOT NULL,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((method = 'signed') = (signature IS NOT NULL))
);
CREATE INDEX mediation_rights_notices_case ON mediation_rights_notices (case_id);

ALTER TABLE mediation_sessions ADD COLUMN kind text NOT NULL DEFAULT 'session' CHECK (kind IN ('session', 'investigation'));

-- Both tables hang off a case: the case's org by trigger, readable where the case is shared.
SELECT fazhi_register_case_child('mediation_party_facts', 'mediation_party_facts_rw');
SELECT fazhi_register_case_child('mediation_rights_notices', 'mediation_rights_notices_rw');

DO $$
DECLARE
  t text;
  visible text;
BEGIN
  FOREACH t IN ARRAY ARRAY['mediation_party_facts', 'mediation_rights_notices'] LOOP
    -- The same set test as every case child table (20261126180000_child_check_as_sets.sql).
    visible := format('((SELECT fazhi_scope_all())
      OR %1$s.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
      OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
      OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND EXISTS (SELECT 1 FROM cases p WHERE p.id = %1$s.case_id)))', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_rw', t, visible, visible);
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON mediation_party_facts TO fazhi_app;
GRANT SELECT, INSERT ON mediation_rights_notices TO fazhi_app;
