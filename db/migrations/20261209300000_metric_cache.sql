-- The cockpit's figures, precomputed per township and year (docs/cockpit.md).
--
-- metric_versions: one counter per township, bumped once by every transaction that writes a
-- row the registry's figures read (cases and the case tables the metrics join, the org tree).
-- The bump runs in a deferred constraint trigger, at commit, in the same transaction as the
-- change: a snapshot sees both or neither. A cache entry keeps the counter it was computed
-- with, read in the same statement (one snapshot) as its figures; while the counter has not
-- moved, no transaction that could change the figures has committed since.
CREATE TABLE metric_versions (
  township_id uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  version     bigint NOT NULL DEFAULT 0,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON metric_versions TO fazhi_app;

-- One row per township, year and metric: the metric's records counted by (the record's
-- township, the township its org lies in, the village its org lies in, the month it was
-- received), computed by the owner for the township within its county (root_id) on the
-- Beijing day computed_on (a few figures read today's date: a day's entry is stale the next).
CREATE TABLE metric_cache (
  township_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  year        int NOT NULL,
  code        text NOT NULL,
  root_id     uuid NOT NULL,
  version     bigint NOT NULL,
  computed_on date NOT NULL,
  groups      jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (township_id, year, code)
);
ALTER TABLE metric_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE metric_cache FORCE ROW LEVEL SECURITY;
-- Requests only read it, and only for a township they see; the owner (job, refresh) writes it.
CREATE POLICY metric_cache_read ON metric_cache FOR SELECT USING (fazhi_org_visible(township_id));
CREATE POLICY metric_cache_owner ON metric_cache TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT ON metric_cache TO fazhi_app;

-- Bumps a township's counter once per transaction (the transaction-local setting remembers
-- which were bumped; the trigger fires at commit, after every write of the transaction).
CREATE FUNCTION fazhi_metric_bump(t uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  done text := coalesce(current_setting('fazhi.metric_bumped', true), '');
BEGIN
  IF t IS NULL OR position(t::text IN done) > 0 THEN RETURN; END IF;
  INSERT INTO metric_versions AS v (township_id, version) VALUES (t, 1)
    ON CONFLICT (township_id) DO UPDATE SET version = v.version + 1, changed_at = now();
  PERFORM set_config('fazhi.metric_bumped', done || t::text || ',', true);
END $$;

CREATE FUNCTION fazhi_metric_row_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM fazhi_metric_bump(NEW.township_id); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM fazhi_metric_bump(OLD.township_id); END IF;
  RETURN NULL;
END $$;

-- A change of the org tree (a village moved, an org's township) may regroup any township's
-- records: every counter moves, in one order (no two such transactions wait on each other).
CREATE FUNCTION fazhi_metric_tree_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  done text := coalesce(current_setting('fazhi.metric_bumped', true), '');
BEGIN
  IF position('tree' IN done) > 0 THEN RETURN NULL; END IF;
  INSERT INTO metric_versions AS v (township_id, version)
    SELECT id, 1 FROM orgs WHERE kind = 'township' ORDER BY id
    ON CONFLICT (township_id) DO UPDATE SET version = v.version + 1, changed_at = now();
  PERFORM set_config('fazhi.metric_bumped', done || 'tree,', true);
  RETURN NULL;
END $$;

-- A table whose rows a registered figure reads: its writes bump their township's counter.
-- A module whose metric reads a table of its own registers it here in its migration.
CREATE FUNCTION fazhi_metric_source(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %s DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION fazhi_metric_row_changed()', replace(tbl::text, '.', '_') || '_metric_version', tbl);
END $$;

SELECT fazhi_metric_source('cases');
SELECT fazhi_metric_source('case_deadlines');
SELECT fazhi_metric_source('case_ratings');
SELECT fazhi_metric_source('case_parties');

CREATE CONSTRAINT TRIGGER orgs_metric_version AFTER INSERT OR UPDATE OR DELETE ON orgs DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION fazhi_metric_tree_changed();
CREATE CONSTRAINT TRIGGER org_closure_metric_version AFTER INSERT OR UPDATE OR DELETE ON org_closure DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION fazhi_metric_tree_changed();
