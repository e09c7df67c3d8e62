-- The subtree test of the case tables' and the users' policies without a sub-select on
-- org_closure. `org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY
-- (scope_subtree))` put a hashed sub-plan, an index scan and its init plan into the plan of
-- every statement, once for each such table it names, and PostgreSQL starts and ends all of
-- them on every execution whether or not a row ever reaches the test: the case page names nine
-- such tables, and without them the page costs PostgreSQL 15–20 % less (issue 11,
-- docs/performance.md, "Row-level security without sub-selects").
--
-- The township branch in front of it (20261213100000) admits a row at home in a township the
-- caller's subtree grants cover wholly (fazhi.scope_townships). What the subtree test still has
-- to admit splits in two:
-- - `near`: the subtree's orgs that lie in no such township (a village-level grant's villages,
--   a county's own offices). A few orgs; read when a row first reaches the test.
-- - `far`: the subtree's orgs inside such a township. A row there that is not at home (a case
--   sent on to an office of this township from another one) is admitted by it; a row at home
--   there is the township branch's already: an org lies in one township only (checked below).
-- Each is one init plan calling a function, started at no cost and run only when a row reaches
-- it; they are read from the closure as it is then, so an org added since the caller's
-- principal was read counts at once, as before. The test admits exactly the rows it admitted:
--   at_home AND township ∈ T  OR  org ∈ subtree
--   = at_home AND township ∈ T  OR  org ∈ near  OR  (NOT at_home AND org ∈ far)
-- (row-security.test.ts checks it row by row for every scope).

-- 1. An org lies in at most one township: a township is never inside another one.
CREATE FUNCTION fazhi_orgs_township_not_nested() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.kind = 'township' AND (
       EXISTS (SELECT 1 FROM org_closure c JOIN orgs o ON o.id = c.ancestor_id
                WHERE c.descendant_id = NEW.parent_id AND o.kind = 'township')
    OR EXISTS (SELECT 1 FROM org_closure c JOIN orgs o ON o.id = c.descendant_id
                WHERE c.ancestor_id = NEW.id AND c.depth > 0 AND o.kind = 'township')) THEN
    RAISE EXCEPTION 'a township may not lie inside another township' USING ERRCODE = '23514', CONSTRAINT = 'orgs_township_not_nested';
  END IF;
  RETURN NEW;
END $$;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM org_closure c JOIN orgs a ON a.id = c.ancestor_id JOIN orgs d ON d.id = c.descendant_id
              WHERE c.depth > 0 AND a.kind = 'township' AND d.kind = 'township') THEN
    RAISE EXCEPTION 'a township lies inside another township: the org tree must be mended before this migration';
  END IF;
END $$;
CREATE TRIGGER orgs_township_not_nested BEFORE INSERT OR UPDATE OF kind, parent_id ON orgs
  FOR EACH ROW EXECUTE FUNCTION fazhi_orgs_township_not_nested();

-- 2. The two halves of the subtree, as the caller sees them (SECURITY INVOKER: org_closure is
-- readable by every role). PL/pgSQL, so that the planner does not write the sub-select back
-- into the policy, and its plans are kept for the session.
CREATE FUNCTION fazhi_scope_near() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN ARRAY(SELECT c.descendant_id FROM org_closure c
                WHERE c.ancestor_id = ANY (fazhi_uuids('fazhi.scope_subtree'))
               EXCEPT
               SELECT c.descendant_id FROM org_closure c
                WHERE c.ancestor_id = ANY (fazhi_uuids('fazhi.scope_townships')));
END $$;
CREATE FUNCTION fazhi_scope_far() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN ARRAY(SELECT c.descendant_id FROM org_closure c
                WHERE c.ancestor_id = ANY (fazhi_uuids('fazhi.scope_subtree'))
               INTERSECT
               SELECT c.descendant_id FROM org_closure c
                WHERE c.ancestor_id = ANY (fazhi_uuids('fazhi.scope_townships')));
END $$;
GRANT EXECUTE ON FUNCTION fazhi_scope_near(), fazhi_scope_far() TO PUBLIC;

