import type { Client } from '../../platform/db/pools.ts';
import type { BBox, BoundaryGeometry } from './geometry.ts';

export type BoundaryKind = 'township' | 'village' | 'grid';
export type BoundaryRow = {
  org_id: string; parent_id: string | null; name: string; code: string; kind: BoundaryKind; geometry: BoundaryGeometry;
  min_lng: number; min_lat: number; max_lng: number; max_lat: number;
};

/**
 * Plain SQL on geo_boundaries (decisions/0009). Every statement runs on the caller's
 * connection: in a request that is the scoped one, so row-level security decides which
 * boundaries exist for the caller.
 */

/** The township an org belongs to (its own id for a township), as the caller sees the org; null if invisible. */
export const orgForMap = async (c: Client, orgId: string): Promise<{ id: string; kind: string; township_id: string | null; name: string } | null> =>
  (await c.query<{ id: string; kind: string; township_id: string | null; name: string }>('SELECT id, kind, township_id, name FROM orgs WHERE id = $1', [orgId])).rows[0] ?? null;

/** Every boundary of a township the caller may see, the township's first, then villages and grids in the tree's order. */
export const boundariesOfTownship = async (c: Client, townshipId: string): Promise<BoundaryRow[]> =>
  (await c.query<BoundaryRow>(
    `SELECT b.org_id, o.parent_id, o.name, o.code, b.kind, b.geometry, b.min_lng, b.min_lat, b.max_lng, b.max_lat
       FROM geo_boundaries b JOIN orgs o ON o.id = b.org_id
       LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE b.township_id = $1
      ORDER BY CASE b.kind WHEN 'township' THEN 0 WHEN 'village' THEN 1 ELSE 2 END,
               CASE WHEN b.kind = 'grid' THEN p.sort_order ELSE o.sort_order END, o.sort_order, o.code`, [townshipId])).rows;

/** Boundaries whose bounding box holds the point: the few candidates for the exact test. */
export const boundariesAround = async (c: Client, lng: number, lat: number, townshipId: string | null): Promise<BoundaryRow[]> =>
  (await c.query<BoundaryRow>(
    `SELECT b.org_id, o.parent_id, o.name, o.code, b.kind, b.geometry, b.min_lng, b.min_lat, b.max_lng, b.max_lat
       FROM geo_boundaries b JOIN orgs o ON o.id = b.org_id
      WHERE b.min_lng <= $1 AND b.max_lng >= $1 AND b.min_lat <= $2 AND b.max_lat >= $2 AND ($3::uuid IS NULL OR b.township_id = $3)
      ORDER BY o.code`, [lng, lat, townshipId])).rows;

export type BoundarySummary = { positions: number; min_lng: number; min_lat: number; max_lng: number; max_lat: number; geometry: BoundaryGeometry };
export const boundaryOf = async (c: Client, orgId: string): Promise<BoundarySummary | null> =>
  (await c.query<BoundarySummary>('SELECT positions, min_lng, min_lat, max_lng, max_lat, geometry FROM geo_boundaries WHERE org_id = $1', [orgId])).rows[0] ?? null;

export const upsertBoundary = async (c: Client, b: {
  orgId: string; townshipId: string; kind: BoundaryKind; geometry: BoundaryGeometry; bbox: BBox; positions: number; userId: string | null;
}): Promise<void> => {
  await c.query(
    `INSERT INTO geo_boundaries (org_id, township_id, kind, geometry, min_lng, min_lat, max_lng, max_lat, positions, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (org_id, township_id) DO UPDATE SET geometry = EXCLUDED.geometry, kind = EXCLUDED.kind, min_lng = EXCLUDED.min_lng, min_lat = EXCLUDED.min_lat,
       max_lng = EXCLUDED.max_lng, max_lat = EXCLUDED.max_lat, positions = EXCLUDED.positions, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [b.orgId, b.townshipId, b.kind, JSON.stringify(b.geometry), b.bbox.minLng, b.bbox.minLat, b.bbox.maxLng, b.bbox.maxLat, b.positions, b.userId]);
};
