-- case_links on the set-based policy, as the other tables that hang off a case (decision 0007).
--
-- Its policy still looked up both linked cases under the cases' own policies
-- (EXISTS (SELECT 1 FROM cases p WHERE p.id = …), twice): the case page's links statement spent
-- ~4.5 ms planning those nested policies for a few rows (issue 11). A link now carries the org
-- of each of its two cases, written by trigger from the cases (whatever the insert said) and
-- carried along when a case moves to another org, so that the read policy is the same set test
-- as the other child tables': each side's org in the caller's scope, or, for a caller with a
-- "self" grant, the case looked up; or the case shared with an org in the caller's scope
-- (case_shares, as the child tables' `_shared` policies). What a caller may read is unchanged:
-- a link is visible when both its cases are. The write check is kept as it was.

ALTER TABLE case_links ADD COLUMN org_id uuid, ADD COLUMN other_org_id uuid;
UPDATE case_links l SET org_id = a.org_id, other_org_id = b.org_id
  FROM cases a, cases b WHERE a.id = l.case_id AND b.id = l.other_case_id;
ALTER TABLE case_links ALTER COLUMN org_id SET NOT NULL, ALTER COLUMN other_org_id SET NOT NULL;
CREATE INDEX IF NOT EXISTS case_links_other ON case_links (other_case_id);

CREATE FUNCTION fazhi_case_link_orgs() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.org_id := (SELECT org_id FROM cases WHERE id = NEW.case_id);
  NEW.other_org_id := (SELECT org_id FROM cases WHERE id = NEW.other_case_id);
  RETURN NEW;
END $$;
CREATE TRIGGER case_links_orgs BEFORE INSERT OR UPDATE OF case_id, other_case_id, org_id, other_org_id ON case_links
  FOR EACH ROW EXECUTE FUNCTION fazhi_case_link_orgs();

-- A case that moves (a transfer) takes its links' org columns along; the trigger above reads the
-- case's new org (this runs after the case row is updated).
CREATE FUNCTION fazhi_case_links_follow() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE case_links SET org_id = NEW.org_id WHERE case_id = NEW.id;
  UPDATE case_links SET other_org_id = NEW.org_id WHERE other_case_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_org_moved_links AFTER UPDATE OF org_id ON cases FOR EACH ROW
  WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id) EXECUTE FUNCTION fazhi_case_links_follow();

-- One side of a link visible: as pg_temp.child_visible (20261126161000_case_child_org), plus a
-- case shared with the caller's scope (cases_shared_read).
CREATE FUNCTION pg_temp.link_side_visible(org text, kase text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('((SELECT fazhi_scope_all())
    OR %1$s IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
    OR %1$s = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
    OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND EXISTS (SELECT 1 FROM cases p WHERE p.id = %2$s))
    OR fazhi_case_shared(%2$s))', org, kase)
$$;

DO $$
BEGIN
  EXECUTE format('ALTER POLICY case_links_rw ON case_links USING (%s AND %s)',
                 pg_temp.link_side_visible('case_links.org_id', 'case_links.case_id'),
                 pg_temp.link_side_visible('case_links.other_org_id', 'case_links.other_case_id'));
END $$;
