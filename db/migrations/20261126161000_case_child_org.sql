-- The tables that hang off a case carry the case's org, so that row-level security judges
-- their rows by the same set membership as cases (one hash probe a row) instead of looking up
-- the parent case for each row (~0.14 ms a row: a case page's timeline, a ledger export's
-- parties and dates, the statistics' events — docs/performance.md).
--
-- The column is the case's, never the writer's: a trigger copies it from the case on insert
-- (whatever the insert said) and a change of a case's org is carried to its rows. Writes are
-- still checked against the parent case (WITH CHECK fazhi_case_visible), as before.

CREATE FUNCTION fazhi_case_child_org() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.org_id := (SELECT org_id FROM cases WHERE id = NEW.case_id);
  RETURN NEW;
END $$;

CREATE FUNCTION fazhi_case_org_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE case_assignees SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE case_parties SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE case_events SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE case_deadlines SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE case_ratings SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE case_attachments SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE mediation_case_mediators SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE mediation_sessions SET org_id = NEW.org_id WHERE case_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_org_moved AFTER UPDATE OF org_id ON cases FOR EACH ROW
  WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id) EXECUTE FUNCTION fazhi_case_org_moved();

-- A child row is visible when its org is in the caller's scope (then its case is), or, for a
-- caller with a "self" grant, when its case is (the caller's own case).
CREATE FUNCTION pg_temp.child_visible(tbl text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('((SELECT fazhi_scope_all())
    OR %1$s.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
    OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
    OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND EXISTS (SELECT 1 FROM cases p WHERE p.id = %1$s.case_id)))', tbl)
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('case_assignees', 'case_assignees_rw'), ('case_parties', 'case_parties_rw'), ('case_events', 'case_events_rw'),
      ('case_deadlines', 'case_deadlines_rw'), ('case_ratings', 'case_ratings_rw'), ('case_attachments', 'case_attachments_rw'),
      ('mediation_case_mediators', 'mcm_rw'), ('mediation_sessions', 'mediation_sessions_rw')) AS v(tbl, policy)
  LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN org_id uuid', t.tbl);
    EXECUTE format('UPDATE %I x SET org_id = k.org_id FROM cases k WHERE k.id = x.case_id', t.tbl);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN org_id SET NOT NULL', t.tbl);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF case_id, org_id ON %I FOR EACH ROW EXECUTE FUNCTION fazhi_case_child_org()', t.tbl || '_org', t.tbl);
    EXECUTE format('ALTER POLICY %I ON %I USING (%s)', t.policy, t.tbl, pg_temp.child_visible(t.tbl));
  END LOOP;
END $$;

-- A year's cases of a type (statistics, the annual report): read by index, not by township scan.
CREATE INDEX cases_type_year ON cases (case_type, year, township_id);
