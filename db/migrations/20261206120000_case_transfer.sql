-- Cases move between offices (转送/交办, 信访工作条例 第三十一条; 移送; a grid event becoming a
-- mediation case), and the tables that hang off a case follow it.
--
-- 1. The child tables are registered once, here and by each module's migration through
--    fazhi_register_case_child, instead of being listed in a trigger: the trigger that carries
--    a case's org (and township) to its rows reads the registry.
CREATE TABLE case_child_tables (
  tbl         regclass PRIMARY KEY,
  policy      text NOT NULL,
  -- The table carries township_id too (every business table does; checked at registration).
  has_township boolean NOT NULL
);
INSERT INTO case_child_tables (tbl, policy, has_township) VALUES
  ('case_assignees', 'case_assignees_rw', true), ('case_parties', 'case_parties_rw', true), ('case_events', 'case_events_rw', true),
  ('case_deadlines', 'case_deadlines_rw', true), ('case_ratings', 'case_ratings_rw', true), ('case_attachments', 'case_attachments_rw', true),
  ('mediation_case_mediators', 'mcm_rw', true), ('mediation_sessions', 'mediation_sessions_rw', true);

CREATE OR REPLACE FUNCTION fazhi_case_org_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT tbl, has_township FROM case_child_tables LOOP
    IF t.has_township THEN
      EXECUTE format('UPDATE %s SET org_id = $1, township_id = $2 WHERE case_id = $3', t.tbl) USING NEW.org_id, NEW.township_id, NEW.id;
    ELSE
      EXECUTE format('UPDATE %s SET org_id = $1 WHERE case_id = $2', t.tbl) USING NEW.org_id, NEW.id;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- 2. Read access the sender keeps to what it sent (a share of the case with an org): the
--    case and its rows are readable, never writable, by whoever may read at that org.
CREATE TABLE case_shares (
  case_id     uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  org_id      uuid NOT NULL REFERENCES orgs(id),
  reason      text NOT NULL,
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, org_id)
);
CREATE INDEX case_shares_org ON case_shares (org_id);
ALTER TABLE case_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY case_shares_read ON case_shares FOR SELECT USING (fazhi_org_visible(org_id));
CREATE POLICY case_shares_owner ON case_shares TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT ON case_shares TO fazhi_app;

-- A case shared with an org in the caller's scope (for the policies below): case_shares'
-- own policy keeps the shares to the caller's scope, and the function stays inlinable.
CREATE FUNCTION fazhi_case_shared(c uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c)
$$;
CREATE POLICY cases_shared_read ON cases FOR SELECT USING (fazhi_case_shared(id));

-- 3. Registers a table that hangs off a case (case_id): it gets the case's org (and
--    township) by trigger, follows the case when it moves, and is readable where the case
--    is shared. Its own policy (named) keeps judging the caller's scope.
CREATE FUNCTION fazhi_register_case_child(tbl regclass, policy text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  township boolean := EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'township_id' AND NOT attisdropped);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'org_id' AND NOT attisdropped) THEN
    EXECUTE format('ALTER TABLE %s ADD COLUMN org_id uuid', tbl);
    EXECUTE format('UPDATE %s x SET org_id = k.org_id FROM cases k WHERE k.id = x.case_id', tbl);
    EXECUTE format('ALTER TABLE %s ALTER COLUMN org_id SET NOT NULL', tbl);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF case_id, org_id ON %s FOR EACH ROW EXECUTE FUNCTION fazhi_case_child_org()', tbl::text || '_org', tbl);
  END IF;
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (fazhi_case_shared(case_id))', tbl::text || '_shared', tbl);
  INSERT INTO case_child_tables (tbl, policy, has_township) VALUES (tbl, policy, township) ON CONFLICT (tbl) DO NOTHING;
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT tbl FROM case_child_tables LOOP
    EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (fazhi_case_shared(case_id))', t.tbl::text || '_shared', t.tbl);
  END LOOP;
END $$;
