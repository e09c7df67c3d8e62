-- The rule-of-law leadership group's own work (modules/governance; seed 一 and 二(一)):
--
-- leadership_groups: one per township: the group's name and where its office (领导小组办公室)
--   sits (an office of the township). Its head is the member whose place is 办公室主任.
-- leadership_members: who sits in the group, in which place (组长/副组长/成员/办公室主任), with
--   the post and unit, from and until: a change ends a membership and starts another, so who was
--   a member on a given day stays answerable. A personal phone is sealed (SM4), shown masked.
-- governance_plans: the township's implementation plan (实施方案) of a year: title, document
--   number, the day adopted and the leadership group meeting (a `meeting` case) that adopted it.
--   Its tasks are cases of type `plan_task` (data.planId).
-- governance_budgets / governance_spending: the rule-of-law budget line of a year (法治建设经费
--   列入镇年度财政预算, seed 二(一)) and what was spent from it. Money is numeric(14,2), never a float.
--
-- All rows lie at the township (org_id = township_id): the township's staff and the county above
-- read them; a village or an office under another township sees none.

CREATE TABLE leadership_groups (
  township_id    uuid PRIMARY KEY REFERENCES orgs(id),
  org_id         uuid NOT NULL REFERENCES orgs(id),
  name           text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 100),
  office_org_id  uuid REFERENCES orgs(id),
  updated_by     uuid REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE leadership_members (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id    uuid NOT NULL REFERENCES orgs(id),
  org_id         uuid NOT NULL REFERENCES orgs(id),
  place          text NOT NULL CHECK (place IN ('组长', '副组长', '成员', '办公室主任')),
  name           text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 32),
  post           text NOT NULL CHECK (length(btrim(post)) BETWEEN 1 AND 64),
  unit_org_id    uuid REFERENCES orgs(id),
  phone_enc      bytea,
  from_on        date NOT NULL,
  until_on       date CHECK (until_on >= from_on),
  sort_order     int NOT NULL DEFAULT 0,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leadership_members_township ON leadership_members (township_id, from_on);

CREATE TABLE governance_plans (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id      uuid NOT NULL REFERENCES orgs(id),
  org_id           uuid NOT NULL REFERENCES orgs(id),
  year             int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title            text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 200),
  doc_no           text CHECK (length(doc_no) <= 64),
  adopted_on       date NOT NULL,
  meeting_case_id  uuid REFERENCES cases(id),
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (township_id, year, title)
);

CREATE TABLE governance_budgets (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id  uuid NOT NULL REFERENCES orgs(id),
  org_id       uuid NOT NULL REFERENCES orgs(id),
  year         int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount       numeric(14, 2) NOT NULL CHECK (amount >= 0 AND amount < 10000000000),
  note         text CHECK (length(note) <= 500),
  updated_by   uuid REFERENCES users(id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (township_id, year)
);

CREATE TABLE governance_spending (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id  uuid NOT NULL REFERENCES orgs(id),
  org_id       uuid NOT NULL REFERENCES orgs(id),
  year         int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  spent_on     date NOT NULL CHECK (extract(year FROM spent_on) = year),
  amount       numeric(14, 2) NOT NULL CHECK (amount > 0 AND amount < 10000000000),
  purpose      text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 2 AND 200),
  case_id      uuid REFERENCES cases(id),
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX governance_spending_year ON governance_spending (township_id, year, spent_on);

DO $$
DECLARE
  t text;
  visible text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leadership_groups', 'leadership_members', 'governance_plans', 'governance_budgets', 'governance_spending'] LOOP
    visible := format('((SELECT fazhi_scope_all())
      OR %1$s.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
      OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[]))', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_rw', t, visible, 'fazhi_org_visible(' || t || '.org_id)');
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON leadership_groups TO fazhi_app;
GRANT SELECT, INSERT, UPDATE ON leadership_members TO fazhi_app;
GRANT SELECT, INSERT ON governance_plans TO fazhi_app;
GRANT SELECT, INSERT, UPDATE ON governance_budgets TO fazhi_app;
GRANT SELECT, INSERT ON governance_spending TO fazhi_app;

-- The module's figures read these tables (governance.metrics.ts).
SELECT fazhi_metric_source('leadership_members');
SELECT fazhi_metric_source('governance_budgets');
SELECT fazhi_metric_source('governance_spending');

-- A step's effect may tell people about the case it was taken on, in the step's own transaction
-- (a plan task's 督办 notice reaches the owner unit at once): the request's role may add a
-- notice about a case it can see (the cases policy applies inside the check), to anyone. Only
-- server code writes notices (platform/notifications notifyUsers, texts from its templates).
GRANT INSERT ON notifications TO fazhi_app;
CREATE POLICY notifications_about_visible_case ON notifications FOR INSERT TO fazhi_app
  WITH CHECK (case_id IS NOT NULL AND EXISTS (SELECT 1 FROM cases k WHERE k.id = notifications.case_id));
