-- Legal advisors (律师顾问团, 一村一法律顾问; seed 二(五) "全面构建法律顾问制度体系"):
-- who advises each village and the township, the advisors' service log with hours, and the
-- issues a legal review found with how each was dealt with.

-- The advisor named for a village (一村一法律顾问) or for the township itself: an account of
-- the platform (who then gets the village's review items by default) or a name only, the
-- firm, a phone (an office landline as it is; a personal mobile sealed with SM4, shown
-- masked), and the appointment's days. A row whose `until_on` has passed is history.
CREATE TABLE legal_advisors (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id    uuid NOT NULL REFERENCES orgs(id),
  org_id         uuid NOT NULL REFERENCES orgs(id),
  user_id        uuid REFERENCES users(id),
  name           text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 32),
  firm           text CHECK (length(firm) <= 100),
  official_phone text CHECK (official_phone ~ '^0[0-9]{2,3}-?[0-9]{7,8}$'),
  phone_enc      bytea,
  from_on        date NOT NULL,
  until_on       date,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     uuid REFERENCES users(id),
  updated_at     timestamptz,
  CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE INDEX legal_advisors_org ON legal_advisors (org_id, from_on);
CREATE INDEX legal_advisors_township ON legal_advisors (township_id);
CREATE INDEX legal_advisors_user ON legal_advisors (user_id);
ALTER TABLE legal_advisors ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_advisors FORCE ROW LEVEL SECURITY;
-- Inside the caller's scope; an advisor also reads his own appointments.
CREATE POLICY legal_advisors_read ON legal_advisors FOR SELECT USING (fazhi_org_visible(org_id) OR user_id = fazhi_user_id());
CREATE POLICY legal_advisors_write ON legal_advisors FOR INSERT WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY legal_advisors_update ON legal_advisors FOR UPDATE USING (fazhi_org_visible(org_id)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY legal_advisors_owner ON legal_advisors TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON legal_advisors TO fazhi_app;

-- The service log (服务台账): each service an advisor gave, to a village or the township, with
-- its hours (more than 0, at most 24, one decimal). A legal review's hours come with its
-- opinion (`source` 'review', one row per review, written by the step: never from the log's
-- form); the advisor writes his other services himself.
CREATE TABLE advisor_services (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id uuid NOT NULL REFERENCES orgs(id),
  org_id      uuid NOT NULL REFERENCES orgs(id),
  advisor_id  uuid NOT NULL REFERENCES users(id),
  -- The advisor's name as it was when logged: a village reads its log without reading the township's users.
  advisor_name text NOT NULL CHECK (length(btrim(advisor_name)) BETWEEN 1 AND 64),
  served_on   date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('法律咨询', '合同审查', '规范性文件审查', '村规民约审查', '参与调解', '法治讲座', '列席会议', '其他')),
  hours       numeric(3, 1) NOT NULL CHECK (hours > 0 AND hours <= 24),
  summary     text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 2000),
  case_id     uuid REFERENCES cases(id) ON DELETE SET NULL,
  source      text NOT NULL DEFAULT 'entry' CHECK (source IN ('entry', 'review')),
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX advisor_services_review ON advisor_services (case_id) WHERE source = 'review';
CREATE INDEX advisor_services_township ON advisor_services (township_id, served_on);
CREATE INDEX advisor_services_org ON advisor_services (org_id, served_on);
CREATE INDEX advisor_services_advisor ON advisor_services (advisor_id, served_on);
ALTER TABLE advisor_services ENABLE ROW LEVEL SECURITY;
ALTER TABLE advisor_services FORCE ROW LEVEL SECURITY;
CREATE POLICY advisor_services_read ON advisor_services FOR SELECT USING (fazhi_org_visible(org_id) OR advisor_id = fazhi_user_id());
-- An advisor writes his own entries, for an org inside his scope.
CREATE POLICY advisor_services_write ON advisor_services FOR INSERT WITH CHECK (fazhi_org_visible(org_id) AND advisor_id = fazhi_user_id());
CREATE POLICY advisor_services_owner ON advisor_services TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON advisor_services TO fazhi_app;

-- Each issue a legal review found (the opinion step's list, one row each, numbered) and how the
-- submitter dealt with it (the resolve step): adopted, or not adopted with the reason. A case
-- child table: the case's org by trigger, follows a transfer, readable where the case is shared.
CREATE TABLE legal_review_issues (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id  uuid NOT NULL REFERENCES orgs(id),
  seq          int NOT NULL CHECK (seq BETWEEN 1 AND 50),
  problem      text NOT NULL CHECK (length(btrim(problem)) BETWEEN 1 AND 2000),
  suggestion   text NOT NULL CHECK (length(btrim(suggestion)) BETWEEN 1 AND 2000),
  basis        text CHECK (length(basis) <= 500),
  outcome      text CHECK (outcome IN ('采纳', '未采纳')),
  handling     text CHECK (length(handling) <= 2000),
  resolved_on  date,
  resolved_by  uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, seq),
  CHECK ((outcome IS NULL) = (resolved_on IS NULL))
);

DO $$
BEGIN
  PERFORM fazhi_register_case_child('legal_review_issues'::regclass, 'legal_review_issues_rw');
  PERFORM fazhi_case_child_policies('legal_review_issues');
END $$;
GRANT SELECT, INSERT, UPDATE ON legal_review_issues TO fazhi_app;

-- The advisors' figures read all three: their writes move the township's cockpit counter.
SELECT fazhi_metric_source('legal_advisors');
SELECT fazhi_metric_source('advisor_services');
SELECT fazhi_metric_source('legal_review_issues');
