-- Boundaries (GeoJSON) of the township, its villages and their grids, for the 综治中心's
-- command map and for placing a reported position in its grid (modules/geo, docs/map.md).
--
-- One row per org: its geometry as a GeoJSON Polygon or MultiPolygon in WGS-84 longitude and
-- latitude, checked by the server before it is written (closed rings, ranges, bounded size),
-- and the bounding box kept beside it so "which grid is this point in" only tests the few
-- polygons whose box holds the point. Plain jsonb, no PostGIS (the embedded PostgreSQL has none);
-- the point-in-polygon test is the server's (decisions/0011).

CREATE TABLE geo_boundaries (
  org_id      uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  kind        text NOT NULL CHECK (kind IN ('township', 'village', 'grid')),
  geometry    jsonb NOT NULL CHECK (jsonb_typeof(geometry) = 'object' AND geometry->>'type' IN ('Polygon', 'MultiPolygon')),
  min_lng     double precision NOT NULL CHECK (min_lng BETWEEN -180 AND 180),
  min_lat     double precision NOT NULL CHECK (min_lat BETWEEN -90 AND 90),
  max_lng     double precision NOT NULL CHECK (max_lng BETWEEN -180 AND 180),
  max_lat     double precision NOT NULL CHECK (max_lat BETWEEN -90 AND 90),
  positions   integer NOT NULL CHECK (positions BETWEEN 4 AND 20000),
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (min_lng <= max_lng AND min_lat <= max_lat)
);
CREATE INDEX geo_boundaries_township ON geo_boundaries (township_id, kind);

ALTER TABLE geo_boundaries ENABLE ROW LEVEL SECURITY;
ALTER TABLE geo_boundaries FORCE ROW LEVEL SECURITY;
-- Read: an org inside the caller's scope, and the orgs above it (a village's staff see the
-- township's outline around their village, as orgs_read shows the names above one's own org).
-- Written as sets, like every policy since decision 0007.
CREATE POLICY geo_boundaries_read ON geo_boundaries FOR SELECT USING (
  (SELECT fazhi_scope_all())
  OR geo_boundaries.org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids('fazhi.scope_subtree'))::uuid[]))
  OR geo_boundaries.org_id = ANY ((SELECT fazhi_uuids('fazhi.scope_org'))::uuid[])
  OR geo_boundaries.org_id IN (SELECT c.ancestor_id FROM org_closure c
       WHERE c.descendant_id = ANY ((SELECT fazhi_uuids('fazhi.scope_org') || fazhi_uuids('fazhi.scope_subtree') || fazhi_uuids('fazhi.scope_self'))::uuid[])));
-- Write: only inside the scope (the server checks org.manage at the org besides); a write judges
-- one row, so the functions serve as in every other policy's WITH CHECK.
CREATE POLICY geo_boundaries_insert ON geo_boundaries FOR INSERT WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY geo_boundaries_update ON geo_boundaries FOR UPDATE USING (fazhi_org_visible(org_id)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY geo_boundaries_owner ON geo_boundaries TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON geo_boundaries TO fazhi_app;
