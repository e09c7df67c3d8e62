-- A mediation case's committee, for the statistics' breakdown by committee and the ledger:
-- its lead mediator's committee, kept on the case (`data.leadCommittee`, the committee's id)
-- by statement triggers on mediation_case_mediators, so that a year's statistics read it with
-- the case row instead of looking up the lead mediator of each case (68,639 index probes,
-- ~400 ms of a county-year over 1,000,000 cases; docs/performance.md, "Case engine").

CREATE FUNCTION fazhi_sync_lead_committee(ids uuid[]) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE cases k
     SET data = CASE WHEN l.committee_id IS NULL THEN k.data - 'leadCommittee'
                     ELSE jsonb_set(k.data, '{leadCommittee}', to_jsonb(l.committee_id::text)) END
    FROM (SELECT c.id, (SELECT m.committee_id FROM mediation_case_mediators x JOIN mediators m ON m.id = x.mediator_id
                         WHERE x.case_id = c.id AND x.lead ORDER BY m.committee_id LIMIT 1) AS committee_id
            FROM unnest(ids) AS c(id)) l
   WHERE k.id = l.id
     AND (k.data ->> 'leadCommittee') IS DISTINCT FROM l.committee_id::text
$$;

CREATE FUNCTION fazhi_mcm_inserted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM fazhi_sync_lead_committee(ARRAY(SELECT DISTINCT case_id FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION fazhi_mcm_deleted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM fazhi_sync_lead_committee(ARRAY(SELECT DISTINCT case_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION fazhi_mcm_updated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM fazhi_sync_lead_committee(ARRAY(SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER mcm_lead_inserted AFTER INSERT ON mediation_case_mediators REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fazhi_mcm_inserted();
CREATE TRIGGER mcm_lead_deleted AFTER DELETE ON mediation_case_mediators REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fazhi_mcm_deleted();
CREATE TRIGGER mcm_lead_updated AFTER UPDATE ON mediation_case_mediators REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fazhi_mcm_updated();

SELECT fazhi_sync_lead_committee(ARRAY(SELECT DISTINCT case_id FROM mediation_case_mediators));