-- 3. The policies with the township branch (the tables with `at_home`): the subtree test replaced.
CREATE FUNCTION fazhi_subtree_split(qual text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(qual,
    '(\w+) IN \( SELECT c\.descendant_id\s+FROM org_closure c\s+WHERE \(c\.ancestor_id = ANY \(\( SELECT fazhi_uuids\(''fazhi\.scope_subtree''::text\) AS fazhi_uuids\)::uuid\[\]\)\)\)',
    '(\1 = ANY ((SELECT fazhi_scope_near())::uuid[]) OR (NOT at_home AND \1 = ANY ((SELECT fazhi_scope_far())::uuid[])))', 'g')
$$;

DO $$
DECLARE
  p record;
  n integer := 0;
BEGIN
  FOR p IN
    SELECT pol.tablename, pol.policyname, pol.qual, pol.with_check
      FROM pg_policies pol
     WHERE pol.schemaname = current_schema()
       AND pol.qual LIKE '%fazhi.scope_townships%'
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = (current_schema() || '.' || pol.tablename)::regclass AND a.attname = 'at_home' AND NOT a.attisdropped)
  LOOP
    IF fazhi_subtree_split(p.qual) = p.qual THEN
      RAISE EXCEPTION 'policy % on % is not of the subtree form this migration expects', p.policyname, p.tablename;
    END IF;
    EXECUTE format('ALTER POLICY %I ON %I USING (%s)%s', p.policyname, p.tablename, fazhi_subtree_split(p.qual),
                   CASE WHEN p.with_check IS NULL THEN '' ELSE format(' WITH CHECK (%s)', fazhi_subtree_split(p.with_check)) END);
    n := n + 1;
  END LOOP;
  IF n < 10 OR EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND qual LIKE '%fazhi.scope_townships%' AND qual LIKE '%org_closure%') THEN
    RAISE EXCEPTION 'the subtree test was replaced in % policies, not in all with the township branch', n;
  END IF;
END $$;

-- 4. The cases sent on (the `X_read_shared` policies, after each table's own): the set of cases
-- shared with the caller's offices, read by a function. As a sub-select on case_shares the set
-- brought case_shares' own policy into the plan, with its own sub-select on org_closure, once for
-- each case table a statement names (seven on the case page); the function's plan is its own.
-- The same set: the function runs as the caller, under case_shares' policy, and is hashed as
-- the sub-select was, built when a row first reaches it.
CREATE FUNCTION fazhi_shared_cases() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN ARRAY(SELECT s.case_id FROM case_shares s);
END $$;
GRANT EXECUTE ON FUNCTION fazhi_shared_cases() TO PUBLIC;

DO $$
DECLARE
  p record;
  pattern constant text := '^\((\w+) IN \( SELECT s\.case_id\s+FROM case_shares s\)\)$';
  n integer := 0;
BEGIN
  FOR p IN SELECT tablename, policyname, qual FROM pg_policies
            WHERE schemaname = current_schema() AND policyname LIKE '%\_read\_shared' LOOP
    IF p.qual !~ pattern THEN
      RAISE EXCEPTION 'policy % on % is not of the form this migration expects', p.policyname, p.tablename;
    END IF;
    EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.policyname, p.tablename,
                   regexp_replace(p.qual, pattern, '(\1 IN (SELECT unnest(fazhi_shared_cases())))'));
    n := n + 1;
  END LOOP;
  IF n < 7 THEN
    RAISE EXCEPTION 'only % policies for cases sent on were found', n;
  END IF;
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
  -- Named to come after the table's own policy (20261214100100).
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (case_id IN (SELECT unnest(fazhi_shared_cases())))', fazhi_shared_policy_name(policy), tbl);
  INSERT INTO case_child_tables AS r (tbl, policy, has_township) VALUES ($1, $2, township) ON CONFLICT ON CONSTRAINT case_child_tables_pkey DO NOTHING;
END $$;

-- 5. Tables given the child policies from now on get the same form.
CREATE OR REPLACE FUNCTION fazhi_case_child_policies(t text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  visible text := fazhi_at_home_branch(format('((SELECT fazhi_scope_all())
      OR %1$s.org_id = ANY ((SELECT fazhi_scope_near())::uuid[]) OR (NOT %1$s.at_home AND %1$s.org_id = ANY ((SELECT fazhi_scope_far())::uuid[]))
      OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
      OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND fazhi_parent_case_visible(%1$s.case_id)))', t));
BEGIN
  PERFORM fazhi_case_child_at_home_setup(t::regclass);
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_rw', t, visible, visible);
  EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
END $$;
