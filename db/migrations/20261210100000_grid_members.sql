-- The people of each grid as the township publishes them (网格长, 专职/兼职网格员; issue 15):
-- name, the duties each carries (一员多能: 综治, 安全生产, 环境卫生 …), and a phone: the
-- official line as it is, or a personal mobile sealed (SM4) and shown masked. A member may be
-- a user of the platform (the worker's account) or not. The portal reads the list through
-- the owner connection (public fields only); staff read it within their scope.
CREATE TABLE grid_members (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id    uuid NOT NULL REFERENCES orgs(id),
  org_id         uuid NOT NULL REFERENCES orgs(id),
  user_id        uuid REFERENCES users(id),
  role           text NOT NULL CHECK (role IN ('网格长', '专职网格员', '兼职网格员')),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
  official_phone text CHECK (official_phone ~ '^0[0-9]{2,3}-?[0-9]{7,8}$'),
  phone_enc      bytea,
  duties         text[] NOT NULL DEFAULT '{}',
  sort_order     int NOT NULL DEFAULT 0,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grid_members_org ON grid_members (org_id, sort_order);
CREATE INDEX grid_members_township ON grid_members (township_id);
ALTER TABLE grid_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE grid_members FORCE ROW LEVEL SECURITY;
-- Readable inside the scope, and above it: a grid worker sees his village's 网格长.
CREATE POLICY grid_members_read ON grid_members FOR SELECT USING (
  fazhi_org_visible(org_id) OR EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = grid_members.org_id
    AND c.descendant_id = ANY (fazhi_uuids('fazhi.scope_org') || fazhi_uuids('fazhi.scope_subtree'))));
CREATE POLICY grid_members_write ON grid_members FOR INSERT WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY grid_members_update ON grid_members FOR UPDATE USING (fazhi_org_visible(org_id)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY grid_members_owner ON grid_members TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON grid_members TO fazhi_app;
