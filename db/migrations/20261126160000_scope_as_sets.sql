-- Row-level security with the caller's scope as sets the planner evaluates once per statement.
--
-- The policies so far called fazhi_org_visible() / fazhi_row_visible() / fazhi_case_visible()
-- on every row. Those SQL functions contain sub-queries, so PostgreSQL cannot inline them: each
-- row paid a function call and a correlated look-up of org_closure (or of the parent case),
-- ~0.01–0.14 ms a row — a township's full case list or a search read 150,000 pages for 77,000
-- cases (docs/performance.md, "Case engine"). Here the same rules are written as expressions:
-- the scope settings in scalar sub-queries (InitPlans: evaluated once per statement), the
-- subtree as an uncorrelated IN over org_closure (a hashed SubPlan: built once, one hash probe
-- a row). What each policy lets through is unchanged; only USING clauses change (the WITH
-- CHECK of writes judges one new row at a time and keeps the functions).

CREATE FUNCTION fazhi_scope_all() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('fazhi.scope_all', true), '') = 'on'
$$;

-- The policy text for "org column `col` is inside the caller's scope" (as fazhi_org_visible),
-- and, with `owner`, "or the caller's own row under a self grant" (as fazhi_row_visible).
-- Used only while this migration runs.
CREATE FUNCTION pg_temp.in_scope(col text, owner text DEFAULT NULL) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('((SELECT fazhi_scope_all())
    OR %1$s IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
    OR %1$s = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[]))', col)
  || CASE WHEN owner IS NULL THEN '' ELSE format('
    OR (%2$s IS NOT NULL AND %2$s = (SELECT fazhi_user_id()) AND %1$s = ANY ((SELECT fazhi_uuids(''fazhi.scope_self''))::uuid[]))', col, owner) END
$$;
-- "Org column `col` is an ancestor of an org of the caller's grants" (names shown above
-- one's own org; a village's view of its township's committee, rounds …).
CREATE FUNCTION pg_temp.above_scope(col text, with_self boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('%s IN (SELECT c.ancestor_id FROM org_closure c WHERE c.descendant_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org'') || fazhi_uuids(''fazhi.scope_subtree'')%s)::uuid[]))',
                col, CASE WHEN with_self THEN ' || fazhi_uuids(''fazhi.scope_self'')' ELSE '' END)
$$;
-- "The parent row of `parent` whose id is `col` is visible" (under the parent's own policy).
CREATE FUNCTION pg_temp.parent_visible(parent text, col text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('EXISTS (SELECT 1 FROM %1$s p WHERE p.id = %2$s)', parent, col)
$$;

DO $$
BEGIN
  -- Platform.
  EXECUTE format('ALTER POLICY orgs_read ON orgs USING (%s OR %s)', pg_temp.in_scope('orgs.id'), pg_temp.above_scope('orgs.id', true));
  EXECUTE format('ALTER POLICY orgs_update ON orgs USING (%s)', pg_temp.in_scope('orgs.id'));
  EXECUTE format('ALTER POLICY users_rw ON users USING (%s)', pg_temp.in_scope('users.org_id', 'users.id'));
  EXECUTE format('ALTER POLICY user_grants_rw ON user_grants USING (%s OR user_grants.user_id = (SELECT fazhi_user_id()))', pg_temp.in_scope('user_grants.org_id'));
  EXECUTE format('ALTER POLICY sign_in_events_read ON sign_in_events USING (CASE WHEN sign_in_events.org_id IS NULL THEN (SELECT fazhi_scope_all()) ELSE %s END)', pg_temp.in_scope('sign_in_events.org_id'));
  EXECUTE format('ALTER POLICY audit_log_read ON audit_log USING (CASE WHEN audit_log.org_id IS NULL THEN (SELECT fazhi_scope_all()) ELSE %s END)', pg_temp.in_scope('audit_log.org_id'));
  -- Cases and the tables that hang off a case.
  EXECUTE format('ALTER POLICY cases_rw ON cases USING (%s)', pg_temp.in_scope('cases.org_id', 'cases.created_by'));
  EXECUTE format('ALTER POLICY case_assignees_rw ON case_assignees USING (%s)', pg_temp.parent_visible('cases', 'case_assignees.case_id'));
  EXECUTE format('ALTER POLICY case_parties_rw ON case_parties USING (%s)', pg_temp.parent_visible('cases', 'case_parties.case_id'));
  EXECUTE format('ALTER POLICY case_events_rw ON case_events USING (%s)', pg_temp.parent_visible('cases', 'case_events.case_id'));
  EXECUTE format('ALTER POLICY case_deadlines_rw ON case_deadlines USING (%s)', pg_temp.parent_visible('cases', 'case_deadlines.case_id'));
  EXECUTE format('ALTER POLICY case_links_rw ON case_links USING (%s AND %s)',
                 pg_temp.parent_visible('cases', 'case_links.case_id'), pg_temp.parent_visible('cases', 'case_links.other_case_id'));
  EXECUTE format('ALTER POLICY case_ratings_rw ON case_ratings USING (%s)', pg_temp.parent_visible('cases', 'case_ratings.case_id'));
  EXECUTE format('ALTER POLICY case_attachments_rw ON case_attachments USING (%s)', pg_temp.parent_visible('cases', 'case_attachments.case_id'));
  -- People's mediation.
  EXECUTE format('ALTER POLICY mediation_committees_read ON mediation_committees USING (%s OR %s)',
                 pg_temp.in_scope('mediation_committees.org_id'), pg_temp.above_scope('mediation_committees.org_id', false));
  EXECUTE format('ALTER POLICY mediation_committees_update ON mediation_committees USING (%s)', pg_temp.in_scope('mediation_committees.org_id'));
  EXECUTE format('ALTER POLICY mediators_read ON mediators USING (%s OR %s)', pg_temp.in_scope('mediators.org_id'), pg_temp.above_scope('mediators.org_id', false));
  EXECUTE format('ALTER POLICY mediators_update ON mediators USING (%s)', pg_temp.in_scope('mediators.org_id'));
  EXECUTE format('ALTER POLICY mcm_rw ON mediation_case_mediators USING (%s)', pg_temp.parent_visible('cases', 'mediation_case_mediators.case_id'));
  EXECUTE format('ALTER POLICY mediation_sessions_rw ON mediation_sessions USING (%s)', pg_temp.parent_visible('cases', 'mediation_sessions.case_id'));
  EXECUTE format('ALTER POLICY ledger_imports_rw ON ledger_imports USING (%s)', pg_temp.in_scope('ledger_imports.org_id', 'ledger_imports.created_by'));
  EXECUTE format('ALTER POLICY ledger_import_rows_rw ON ledger_import_rows USING (%s)', pg_temp.parent_visible('ledger_imports', 'ledger_import_rows.import_id'));
  EXECUTE format('ALTER POLICY screening_rounds_read ON screening_rounds USING (%s OR %s)',
                 pg_temp.in_scope('screening_rounds.township_id'), pg_temp.above_scope('screening_rounds.township_id', false));
  EXECUTE format('ALTER POLICY screening_returns_rw ON screening_returns USING (%s)', pg_temp.in_scope('screening_returns.org_id'));
END $$;

-- Full-text search under row-level security cannot use the GIN indexes: `@@` and ILIKE are not
-- leakproof, so the planner must not evaluate them before the policy, and filters every row of
-- the scope instead. This function finds the candidates with the indexes: it runs as the owner
-- (row-level security does not apply inside), restricts itself to the caller's scope read
-- from the same settings (the orgs of subtree and org grants; own rows under self grants), and
-- returns at most `cap` ids, the newest first. It returns ids only; the caller's statement
-- reads the rows under row-level security as always, so it can never show more than the
-- policy allows. The title substring joins the match from 3 characters on (pg_trgm has no
-- trigram for a shorter pattern and would read its whole index).
CREATE FUNCTION fazhi_case_search(types text[], q tsquery, pattern text, cap integer) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  matches text := CASE WHEN char_length(pattern) >= 5 THEN '(search_tsv @@ $2 OR title ILIKE $3)' ELSE 'search_tsv @@ $2' END;
  orgs uuid[];
  townships uuid[];
  own uuid[] := fazhi_uuids('fazhi.scope_self');
  one text := '';
BEGIN
  IF fazhi_scope_all() THEN
    RETURN QUERY EXECUTE format('SELECT id FROM cases WHERE case_type = ANY ($1) AND %s ORDER BY created_at DESC LIMIT $4', matches)
      USING types, q, pattern, cap;
    RETURN;
  END IF;
  orgs := ARRAY(SELECT descendant_id FROM org_closure WHERE ancestor_id = ANY (fazhi_uuids('fazhi.scope_subtree'))
                UNION SELECT unnest(fazhi_uuids('fazhi.scope_org')));
  townships := ARRAY(SELECT DISTINCT CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END FROM orgs o WHERE o.id = ANY (orgs || own));
  -- One township and one type (the usual case): equalities, so that the planner may walk the
  -- township's newest cases by index and stop at `cap` matches when the words are common,
  -- or intersect the GIN index with the orgs when they are rare. Executed with its values
  -- (EXECUTE plans each call afresh), so it weighs how common the words are.
  IF cardinality(townships) = 1 AND cardinality(types) = 1 THEN
    one := ' AND township_id = $8 AND case_type = $9';
  END IF;
  IF cardinality(own) = 0 THEN
    RETURN QUERY EXECUTE format('SELECT id FROM cases WHERE case_type = ANY ($1) AND %s AND org_id = ANY ($5)%s ORDER BY created_at DESC LIMIT $4', matches, one)
      USING types, q, pattern, cap, orgs, NULL::uuid, NULL::uuid[], townships[1], types[1];
  ELSE
    RETURN QUERY EXECUTE format('SELECT id FROM cases WHERE case_type = ANY ($1) AND %s
        AND (org_id = ANY ($5) OR (created_by = $6 AND org_id = ANY ($7)))%s ORDER BY created_at DESC LIMIT $4', matches, one)
      USING types, q, pattern, cap, orgs, fazhi_user_id(), own, townships[1], types[1];
  END IF;
END $f$;
REVOKE ALL ON FUNCTION fazhi_case_search(text[], tsquery, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fazhi_case_search(text[], tsquery, text, integer) TO fazhi_app;
