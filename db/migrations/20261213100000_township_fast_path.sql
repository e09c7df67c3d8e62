-- A row whose org lies inside its own township is admitted by one comparison with the townships
-- the caller's subtree grants cover wholly (fazhi.scope_townships, set with the scope by the
-- server), before the subtree test. That test builds a hash of every org in the caller's subtree
-- for each table a statement names: fifteen tables on a case page, 1,510 orgs for a county
-- viewer, whose case page cost 2.6 times a township's (issue 11, docs/performance.md).
--
-- The branch admits nothing the subtree test would refuse:
-- - `at_home` says the row's org lies under its township in org_closure. It is kept by the
--   database alone: a case's is worked out from the closure whenever its org or township is
--   written (whatever the writer sends), a child row's is its case's. A case sent on to a county
--   office keeps its township_id but is not at home: the township's staff do not get it back.
-- - The closure only ever gains rows (an org is never moved: orgs_after_insert), so an org that
--   lay under a township still does, and a township under a caller's subtree root still is.
-- - The townships a principal covers are read when the principal is (platform/access/principal.ts);
--   one added later is not among them until the next change to the user, and its rows are
--   admitted by the subtree test meanwhile.

-- 1. The flag, kept by triggers.
CREATE FUNCTION fazhi_case_at_home() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.at_home := EXISTS (SELECT 1 FROM org_closure c WHERE c.descendant_id = NEW.org_id AND c.ancestor_id = NEW.township_id);
  RETURN NEW;
END $$;

CREATE FUNCTION fazhi_case_child_at_home() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.at_home := coalesce((SELECT k.at_home FROM cases k WHERE k.id = NEW.case_id), false);
  RETURN NEW;
END $$;

ALTER TABLE cases ADD COLUMN at_home boolean NOT NULL DEFAULT false;
-- Written without the cases' other triggers (change counters, search text): only the flag changes.
ALTER TABLE cases DISABLE TRIGGER USER;
UPDATE cases k SET at_home = true WHERE EXISTS (SELECT 1 FROM org_closure c WHERE c.descendant_id = k.org_id AND c.ancestor_id = k.township_id);
ALTER TABLE cases ENABLE TRIGGER USER;
CREATE TRIGGER cases_at_home BEFORE INSERT OR UPDATE OF org_id, township_id, at_home ON cases
  FOR EACH ROW EXECUTE FUNCTION fazhi_case_at_home();

-- 2. The branch, in front of each policy of the subtree form: cases and the case child tables.
CREATE FUNCTION fazhi_at_home_branch(qual text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('((at_home AND (township_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_townships''))::uuid[]))) OR %s)', qual)
$$;

CREATE FUNCTION fazhi_case_child_at_home_setup(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS at_home boolean NOT NULL DEFAULT false', t);
  EXECUTE format('ALTER TABLE %s DISABLE TRIGGER USER', t);
  EXECUTE format('UPDATE %s x SET at_home = true FROM cases k WHERE k.id = x.case_id AND k.at_home AND NOT x.at_home', t);
  EXECUTE format('ALTER TABLE %s ENABLE TRIGGER USER', t);
  EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE INSERT OR UPDATE OF case_id, org_id, township_id, at_home ON %s FOR EACH ROW EXECUTE FUNCTION fazhi_case_child_at_home()',
                 replace(t::text, '"', '') || '_at_home', t);
END $$;

DO $$
DECLARE
  p record;
BEGIN
  FOR p IN
    SELECT pol.tablename, pol.policyname, pol.qual, pol.with_check
      FROM pg_policies pol
     WHERE pol.schemaname = current_schema()
       AND ((pol.tablename = 'cases' AND pol.policyname = 'cases_rw')
            OR (pol.tablename <> 'case_links' AND pol.policyname = pol.tablename || '_rw'
                AND pol.tablename IN (SELECT tbl::text FROM case_child_tables)))
       AND pol.qual LIKE '%org_id IN ( SELECT c.descendant_id%'
  LOOP
    IF p.tablename <> 'cases' THEN
      IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = p.tablename::regclass AND attname = 'township_id' AND NOT attisdropped) THEN
        CONTINUE;
      END IF;
      PERFORM fazhi_case_child_at_home_setup(p.tablename::regclass);
    END IF;
    EXECUTE format('ALTER POLICY %I ON %I USING (%s)%s', p.policyname, p.tablename, fazhi_at_home_branch(p.qual),
                   CASE WHEN p.with_check IS NULL THEN '' ELSE format(' WITH CHECK (%s)', fazhi_at_home_branch(p.with_check)) END);
  END LOOP;
  IF (SELECT count(*) FROM pg_policies WHERE schemaname = current_schema() AND qual LIKE '%fazhi.scope_townships%') < 10 THEN
    RAISE EXCEPTION 'the township branch reached fewer tables than expected';
  END IF;
END $$;

-- 3. Tables given the child policies from now on get the flag, its trigger and the branch.
CREATE OR REPLACE FUNCTION fazhi_case_child_policies(t text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  visible text := fazhi_at_home_branch(format('((SELECT fazhi_scope_all())
      OR %1$s.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
      OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
      OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND fazhi_parent_case_visible(%1$s.case_id)))', t));
BEGIN
  PERFORM fazhi_case_child_at_home_setup(t::regclass);
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_rw', t, visible, visible);
  EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
END $$;
