-- Public safety (平安建设, modules/safety): the focus-group registers (重点人群, GB/T 31000-2015)
-- and the camera registry (雪亮工程; 公共安全视频图像信息系统管理条例, 2025).
--
-- safety_persons: a person on a register of one kind, belonging to a village or a grid. Name,
--   ID number, phone and address are personal data: sealed (SM4 + HMAC-SM3, as a case party's),
--   the ID number also as a keyed blind index for the duplicate check; never stored in the clear.
-- safety_visits: each visit (走访): the day, who, what was found, the risk level found and the
--   follow-up due date set then.
-- safety_cameras: a camera with its GB/T 28181 code, place (WGS-84), owner unit, installation
--   and 备案 (条例 第十四条), retention (第十七条) and sign (第十三条).
-- safety_camera_views: every view or export of a camera's images with its reason, who and when
--   (条例 第十六条第二款第三项: 信息调用登记).
--
-- Row-level security: each row's org inside the caller's scope (the set test of
-- 20261126160000_scope_as_sets.sql); the module narrows further to the orgs where the caller
-- holds the register's or the cameras' permission.

CREATE TABLE safety_persons (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id     uuid NOT NULL REFERENCES orgs(id),
  org_id          uuid NOT NULL REFERENCES orgs(id),
  ref             text NOT NULL,
  kind            text NOT NULL CHECK (kind ~ '^[a-z_]{2,40}$'),
  name_enc        bytea NOT NULL,
  id_number_enc   bytea NOT NULL,
  id_number_bidx  bytea NOT NULL,
  phone_enc       bytea,
  address_enc     bytea,
  risk_level      text NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high')),
  follow_up_due   date,
  registered_on   date NOT NULL,
  -- The latest visit's day, kept by the visit's write (the lists compute the next visit due from it).
  last_visit_on   date,
  closed_on       date,
  note            text CHECK (length(note) <= 1000),
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (township_id, ref),
  UNIQUE (township_id, kind, id_number_bidx)
);
CREATE INDEX safety_persons_org ON safety_persons (org_id, kind);

CREATE TABLE safety_visits (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES safety_persons(id) ON DELETE CASCADE,
  township_id   uuid NOT NULL REFERENCES orgs(id),
  org_id        uuid NOT NULL REFERENCES orgs(id),
  visited_on    date NOT NULL,
  visitor_id    uuid REFERENCES users(id),
  visitor_name  text NOT NULL,
  findings      text NOT NULL CHECK (length(btrim(findings)) BETWEEN 1 AND 2000),
  risk_level    text CHECK (risk_level IN ('low', 'medium', 'high')),
  follow_up_due date,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_visits_person ON safety_visits (person_id, visited_on);

CREATE TABLE safety_cameras (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id      uuid NOT NULL REFERENCES orgs(id),
  org_id           uuid NOT NULL REFERENCES orgs(id),
  device_id        text NOT NULL UNIQUE CHECK (device_id ~ '^[0-9]{20}$'),
  parent_device_id text NOT NULL CHECK (parent_device_id ~ '^[0-9]{20}$'),
  name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng              double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  owner_unit       text NOT NULL CHECK (length(btrim(owner_unit)) BETWEEN 1 AND 100),
  installed_on     date NOT NULL,
  filed_on         date CHECK (filed_on >= installed_on),
  retention_days   int NOT NULL CHECK (retention_days >= 30),
  sign_posted      boolean NOT NULL,
  sign_posted_on   date,
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_cameras_org ON safety_cameras (org_id);

CREATE TABLE safety_camera_views (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  camera_id   uuid NOT NULL REFERENCES safety_cameras(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  org_id      uuid NOT NULL REFERENCES orgs(id),
  user_id     uuid NOT NULL REFERENCES users(id),
  purpose     text NOT NULL CHECK (purpose IN ('live', 'export')),
  reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 4 AND 500),
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_camera_views_camera ON safety_camera_views (camera_id, at);

DO $$
DECLARE
  t text;
  visible text;
BEGIN
  FOREACH t IN ARRAY ARRAY['safety_persons', 'safety_visits', 'safety_cameras', 'safety_camera_views'] LOOP
    visible := format('((SELECT fazhi_scope_all())
      OR %1$s.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_subtree''))::uuid[]))
      OR %1$s.org_id = ANY ((SELECT fazhi_uuids(''fazhi.scope_org''))::uuid[]))', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (%s) WITH CHECK (%s)', t || '_rw', t, visible, 'fazhi_org_visible(' || t || '.org_id)');
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_owner', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON safety_persons TO fazhi_app;
GRANT SELECT, INSERT ON safety_visits TO fazhi_app;
GRANT SELECT, INSERT, UPDATE ON safety_cameras TO fazhi_app;
GRANT SELECT, INSERT ON safety_camera_views TO fazhi_app;

-- A person's register number (ZD000001 …): from a sequence, so that two clerks who see
-- different villages never draw the same number.
CREATE SEQUENCE safety_person_ref_seq;
GRANT USAGE ON SEQUENCE safety_person_ref_seq TO fazhi_app;

-- The module's figures read these tables (safety.metrics.ts): their writes move the township's
-- figure counter (20261209300000_metric_cache.sql).
SELECT fazhi_metric_source('safety_persons');
SELECT fazhi_metric_source('safety_visits');
SELECT fazhi_metric_source('safety_cameras');
