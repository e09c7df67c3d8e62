-- Nothing in the schema blocks the province-sized layout on Citus (issue 11, docs/operations.md
-- "A province on Citus"): the township's tables distributed by township_id, the org tables as
-- reference tables, the rest local to the coordinator (platform/db/distribution.ts places each
-- table; distribution.test.ts checks the rules below on the migrated database).
--
-- 1. Every primary key and unique key of a distributed table includes township_id (Citus checks
--    uniqueness within a shard). township_id goes last, so every lookup the old key served
--    (`WHERE id = $1`, `WHERE case_id = $1 AND key = $2`) is served by the same index as before.
-- 2. Every foreign key between two distributed tables carries township_id on both sides, first:
--    (township_id, case_id) → cases (township_id, id). A row that hangs off a case is now in
--    the case's township by constraint (the code has always written it so; rows that differ are
--    set to the case's first). The keys are DEFERRABLE (checked at once, as before) so that a
--    transfer to another township can move the case and its rows in one transaction
--    (fazhi_case_township_moved below).
-- 3. ON DELETE SET NULL cannot set a distributed row's case_id without its township_id (Citus
--    refuses it): advisor_services and ledger_import_rows keep their case by NO ACTION instead
--    (cases are not deleted; their readers LEFT JOIN the case all the same).
-- 4. Where a case may be another township's, there is no foreign key: the other side of a link
--    (case_links.other_case_id: a county links cases of two townships), and the local tables
--    read by a key that is not a township (notifications, idempotency_keys, download_links).
-- 5. case_shares gets the case's township_id.
-- 6. Unique keys that were global become a township's: a case's reference (张八桥-调-2023-0143;
--    two counties' 城关镇 share a short name, so only the township makes it unique), a tracking
--    number (tracking.ts picks the case whose query code matches), a stored file's key, a
--    camera's device id.

-- 5. case_shares carries the case's township.
ALTER TABLE case_shares ADD COLUMN township_id uuid REFERENCES orgs(id);
UPDATE case_shares s SET township_id = k.township_id FROM cases k WHERE k.id = s.case_id;
ALTER TABLE case_shares ALTER COLUMN township_id SET NOT NULL;

-- The foreign keys on the old keys go first (they hold the old unique indexes).
ALTER TABLE advisor_services DROP CONSTRAINT advisor_services_case_id_fkey;
ALTER TABLE annual_report_figures DROP CONSTRAINT annual_report_figures_case_id_fkey;
ALTER TABLE annual_report_versions DROP CONSTRAINT annual_report_versions_case_id_fkey;
ALTER TABLE annual_reports DROP CONSTRAINT annual_reports_case_id_fkey;
ALTER TABLE case_assignees DROP CONSTRAINT case_assignees_case_id_fkey;
ALTER TABLE case_attachments DROP CONSTRAINT case_attachments_case_id_fkey;
ALTER TABLE case_deadlines DROP CONSTRAINT case_deadlines_case_id_fkey;
ALTER TABLE case_events DROP CONSTRAINT case_events_case_id_fkey;
ALTER TABLE case_links DROP CONSTRAINT case_links_case_id_fkey;
ALTER TABLE case_links DROP CONSTRAINT case_links_other_case_id_fkey;
ALTER TABLE case_parties DROP CONSTRAINT case_parties_case_id_fkey;
ALTER TABLE case_ratings DROP CONSTRAINT case_ratings_case_id_fkey;
ALTER TABLE case_shares DROP CONSTRAINT case_shares_case_id_fkey;
ALTER TABLE decision_catalogue_items DROP CONSTRAINT decision_catalogue_items_catalogue_id_fkey;
ALTER TABLE decision_catalogues DROP CONSTRAINT decision_catalogues_agreed_meeting_id_fkey;
ALTER TABLE decision_comments DROP CONSTRAINT decision_comments_case_id_fkey;
ALTER TABLE disclosure_remedies DROP CONSTRAINT disclosure_remedies_case_id_fkey;
ALTER TABLE download_links DROP CONSTRAINT download_links_attachment_id_fkey;
ALTER TABLE download_links DROP CONSTRAINT download_links_case_id_fkey;
ALTER TABLE governance_plans DROP CONSTRAINT governance_plans_meeting_case_id_fkey;
ALTER TABLE governance_spending DROP CONSTRAINT governance_spending_case_id_fkey;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_case_id_fkey;
ALTER TABLE ledger_import_rows DROP CONSTRAINT ledger_import_rows_case_id_fkey;
ALTER TABLE ledger_import_rows DROP CONSTRAINT ledger_import_rows_import_id_fkey;
ALTER TABLE legal_review_issues DROP CONSTRAINT legal_review_issues_case_id_fkey;
ALTER TABLE mediation_case_mediators DROP CONSTRAINT mediation_case_mediators_case_id_fkey;
ALTER TABLE mediation_case_mediators DROP CONSTRAINT mediation_case_mediators_mediator_id_fkey;
ALTER TABLE mediation_party_facts DROP CONSTRAINT mediation_party_facts_case_id_fkey;
ALTER TABLE mediation_party_facts DROP CONSTRAINT mediation_party_facts_party_id_fkey;
ALTER TABLE mediation_rights_notices DROP CONSTRAINT mediation_rights_notices_case_id_fkey;
ALTER TABLE mediation_rights_notices DROP CONSTRAINT mediation_rights_notices_party_id_fkey;
ALTER TABLE mediation_sessions DROP CONSTRAINT mediation_sessions_case_id_fkey;
ALTER TABLE mediators DROP CONSTRAINT mediators_committee_id_fkey;
ALTER TABLE notifications DROP CONSTRAINT notifications_case_id_fkey;
ALTER TABLE petition_recusals DROP CONSTRAINT petition_recusals_case_id_fkey;
ALTER TABLE safety_camera_views DROP CONSTRAINT safety_camera_views_camera_id_fkey;
ALTER TABLE safety_visits DROP CONSTRAINT safety_visits_person_id_fkey;
ALTER TABLE screening_returns DROP CONSTRAINT screening_returns_round_id_fkey;

-- 1. Primary keys and unique keys with township_id (last).
ALTER TABLE cases DROP CONSTRAINT cases_pkey, ADD CONSTRAINT cases_pkey PRIMARY KEY (id, township_id);
ALTER TABLE cases DROP CONSTRAINT cases_ref_key, ADD CONSTRAINT cases_ref_township_id_key UNIQUE (ref, township_id);
ALTER TABLE cases DROP CONSTRAINT cases_tracking_no_key, ADD CONSTRAINT cases_tracking_no_township_id_key UNIQUE (tracking_no, township_id);
ALTER TABLE case_events DROP CONSTRAINT case_events_pkey, ADD CONSTRAINT case_events_pkey PRIMARY KEY (id, township_id);
ALTER TABLE case_parties DROP CONSTRAINT case_parties_pkey, ADD CONSTRAINT case_parties_pkey PRIMARY KEY (id, township_id);
ALTER TABLE case_deadlines DROP CONSTRAINT case_deadlines_pkey, ADD CONSTRAINT case_deadlines_pkey PRIMARY KEY (id, township_id);
ALTER TABLE case_deadlines DROP CONSTRAINT case_deadlines_case_id_key_key, ADD CONSTRAINT case_deadlines_case_id_key_township_id_key UNIQUE (case_id, key, township_id);
ALTER TABLE case_assignees DROP CONSTRAINT case_assignees_pkey, ADD CONSTRAINT case_assignees_pkey PRIMARY KEY (case_id, user_id, township_id);
ALTER TABLE case_attachments DROP CONSTRAINT case_attachments_pkey, ADD CONSTRAINT case_attachments_pkey PRIMARY KEY (id, township_id);
ALTER TABLE case_attachments DROP CONSTRAINT case_attachments_storage_key_key, ADD CONSTRAINT case_attachments_storage_key_township_id_key UNIQUE (storage_key, township_id);
ALTER TABLE case_ratings DROP CONSTRAINT case_ratings_pkey, ADD CONSTRAINT case_ratings_pkey PRIMARY KEY (case_id, township_id);
ALTER TABLE case_links DROP CONSTRAINT case_links_pkey, ADD CONSTRAINT case_links_pkey PRIMARY KEY (case_id, other_case_id, township_id);
ALTER TABLE case_shares DROP CONSTRAINT case_shares_pkey, ADD CONSTRAINT case_shares_pkey PRIMARY KEY (case_id, org_id, township_id);
ALTER TABLE annual_reports DROP CONSTRAINT annual_reports_pkey, ADD CONSTRAINT annual_reports_pkey PRIMARY KEY (case_id, township_id);
ALTER TABLE annual_report_versions DROP CONSTRAINT annual_report_versions_pkey, ADD CONSTRAINT annual_report_versions_pkey PRIMARY KEY (case_id, version, township_id);
ALTER TABLE annual_report_figures DROP CONSTRAINT annual_report_figures_pkey, ADD CONSTRAINT annual_report_figures_pkey PRIMARY KEY (case_id, code, township_id);
ALTER TABLE advisor_services DROP CONSTRAINT advisor_services_pkey, ADD CONSTRAINT advisor_services_pkey PRIMARY KEY (id, township_id);
DROP INDEX advisor_services_review;
CREATE UNIQUE INDEX advisor_services_review ON advisor_services (case_id, township_id) WHERE source = 'review';
ALTER TABLE decision_catalogues DROP CONSTRAINT decision_catalogues_pkey, ADD CONSTRAINT decision_catalogues_pkey PRIMARY KEY (id, township_id);
ALTER TABLE decision_catalogue_items DROP CONSTRAINT decision_catalogue_items_pkey, ADD CONSTRAINT decision_catalogue_items_pkey PRIMARY KEY (id, township_id);
ALTER TABLE decision_catalogue_items DROP CONSTRAINT decision_catalogue_items_catalogue_id_seq_key, ADD CONSTRAINT decision_catalogue_items_catalogue_id_seq_township_id_key UNIQUE (catalogue_id, seq, township_id);
ALTER TABLE decision_comments DROP CONSTRAINT decision_comments_pkey, ADD CONSTRAINT decision_comments_pkey PRIMARY KEY (id, township_id);
ALTER TABLE disclosure_remedies DROP CONSTRAINT disclosure_remedies_pkey, ADD CONSTRAINT disclosure_remedies_pkey PRIMARY KEY (id, township_id);
ALTER TABLE geo_boundaries DROP CONSTRAINT geo_boundaries_pkey, ADD CONSTRAINT geo_boundaries_pkey PRIMARY KEY (org_id, township_id);
ALTER TABLE governance_budgets DROP CONSTRAINT governance_budgets_pkey, ADD CONSTRAINT governance_budgets_pkey PRIMARY KEY (id, township_id);
ALTER TABLE governance_plans DROP CONSTRAINT governance_plans_pkey, ADD CONSTRAINT governance_plans_pkey PRIMARY KEY (id, township_id);
ALTER TABLE governance_spending DROP CONSTRAINT governance_spending_pkey, ADD CONSTRAINT governance_spending_pkey PRIMARY KEY (id, township_id);
ALTER TABLE grid_members DROP CONSTRAINT grid_members_pkey, ADD CONSTRAINT grid_members_pkey PRIMARY KEY (id, township_id);
ALTER TABLE leadership_members DROP CONSTRAINT leadership_members_pkey, ADD CONSTRAINT leadership_members_pkey PRIMARY KEY (id, township_id);
ALTER TABLE ledger_imports DROP CONSTRAINT ledger_imports_pkey, ADD CONSTRAINT ledger_imports_pkey PRIMARY KEY (id, township_id);
ALTER TABLE ledger_import_rows DROP CONSTRAINT ledger_import_rows_pkey, ADD CONSTRAINT ledger_import_rows_pkey PRIMARY KEY (import_id, seq, township_id);
ALTER TABLE legal_advisors DROP CONSTRAINT legal_advisors_pkey, ADD CONSTRAINT legal_advisors_pkey PRIMARY KEY (id, township_id);
ALTER TABLE legal_review_issues DROP CONSTRAINT legal_review_issues_pkey, ADD CONSTRAINT legal_review_issues_pkey PRIMARY KEY (id, township_id);
ALTER TABLE legal_review_issues DROP CONSTRAINT legal_review_issues_case_id_seq_key, ADD CONSTRAINT legal_review_issues_case_id_seq_township_id_key UNIQUE (case_id, seq, township_id);
ALTER TABLE mediation_committees DROP CONSTRAINT mediation_committees_pkey, ADD CONSTRAINT mediation_committees_pkey PRIMARY KEY (id, township_id);
ALTER TABLE mediation_committees DROP CONSTRAINT mediation_committees_org_id_name_key, ADD CONSTRAINT mediation_committees_org_id_name_township_id_key UNIQUE (org_id, name, township_id);
ALTER TABLE mediators DROP CONSTRAINT mediators_pkey, ADD CONSTRAINT mediators_pkey PRIMARY KEY (id, township_id);
ALTER TABLE mediation_case_mediators DROP CONSTRAINT mediation_case_mediators_pkey, ADD CONSTRAINT mediation_case_mediators_pkey PRIMARY KEY (case_id, mediator_id, township_id);
ALTER TABLE mediation_party_facts DROP CONSTRAINT mediation_party_facts_pkey, ADD CONSTRAINT mediation_party_facts_pkey PRIMARY KEY (party_id, township_id);
ALTER TABLE mediation_rights_notices DROP CONSTRAINT mediation_rights_notices_pkey, ADD CONSTRAINT mediation_rights_notices_pkey PRIMARY KEY (id, township_id);
ALTER TABLE mediation_rights_notices DROP CONSTRAINT mediation_rights_notices_party_id_key, ADD CONSTRAINT mediation_rights_notices_party_id_township_id_key UNIQUE (party_id, township_id);
ALTER TABLE mediation_sessions DROP CONSTRAINT mediation_sessions_pkey, ADD CONSTRAINT mediation_sessions_pkey PRIMARY KEY (id, township_id);
ALTER TABLE petition_recusals DROP CONSTRAINT petition_recusals_pkey, ADD CONSTRAINT petition_recusals_pkey PRIMARY KEY (id, township_id);
ALTER TABLE petition_recusals DROP CONSTRAINT petition_recusals_case_id_user_id_key, ADD CONSTRAINT petition_recusals_case_id_user_id_township_id_key UNIQUE (case_id, user_id, township_id);
ALTER TABLE safety_cameras DROP CONSTRAINT safety_cameras_pkey, ADD CONSTRAINT safety_cameras_pkey PRIMARY KEY (id, township_id);
ALTER TABLE safety_cameras DROP CONSTRAINT safety_cameras_device_id_key, ADD CONSTRAINT safety_cameras_device_id_township_id_key UNIQUE (device_id, township_id);
ALTER TABLE safety_camera_views DROP CONSTRAINT safety_camera_views_pkey, ADD CONSTRAINT safety_camera_views_pkey PRIMARY KEY (id, township_id);
ALTER TABLE safety_persons DROP CONSTRAINT safety_persons_pkey, ADD CONSTRAINT safety_persons_pkey PRIMARY KEY (id, township_id);
ALTER TABLE safety_visits DROP CONSTRAINT safety_visits_pkey, ADD CONSTRAINT safety_visits_pkey PRIMARY KEY (id, township_id);
ALTER TABLE screening_rounds DROP CONSTRAINT screening_rounds_pkey, ADD CONSTRAINT screening_rounds_pkey PRIMARY KEY (id, township_id);
ALTER TABLE screening_returns DROP CONSTRAINT screening_returns_pkey, ADD CONSTRAINT screening_returns_pkey PRIMARY KEY (round_id, org_id, township_id);

-- 2. A row that hangs off another is in its township: rows written otherwise (none are known;
--    a transfer to another township before this release moved only the registered child
--    tables) take their parent's township first.
CREATE FUNCTION pg_temp.align(child regclass, col text, parent regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE %s x SET township_id = p.township_id FROM %s p WHERE p.id = x.%I AND x.township_id <> p.township_id', child, parent, col);
END $$;
SELECT pg_temp.align(t.child, t.col, t.parent) FROM (VALUES
  ('advisor_services', 'case_id', 'cases'), ('annual_report_figures', 'case_id', 'cases'), ('annual_report_versions', 'case_id', 'cases'),
  ('annual_reports', 'case_id', 'cases'), ('case_assignees', 'case_id', 'cases'), ('case_attachments', 'case_id', 'cases'),
  ('case_deadlines', 'case_id', 'cases'), ('case_events', 'case_id', 'cases'), ('case_links', 'case_id', 'cases'),
  ('case_parties', 'case_id', 'cases'), ('case_ratings', 'case_id', 'cases'), ('decision_catalogues', 'agreed_meeting_id', 'cases'),
  ('decision_comments', 'case_id', 'cases'), ('disclosure_remedies', 'case_id', 'cases'), ('governance_plans', 'meeting_case_id', 'cases'),
  ('governance_spending', 'case_id', 'cases'), ('ledger_import_rows', 'case_id', 'cases'), ('legal_review_issues', 'case_id', 'cases'),
  ('mediation_case_mediators', 'case_id', 'cases'), ('mediation_party_facts', 'case_id', 'cases'), ('mediation_rights_notices', 'case_id', 'cases'),
  ('mediation_sessions', 'case_id', 'cases'), ('petition_recusals', 'case_id', 'cases'),
  ('decision_catalogue_items', 'catalogue_id', 'decision_catalogues'), ('mediators', 'committee_id', 'mediation_committees'),
  ('safety_camera_views', 'camera_id', 'safety_cameras'), ('safety_visits', 'person_id', 'safety_persons'), ('screening_returns', 'round_id', 'screening_rounds')
) AS t(child, col, parent);
-- An import row follows its import (the import is the township's that made it).
UPDATE ledger_import_rows x SET township_id = p.township_id FROM ledger_imports p WHERE p.id = x.import_id AND x.township_id <> p.township_id;

ALTER TABLE advisor_services ADD CONSTRAINT advisor_services_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) DEFERRABLE;
ALTER TABLE annual_report_figures ADD CONSTRAINT annual_report_figures_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE annual_report_versions ADD CONSTRAINT annual_report_versions_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE annual_reports ADD CONSTRAINT annual_reports_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_assignees ADD CONSTRAINT case_assignees_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_attachments ADD CONSTRAINT case_attachments_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_deadlines ADD CONSTRAINT case_deadlines_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_events ADD CONSTRAINT case_events_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_links ADD CONSTRAINT case_links_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_parties ADD CONSTRAINT case_parties_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_ratings ADD CONSTRAINT case_ratings_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE case_shares ADD CONSTRAINT case_shares_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE decision_catalogues ADD CONSTRAINT decision_catalogues_agreed_meeting_id_fkey FOREIGN KEY (township_id, agreed_meeting_id) REFERENCES cases (township_id, id) DEFERRABLE;
ALTER TABLE decision_comments ADD CONSTRAINT decision_comments_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE disclosure_remedies ADD CONSTRAINT disclosure_remedies_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE governance_plans ADD CONSTRAINT governance_plans_meeting_case_id_fkey FOREIGN KEY (township_id, meeting_case_id) REFERENCES cases (township_id, id) DEFERRABLE;
ALTER TABLE governance_spending ADD CONSTRAINT governance_spending_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) DEFERRABLE;
ALTER TABLE ledger_import_rows ADD CONSTRAINT ledger_import_rows_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) DEFERRABLE;
ALTER TABLE legal_review_issues ADD CONSTRAINT legal_review_issues_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE mediation_case_mediators ADD CONSTRAINT mediation_case_mediators_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE mediation_party_facts ADD CONSTRAINT mediation_party_facts_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE mediation_rights_notices ADD CONSTRAINT mediation_rights_notices_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE mediation_sessions ADD CONSTRAINT mediation_sessions_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE petition_recusals ADD CONSTRAINT petition_recusals_case_id_fkey FOREIGN KEY (township_id, case_id) REFERENCES cases (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE decision_catalogue_items ADD CONSTRAINT decision_catalogue_items_catalogue_id_fkey FOREIGN KEY (township_id, catalogue_id) REFERENCES decision_catalogues (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE ledger_import_rows ADD CONSTRAINT ledger_import_rows_import_id_fkey FOREIGN KEY (township_id, import_id) REFERENCES ledger_imports (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE mediation_case_mediators ADD CONSTRAINT mediation_case_mediators_mediator_id_fkey FOREIGN KEY (township_id, mediator_id) REFERENCES mediators (township_id, id) DEFERRABLE;
ALTER TABLE mediation_party_facts ADD CONSTRAINT mediation_party_facts_party_id_fkey FOREIGN KEY (township_id, party_id) REFERENCES case_parties (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE mediation_rights_notices ADD CONSTRAINT mediation_rights_notices_party_id_fkey FOREIGN KEY (township_id, party_id) REFERENCES case_parties (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE mediators ADD CONSTRAINT mediators_committee_id_fkey FOREIGN KEY (township_id, committee_id) REFERENCES mediation_committees (township_id, id) DEFERRABLE;
ALTER TABLE safety_camera_views ADD CONSTRAINT safety_camera_views_camera_id_fkey FOREIGN KEY (township_id, camera_id) REFERENCES safety_cameras (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE safety_visits ADD CONSTRAINT safety_visits_person_id_fkey FOREIGN KEY (township_id, person_id) REFERENCES safety_persons (township_id, id) ON DELETE CASCADE DEFERRABLE;
ALTER TABLE screening_returns ADD CONSTRAINT screening_returns_round_id_fkey FOREIGN KEY (township_id, round_id) REFERENCES screening_rounds (township_id, id) ON DELETE CASCADE DEFERRABLE;

-- A case that moves to another township (transferCase, when its type allows it) takes every
-- row that points at it by (township_id, …) along; the rows that point at a case's rows (a
-- party's facts and rights notice) point at the case too, and move with it. The keys are checked
-- at commit: transferCase defers them (SET CONSTRAINTS ALL DEFERRED) before it moves the case.
-- On Citus a row never changes its distribution column: there such a transfer copies the case
-- and its rows instead (docs/operations.md).
CREATE FUNCTION fazhi_case_township_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  k record;
BEGIN
  FOR k IN
    SELECT f.conrelid::regclass AS tbl, a.attname AS col
      FROM pg_constraint f JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[2]
     WHERE f.contype = 'f' AND f.confrelid = 'cases'::regclass AND cardinality(f.conkey) = 2
  LOOP
    EXECUTE format('UPDATE %s SET township_id = $1 WHERE township_id = $2 AND %I = $3', k.tbl, k.col) USING NEW.township_id, OLD.township_id, NEW.id;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_township_moved AFTER UPDATE OF township_id ON cases FOR EACH ROW
  WHEN (OLD.township_id IS DISTINCT FROM NEW.township_id) EXECUTE FUNCTION fazhi_case_township_moved();
