-- A township's own length of a clock its case type lets it set (DeadlineDef.configurable),
-- within the declared bounds (checked by the engine, which knows them). A clock that starts
-- takes the length in force that day; clocks already running keep theirs.
CREATE TABLE case_clock_lengths (
  township_id uuid NOT NULL REFERENCES orgs(id),
  case_type   text NOT NULL,
  clock_key   text NOT NULL,
  length      integer NOT NULL CHECK (length BETWEEN 1 AND 3650),
  set_by      uuid REFERENCES users(id),
  set_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (township_id, case_type, clock_key)
);
-- Lengths are rules, not records: anyone may read them; only a township in the writer's scope is written.
ALTER TABLE case_clock_lengths ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_clock_lengths FORCE ROW LEVEL SECURITY;
CREATE POLICY case_clock_lengths_read ON case_clock_lengths FOR SELECT USING (true);
CREATE POLICY case_clock_lengths_write ON case_clock_lengths FOR INSERT WITH CHECK (fazhi_org_visible(township_id));
CREATE POLICY case_clock_lengths_update ON case_clock_lengths FOR UPDATE USING (fazhi_org_visible(township_id)) WITH CHECK (fazhi_org_visible(township_id));
CREATE POLICY case_clock_lengths_delete ON case_clock_lengths FOR DELETE USING (fazhi_org_visible(township_id));
CREATE POLICY case_clock_lengths_owner ON case_clock_lengths TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON case_clock_lengths TO fazhi_app;
