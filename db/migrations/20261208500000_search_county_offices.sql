-- Cases passed beyond the township (platform/cases/transfer.ts) can lie at an office of the
-- county, which has no township of its own: a county clerk whose scope is that office searched
-- with `township_id = NULL` and found nothing. The scope's townships now leave the county's
-- offices out; a scope of county offices only searches by org, as any scope of several
-- townships does. The function is otherwise as 20261126190000_search_with_filters left it.
CREATE OR REPLACE FUNCTION fazhi_case_search(types text[], q tsquery, pattern text, cap integer, f jsonb DEFAULT '{}') RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  matches text := CASE WHEN char_length(pattern) >= 5 THEN '(search_tsv @@ $2 OR title ILIKE $3)' ELSE 'search_tsv @@ $2' END;
  orgs uuid[];
  townships uuid[];
  own uuid[] := fazhi_uuids('fazhi.scope_self');
  one text := '';
  status text := f ->> 'status';
  status_kind text := f ->> 'statusKind';
  received_from date := (f ->> 'from')::date;
  received_to date := (f ->> 'to')::date;
  under uuid := (f ->> 'orgId')::uuid;
  assignee uuid := (f ->> 'assignee')::uuid;
  due_from date := (f ->> 'dueFrom')::date;
  due_to date := (f ->> 'dueTo')::date;
  filters text := '';
BEGIN
  IF status IS NOT NULL THEN filters := filters || ' AND status = $10'; END IF;
  IF status_kind IS NOT NULL THEN filters := filters || ' AND status_kind = $11'; END IF;
  IF received_from IS NOT NULL THEN filters := filters || ' AND received_on >= $12'; END IF;
  IF received_to IS NOT NULL THEN filters := filters || ' AND received_on <= $13'; END IF;
  IF under IS NOT NULL THEN filters := filters || ' AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $14)'; END IF;
  IF assignee IS NOT NULL THEN filters := filters || ' AND EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = cases.id AND a.user_id = $15)'; END IF;
  IF due_from IS NOT NULL OR due_to IS NOT NULL THEN
    filters := filters || ' AND EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = cases.id AND d.status = ''running''
      AND ($16::date IS NULL OR d.due_date >= $16) AND ($17::date IS NULL OR d.due_date <= $17))';
  END IF;
  IF fazhi_scope_all() THEN
    RETURN QUERY EXECUTE format('SELECT id FROM cases WHERE case_type = ANY ($1) AND %s%s ORDER BY created_at DESC LIMIT $4', matches, filters)
      USING types, q, pattern, cap, NULL::uuid[], NULL::uuid, NULL::uuid[], NULL::uuid, NULL::text,
            status, status_kind, received_from, received_to, under, assignee, due_from, due_to;
    RETURN;
  END IF;
  orgs := ARRAY(SELECT descendant_id FROM org_closure WHERE ancestor_id = ANY (fazhi_uuids('fazhi.scope_subtree'))
                UNION SELECT unnest(fazhi_uuids('fazhi.scope_org')));
  -- A county office has no township: it adds none (a case passed up to it keeps its own).
  townships := ARRAY(SELECT DISTINCT t FROM (SELECT CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END AS t FROM orgs o WHERE o.id = ANY (orgs || own)) x
                      WHERE t IS NOT NULL);
  -- One township (the usual case): an equality the search indexes lead with (migration
  -- 20261126170000_search_by_township); executed with its values, planned afresh each call.
  IF cardinality(townships) = 1 THEN
    one := ' AND township_id = $8' || CASE WHEN cardinality(types) = 1 THEN ' AND case_type = $9' ELSE '' END;
  END IF;
  IF cardinality(own) = 0 THEN
    RETURN QUERY EXECUTE format('SELECT id FROM cases WHERE case_type = ANY ($1) AND %s AND org_id = ANY ($5)%s%s ORDER BY created_at DESC LIMIT $4', matches, one, filters)
      USING types, q, pattern, cap, orgs, NULL::uuid, NULL::uuid[], townships[1], types[1],
            status, status_kind, received_from, received_to, under, assignee, due_from, due_to;
  ELSE
    RETURN QUERY EXECUTE format('SELECT id FROM cases WHERE case_type = ANY ($1) AND %s
        AND (org_id = ANY ($5) OR (created_by = $6 AND org_id = ANY ($7)))%s%s ORDER BY created_at DESC LIMIT $4', matches, one, filters)
      USING types, q, pattern, cap, orgs, fazhi_user_id(), own, townships[1], types[1],
            status, status_kind, received_from, received_to, under, assignee, due_from, due_to;
  END IF;
END $f$;
