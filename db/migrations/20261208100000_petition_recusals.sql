-- Petitions (信访工作条例 2022): a handler who is a party's relative or otherwise conflicted
-- recuses (回避) from a matter; the recusal is kept on the case and the person can no longer
-- be assigned to it (the trigger on case_assignees refuses, whoever assigns).
-- fazhi_register_case_child (20261206120000) could not run: its parameter `tbl` is also a column
-- of case_child_tables, and `ON CONFLICT (tbl)` was ambiguous. The same function, naming the
-- primary key instead.
CREATE OR REPLACE FUNCTION fazhi_register_case_child(tbl regclass, policy text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  township boolean := EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'township_id' AND NOT attisdropped);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'org_id' AND NOT attisdropped) THEN
    EXECUTE format('ALTER TABLE %s ADD COLUMN org_id uuid', tbl);
    EXECUTE format('UPDATE %s x SET org_id = k.org_id FROM cases k WHERE k.id = x.case_id', tbl);
    EXECUTE format('ALTER TABLE %s ALTER COLUMN org_id SET NOT NULL', tbl);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF case_id, org_id ON %s FOR EACH ROW EXECUTE FUNCTION fazhi_case_child_org()', tbl::text || '_org', tbl);
  END IF;
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (fazhi_case_shared(case_id))', tbl::text || '_shared', tbl);
  INSERT INTO case_child_tables AS r (tbl, policy, has_township) VALUES ($1, $2, township) ON CONFLICT ON CONSTRAINT case_child_tables_pkey DO NOTHING;
END $$;

CREATE TABLE petition_recusals (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id  uuid NOT NULL REFERENCES orgs(id),
  user_id      uuid NOT NULL REFERENCES users(id),
  reason       text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 1000),
  recorded_by  uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, user_id)
);
ALTER TABLE petition_recusals ENABLE ROW LEVEL SECURITY;
ALTER TABLE petition_recusals FORCE ROW LEVEL SECURITY;
CREATE POLICY petition_recusals_rw ON petition_recusals USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY petition_recusals_owner ON petition_recusals TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON petition_recusals TO fazhi_app;
SELECT fazhi_register_case_child('petition_recusals', 'petition_recusals_rw');

CREATE FUNCTION petition_recused_not_assigned() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM petition_recusals r WHERE r.case_id = NEW.case_id AND r.user_id = NEW.user_id) THEN
    RAISE EXCEPTION 'the handler recused from this petition' USING ERRCODE = 'check_violation', CONSTRAINT = 'petition_handler_recused', TABLE = 'case_assignees';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_assignees_not_recused BEFORE INSERT OR UPDATE ON case_assignees
  FOR EACH ROW EXECUTE FUNCTION petition_recused_not_assigned();

