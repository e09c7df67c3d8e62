-- The search indexes lead with the township (btree_gin lets a GIN index hold a uuid column),
-- so that a search inside one township finds its matches in the index alone instead of
-- intersecting every township's matches with the township's cases: a word found in 6 % of a
-- million cases, searched by a township's staff, 71 ms → 6 ms (docs/performance.md, "Case
-- engine"). A query without a township condition still uses the text column of each index.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX cases_search;
CREATE INDEX cases_search ON cases USING gin (township_id, search_tsv);
DROP INDEX cases_title_trgm;
CREATE INDEX cases_title_trgm ON cases USING gin (township_id, title gin_trgm_ops);

-- The search function: the township condition whenever the scope is one township.
CREATE OR REPLACE FUNCTION fazhi_case_search(types text[], q tsquery, pattern text, cap integer) RETURNS SETOF uuid
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
  -- One township (the usual case): an equality the search indexes lead with, so the matches
  -- of the township come from the index alone; with one type as well, the planner may also
  -- walk the township's newest cases and stop at `cap` matches when the words are common.
  -- Executed with its values (EXECUTE plans each call afresh), so it weighs how common the
  -- words are.
  IF cardinality(townships) = 1 THEN
    one := ' AND township_id = $8' || CASE WHEN cardinality(types) = 1 THEN ' AND case_type = $9' ELSE '' END;
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
