-- Each mediator's load (调解组织与调解员: open cases, cases mediated to an agreement) was counted by
-- joining every assignment to its case under row-level security: a county's 170,000 assignments
-- against its 200,000 cases, 440–530 ms a page (issue 11, docs/performance.md, "A county's
-- lists"). An assignment now carries its case's status, kept by the database alone, and the
-- load is counted from the assignments: 78 ms for the county, 5 ms for a township.
--
-- What a caller sees is unchanged: an assignment is visible exactly when its case is (its org,
-- township and home flag follow the case: 20261126161000, 20261213100000), so counting the
-- visible assignments by the status they carry counts what the join counted.

ALTER TABLE mediation_case_mediators ADD COLUMN case_status text, ADD COLUMN case_status_kind text;

-- Written from the case whatever the writer sends (as the org and the home flag are).
CREATE FUNCTION fazhi_mcm_case_status() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  SELECT k.status, k.status_kind INTO NEW.case_status, NEW.case_status_kind FROM cases k WHERE k.id = NEW.case_id;
  RETURN NEW;
END $$;

-- Filled without the table's other triggers (the lead committee's, the org's): only the two columns change.
ALTER TABLE mediation_case_mediators DISABLE TRIGGER USER;
UPDATE mediation_case_mediators x SET case_status = k.status, case_status_kind = k.status_kind FROM cases k WHERE k.id = x.case_id;
ALTER TABLE mediation_case_mediators ENABLE TRIGGER USER;
ALTER TABLE mediation_case_mediators ALTER COLUMN case_status SET NOT NULL, ALTER COLUMN case_status_kind SET NOT NULL;

CREATE TRIGGER mediation_case_mediators_case_status BEFORE INSERT OR UPDATE OF case_id, case_status, case_status_kind ON mediation_case_mediators
  FOR EACH ROW EXECUTE FUNCTION fazhi_mcm_case_status();

-- A case's step moves its assignments' status with it, on every path that writes a case's status.
CREATE FUNCTION fazhi_case_status_to_mediators() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE mediation_case_mediators SET case_status = NEW.status, case_status_kind = NEW.status_kind WHERE case_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_status_to_mediators AFTER UPDATE OF status, status_kind ON cases FOR EACH ROW
  WHEN (NEW.case_type = 'mediation' AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_kind IS DISTINCT FROM NEW.status_kind))
  EXECUTE FUNCTION fazhi_case_status_to_mediators();
