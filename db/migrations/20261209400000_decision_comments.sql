-- Public comment on a major administrative decision's draft (重大行政决策程序暂行条例 第十五条):
-- what a member of the public wrote on the portal while the draft was open for comment, and the
-- office's answer to it, published with the decision (第三十二条: how the public's comments were
-- taken up). A name and a phone a commenter gives are personal data: sealed (SM4, as a case
-- party's), never stored in the clear.

CREATE TABLE decision_comments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id  uuid NOT NULL REFERENCES orgs(id),
  body         text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
  name_enc     bytea,
  phone_enc    bytea,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  answer       text CHECK (length(btrim(answer)) BETWEEN 1 AND 2000),
  adoption     text CHECK (adoption IN ('采纳', '部分采纳', '未采纳', '不属于征求意见范围')),
  answered_by  uuid REFERENCES users(id),
  answered_at  timestamptz,
  CHECK ((answer IS NULL) = (adoption IS NULL) AND (answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX decision_comments_case ON decision_comments (case_id, submitted_at);

SELECT fazhi_register_case_child('decision_comments', 'decision_comments_rw');

DO $$
DECLARE
  visible text;
BEGIN
  -- The same set test as every case child table (20261126180000_child_check_as_sets.sql).
  visible := '((SELECT fazhi_scope_all())
    OR decision_comments.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
    OR decision_comments.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[])
    OR ((SELECT cardinality(fazhi_uuids(''fazhi.scope_self'')) > 0) AND EXISTS (SELECT 1 FROM cases p WHERE p.id = decision_comments.case_id)))';
  ALTER TABLE decision_comments ENABLE ROW LEVEL SECURITY;
  ALTER TABLE decision_comments FORCE ROW LEVEL SECURITY;
  EXECUTE format('CREATE POLICY decision_comments_rw ON decision_comments USING (%s) WITH CHECK (%s)', visible, visible);
  CREATE POLICY decision_comments_owner ON decision_comments TO CURRENT_USER USING (true) WITH CHECK (true);
END $$;
GRANT SELECT, INSERT, UPDATE ON decision_comments TO fazhi_app;
