-- The annual report on rule-of-law government (法治政府建设与责任落实督察工作规定 第二十五条):
-- a case of type 'annual_report' per township and year, its text kept as numbered versions,
-- and the figures it was signed with, frozen (modules/annual-report).
--
-- annual_reports: one per township and year (the case holds the workflow and its timeline).
-- annual_report_versions: every saved text; the latest is the draft, the signed one is kept.
-- annual_report_figures: each figure the signed text uses, with its definition and the
--   references of the records behind it, as they were when the principal leader signed.

CREATE TABLE annual_reports (
  case_id        uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  township_id    uuid NOT NULL REFERENCES orgs(id),
  year           int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  signed_version int,
  UNIQUE (township_id, year)
);

CREATE TABLE annual_report_versions (
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  version     int NOT NULL CHECK (version >= 1),
  content     jsonb NOT NULL,
  note        text CHECK (length(note) <= 500),
  author_id   uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, version)
);

CREATE TABLE annual_report_figures (
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  code        text NOT NULL,
  unit        text NOT NULL CHECK (unit IN ('count', 'rate')),
  label       text NOT NULL,
  definition  text NOT NULL,
  value       numeric,
  numerator   int,
  denominator int,
  records     jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (case_id, code)
);

-- The row-level security every case child table has (the same set test as
-- 20261126180000_child_check_as_sets.sql and 20261208700000_mediation_dossier.sql), as one
-- function a module's migration calls after fazhi_register_case_child.
CREATE FUNCTION fazhi_case_child_policies(t text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  visible text := format('((SELECT fazhi_scope_all())
      OR %1$s.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
      OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
      OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND EXISTS (SELECT 1 FROM cases p WHERE p.id = %1$s.case_id)))', t);
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_rw', t, visible, visible);
  EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['annual_reports', 'annual_report_versions', 'annual_report_figures'] LOOP
    PERFORM fazhi_register_case_child(t::regclass, t || '_rw');
    PERFORM fazhi_case_child_policies(t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON annual_reports TO fazhi_app;
GRANT SELECT, INSERT ON annual_report_versions TO fazhi_app;
GRANT SELECT, INSERT, DELETE ON annual_report_figures TO fazhi_app;
