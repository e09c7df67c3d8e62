-- A case's child row seen through a "self" grant (an official who may read the cases they
-- opened) is checked against its parent case: "the caller may read case X". Until now each
-- policy said it as a sub-select, EXISTS (SELECT 1 FROM cases p WHERE p.id = …), and PostgreSQL
-- wrote the cases table's own policy into it — so every child table named in a statement
-- carried a copy of the whole cases policy in its plan, whether or not the caller had a self
-- grant. The case page names eleven such tables: its plan had 590 nodes, and starting and ending
-- them on every execution, not the rows, was most of the page's PostgreSQL time (issue 11,
-- docs/performance.md "The plan's size").
--
-- Now the same question is one function call, evaluated (as before) only when the caller has a
-- self grant: fazhi_parent_case_visible runs as the caller, so the cases policies decide exactly
-- what they decided before. PL/pgSQL, so that the planner does not write the sub-select back in.

CREATE FUNCTION fazhi_parent_case_visible(c uuid) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM cases WHERE id = c);
END $$;
GRANT EXECUTE ON FUNCTION fazhi_parent_case_visible(uuid) TO PUBLIC;

DO $$
DECLARE
  p record;
  pattern constant text := 'EXISTS \( SELECT 1\s+FROM cases p\s+WHERE \(p\.id = ([a-z_0-9.]+)\)\)';
  replacement constant text := 'fazhi_parent_case_visible(\1)';
  q text;
  w text;
BEGIN
  FOR p IN SELECT tablename, policyname, qual, with_check FROM pg_policies
            WHERE schemaname = current_schema() AND (qual ~ pattern OR with_check ~ pattern) LOOP
    q := regexp_replace(p.qual, pattern, replacement, 'g');
    w := regexp_replace(p.with_check, pattern, replacement, 'g');
    IF q IS NOT NULL AND w IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)', p.policyname, p.tablename, q, w);
    ELSIF q IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.policyname, p.tablename, q);
    ELSE
      EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', p.policyname, p.tablename, w);
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND (qual ~ 'FROM cases p' OR with_check ~ 'FROM cases p')
             AND policyname <> 'notifications_about_visible_case') THEN
    RAISE EXCEPTION 'a policy still reads its parent case through a sub-select';
  END IF;
END $$;

-- A step's notice about its case (20261211300000): the same question, asked the same way.
ALTER POLICY notifications_about_visible_case ON notifications
  WITH CHECK (case_id IS NOT NULL AND fazhi_parent_case_visible(case_id));

-- Tables given the child policies from now on get the same form.
CREATE OR REPLACE FUNCTION fazhi_case_child_policies(t text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  visible text := format('((SELECT fazhi_scope_all())
      OR %1$s.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
      OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
      OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND fazhi_parent_case_visible(%1$s.case_id)))', t);
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_rw', t, visible, visible);
  EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
END $$;
