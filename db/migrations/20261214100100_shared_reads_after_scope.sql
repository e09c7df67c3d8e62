-- Reading a case that was sent on (case_shares, 20261206120000) cost every statement that
-- names a case table a pass over all of case_shares, with a function call for each share: the
-- `_shared` policies were evaluated before the tables' own scope policies, as a hashed set of
-- every share the caller may see (20261209600000). With 2,000 shares in a county, a case page
-- (fifteen tables under policies) took 48.6 ms instead of 0.7 ms, for a case of the caller's
-- own township that no share concerns (issue 11, docs/performance.md). The bench data had no
-- shares, so no figure showed it.
--
-- What a caller may read is unchanged. The `_shared` policies are renamed after the table's own
-- policy, `X_rw` → `X_read_shared`. PostgreSQL joins a table's permissive policies with OR in
-- reverse order of their names and stops at the first arm that admits a row: `X_rw` now comes
-- first, so a row of the caller's own scope is admitted without asking about shares, and the
-- shares (still a hashed set, built once per statement and table) are read only when a row is
-- refused. pgbench, 60,000 cases, township staff, the case page's statement: 49.2 → 0.74–0.78 ms
-- with 2,000 shares, unchanged without. row-security.test.ts checks this order on the
-- PostgreSQL the tests run on.
--
-- (Asking row by row, as before 20261209600000, was tried: it made the page's plan smaller
-- (0.68 ms) but a township's figures, counted under row-level security over rows the scope
-- refuses, three times slower: 496 → 1,558 ms for a township's live cockpit on 200,000 cases.)

-- The shared reads after the scope's own policy: `X_rw` → `X_read_shared`, which sorts before it.
CREATE FUNCTION fazhi_shared_policy_name(rw text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(rw, '_rw$', '') || '_read_shared'
$$;

ALTER POLICY cases_shared_read ON cases RENAME TO cases_read_shared;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT tbl, policy FROM case_child_tables LOOP
    IF EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = t.tbl AND polname = t.tbl::text || '_shared') THEN
      EXECUTE format('ALTER POLICY %I ON %s RENAME TO %I', t.tbl::text || '_shared', t.tbl, fazhi_shared_policy_name(t.policy));
    END IF;
  END LOOP;
END $$;

-- Tables registered from now on get the same name.
CREATE OR REPLACE FUNCTION fazhi_register_case_child(tbl regclass, policy text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  township boolean := EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'township_id' AND NOT attisdropped);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'org_id' AND NOT attisdropped) THEN
    EXECUTE format('ALTER TABLE %s ADD COLUMN org_id uuid', tbl);
    EXECUTE format('UPDATE %s x SET org_id = k.org_id FROM cases k WHERE k.id = x.case_id', tbl);
    EXECUTE format('ALTER TABLE %s ALTER COLUMN org_id SET NOT NULL', tbl);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF case_id, org_id ON %s FOR EACH ROW EXECUTE FUNCTION fazhi_case_child_org()', tbl::text || '_org', tbl);
  END IF;
  -- Named to come after the table's own policy (see above).
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT USING (case_id IN (SELECT s.case_id FROM case_shares s))', fazhi_shared_policy_name(policy), tbl);
  INSERT INTO case_child_tables AS r (tbl, policy, has_township) VALUES ($1, $2, township) ON CONFLICT ON CONSTRAINT case_child_tables_pkey DO NOTHING;
END $$;
