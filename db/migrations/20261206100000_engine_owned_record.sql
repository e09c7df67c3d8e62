-- The case engine's own record of a case, kept apart from what a request may send, so that
-- statistics count only what the engine wrote (issue 9, "Figures can be made up"):
--   data         the module's intake data, checked against the case type's schema at creation
--   steps        each transition taken, under its key, with the fields it carried (engine only)
--   facts        what a module keeps on the case by its own code or triggers (a mediation
--                case's lead committee, a ledger import's note); never from a request
--   last_step_on the day of the latest step: the next step may not be dated before it
--   ended_on     the day the case ended, as the step that ended it was dated; `closed_at`
--                stays the moment that step was entered
ALTER TABLE cases
  ADD COLUMN steps jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(steps) = 'object'),
  ADD COLUMN facts jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(facts) = 'object'),
  ADD COLUMN last_step_on date,
  ADD COLUMN ended_on date;

-- A text that is a real calendar day, else null (PostgreSQL 15 has no pg_input_is_valid).
CREATE FUNCTION fazhi_try_date(t text) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF t IS NULL OR t !~ '^\d{4}-\d{2}-\d{2}$' THEN RETURN NULL; END IF;
  RETURN t::date;
EXCEPTION WHEN others THEN RETURN NULL;
END $$;

-- Steps: only the keys of transitions the timeline shows were taken; facts: the keys the
-- server itself wrote into data until now. Whatever else a request put into data stays there,
-- where no statistic reads it.
UPDATE cases k SET
  steps = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(k.data) e
                     WHERE jsonb_typeof(e.value) = 'object'
                       AND EXISTS (SELECT 1 FROM case_events v WHERE v.case_id = k.id AND v.kind = 'transition' AND v.transition = e.key)), '{}'),
  facts = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(k.data) e
                     WHERE (e.key = 'leadCommittee' AND e.value #>> '{}' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                            AND EXISTS (SELECT 1 FROM mediation_committees mc WHERE mc.id::text = e.value #>> '{}'))
                        OR (e.key = 'ledger' AND jsonb_typeof(e.value) = 'object')), '{}'),
  last_step_on = greatest(k.received_on, (SELECT max(fazhi_try_date(v.payload ->> 'on')) FROM case_events v WHERE v.case_id = k.id AND v.kind = 'transition')),
  ended_on = CASE WHEN k.status_kind = 'open' THEN NULL
                  ELSE coalesce((SELECT fazhi_try_date(v.payload ->> 'on') FROM case_events v
                                  WHERE v.case_id = k.id AND v.kind = 'transition' AND v.to_status = k.status ORDER BY v.id DESC LIMIT 1),
                                (k.closed_at AT TIME ZONE 'Asia/Shanghai')::date) END;
UPDATE cases SET data = data - ARRAY(SELECT jsonb_object_keys(steps || facts)) WHERE steps <> '{}' OR facts <> '{}';
-- Intake data wrongly keyed as steps or committees by a request (never written by the engine).
UPDATE cases SET data = data - ARRAY['leadCommittee', 'ledger'] WHERE data ?| ARRAY['leadCommittee', 'ledger'];
ALTER TABLE cases ADD CONSTRAINT cases_data_object CHECK (jsonb_typeof(data) = 'object');
-- A row written by other means than the engine (a repair by hand, a benchmark's loader) still
-- gets its days: the last step is the receipt, and a case written closed ended that day.
CREATE FUNCTION fazhi_case_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_step_on := coalesce(NEW.last_step_on, NEW.received_on);
  IF NEW.status_kind <> 'open' THEN NEW.ended_on := coalesce(NEW.ended_on, NEW.last_step_on); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cases_days BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION fazhi_case_days();
ALTER TABLE cases ALTER COLUMN last_step_on SET NOT NULL;

-- The lead committee is a fact the mediation module keeps; it moves from data to facts.
CREATE OR REPLACE FUNCTION fazhi_sync_lead_committee(ids uuid[]) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE cases k
     SET facts = CASE WHEN l.committee_id IS NULL THEN k.facts - 'leadCommittee'
                      ELSE jsonb_set(k.facts, '{leadCommittee}', to_jsonb(l.committee_id::text)) END
    FROM (SELECT c.id, (SELECT m.committee_id FROM mediation_case_mediators x JOIN mediators m ON m.id = x.mediator_id
                         WHERE x.case_id = c.id AND x.lead ORDER BY m.committee_id LIMIT 1) AS committee_id
            FROM unnest(ids) AS c(id)) l
   WHERE k.id = l.id
     AND (k.facts ->> 'leadCommittee') IS DISTINCT FROM l.committee_id::text
$$;
