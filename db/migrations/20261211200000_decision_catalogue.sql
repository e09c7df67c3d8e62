-- The decision catalogue (决策事项目录) of a township for a year: 重大行政决策程序暂行条例 第三条第三款
-- — the deciding body sets the catalogue of its decision matters, publishes it after the party
-- committee at its level agrees, and adjusts it as things change. A catalogue is drafted, agreed
-- by the party committee (the day and, optionally, the meeting record: a `meeting` case of the
-- governance module, kind 镇党委会议), then published; after publication an item is added or
-- withdrawn only as a dated amendment with its reason. Rows belong to the township (org_id is
-- the township) under the same scope test as every org table.
CREATE TABLE decision_catalogues (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id        uuid NOT NULL REFERENCES orgs(id),
  org_id             uuid NOT NULL REFERENCES orgs(id),
  year               int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed', 'published')),
  agreed_on          date,
  agreed_meeting_id  uuid REFERENCES cases(id),
  published_on       date,
  channels           text CHECK (length(btrim(channels)) BETWEEN 1 AND 500),
  created_by         uuid REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (township_id, year),
  CHECK ((status = 'draft') = (agreed_on IS NULL)),
  CHECK ((status = 'published') = (published_on IS NOT NULL)),
  CHECK (published_on IS NULL OR published_on >= agreed_on)
);

CREATE TABLE decision_catalogue_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  catalogue_id     uuid NOT NULL REFERENCES decision_catalogues(id) ON DELETE CASCADE,
  township_id      uuid NOT NULL REFERENCES orgs(id),
  org_id           uuid NOT NULL REFERENCES orgs(id),
  seq              int NOT NULL CHECK (seq > 0),
  title            text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  category         text NOT NULL CHECK (length(btrim(category)) BETWEEN 1 AND 40),
  lead_unit        text NOT NULL CHECK (length(btrim(lead_unit)) BETWEEN 1 AND 100),
  quarter          int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  hearing_planned  boolean NOT NULL DEFAULT false,
  body             text NOT NULL CHECK (body IN ('镇党委会议', '镇政府常务会议', '党政联席会议', '镇政府全体会议')),
  -- An amendment after publication: an item added (with the day and the reason) or withdrawn.
  added_on         date,
  added_reason     text CHECK (length(btrim(added_reason)) BETWEEN 1 AND 1000),
  withdrawn_on     date,
  withdrawn_reason text CHECK (length(btrim(withdrawn_reason)) BETWEEN 1 AND 1000),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (catalogue_id, seq),
  CHECK ((added_on IS NULL) = (added_reason IS NULL)),
  CHECK ((withdrawn_on IS NULL) = (withdrawn_reason IS NULL))
);
CREATE INDEX decision_catalogue_items_catalogue ON decision_catalogue_items (catalogue_id, seq);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['decision_catalogues', 'decision_catalogue_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (fazhi_org_visible(org_id)) WITH CHECK (fazhi_org_visible(org_id))', t || '_rw', t);
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO fazhi_app', t);
  END LOOP;
END $$;
