-- Read access to a case shared with the caller's scope (case_shares: what an office sent on and
-- may still read, 20261206120000) as a set, like every other policy (decision 0007): the shares
-- the caller may see are read once per statement (a hashed subplan over case_shares, itself kept
-- to the caller's scope by its own policy), instead of one probe of case_shares for each row —
-- which a county's year of statistics made a million times (issue 11). What a caller may read
-- is unchanged.
ALTER POLICY cases_shared_read ON cases USING (id IN (SELECT s.case_id FROM case_shares s));

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT tbl FROM case_child_tables LOOP
    EXECUTE format('ALTER POLICY %I ON %s USING (case_id IN (SELECT s.case_id FROM case_shares s))', t.tbl::text || '_shared', t.tbl);
  END LOOP;
END $$;

-- Tables registered from now on get the same form.
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
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (case_id IN (SELECT s.case_id FROM case_shares s))', tbl::text || '_shared', tbl);
  INSERT INTO case_child_tables AS r (tbl, policy, has_township) VALUES ($1, $2, township) ON CONFLICT ON CONSTRAINT case_child_tables_pkey DO NOTHING;
END $$;
