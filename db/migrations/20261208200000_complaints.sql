-- Complaints about the township's own work (投诉件, 12345 work orders).
--
-- 1. A clock a township may set by category (DeadlineDef.configurable.byCategory: a
--    complaint's reply period by matter): a length is kept per township, type, clock and
--    category, '' standing for every category (the rows written so far).
ALTER TABLE case_clock_lengths ADD COLUMN category text NOT NULL DEFAULT '';
ALTER TABLE case_clock_lengths DROP CONSTRAINT case_clock_lengths_pkey;
ALTER TABLE case_clock_lengths ADD PRIMARY KEY (township_id, case_type, clock_key, category);

-- 2. A 12345 work order becomes one complaint of its township: the same work-order number
--    entered twice, or imported from the same file twice, is refused by the database as well
--    as by the import's own check.
CREATE UNIQUE INDEX cases_complaint_work_order ON cases (township_id, (data ->> 'workOrderNo'))
  WHERE case_type = 'complaint' AND data ? 'workOrderNo';
