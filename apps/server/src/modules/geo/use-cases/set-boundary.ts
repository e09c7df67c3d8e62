import type { BoundarySaved } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { sm3 } from '../../../platform/crypto/sm.ts';
import { checkGeometry, type BoundaryGeometry } from '../geometry.ts';
import { boundaryOf, orgForMap, upsertBoundary, type BoundaryKind } from '../geo.repository.ts';

const MAPPED: readonly string[] = ['township', 'village', 'grid'];
/** How far (degrees, about 1 km) a village's or grid's box may stand beyond its township's: a hand-drawn edge is not exact. */
const SLACK = 0.01;

/** What the audit trail keeps of a boundary: its size, box and SM3, not the coordinates themselves. */
const summary = (g: BoundaryGeometry, positions: number, bbox: number[]) => ({ type: g.type, positions, bbox, sm3: sm3(JSON.stringify(g)).toString('hex') });

/**
 * Sets an org's boundary (PUT /api/geo/boundaries/:orgId): org.manage at the org, a township,
 * village or grid; the geometry checked (geometry.ts); a village's or grid's boundary must lie
 * within its township's outline when the township has one (a swapped latitude and longitude
 * is the usual mistake). Audited with the old and new summaries; nothing changes on any error.
 */
export const setBoundary = async (tx: Tx, orgId: string, input: unknown): Promise<BoundarySaved> => {
  const org = await orgForMap(tx.client, orgId);
  if (!org) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'org.manage', orgId);
  if (!MAPPED.includes(org.kind)) throw new AppError('GEO_KIND_NOT_MAPPED');
  const townshipId = org.kind === 'township' ? org.id : org.township_id;
  if (!townshipId) throw new AppError('GEO_KIND_NOT_MAPPED');
  const { geometry, bbox, positions } = checkGeometry(input);
  if (org.kind !== 'township') {
    const outline = await boundaryOf(tx.client, townshipId);
    if (outline && (bbox.minLng < outline.min_lng - SLACK || bbox.maxLng > outline.max_lng + SLACK || bbox.minLat < outline.min_lat - SLACK || bbox.maxLat > outline.max_lat + SLACK)) {
      throw new AppError('GEO_OUTSIDE_TOWNSHIP');
    }
  }
  const before = await boundaryOf(tx.client, orgId);
  await upsertBoundary(tx.client, { orgId, townshipId, kind: org.kind as BoundaryKind, geometry, bbox, positions, userId: tx.principal.userId });
  const box = [bbox.minLng, bbox.minLat, bbox.maxLng, bbox.maxLat];
  await tx.audit({
    orgId, townshipId, action: 'geo.boundary.set', entity: 'org', entityId: orgId,
    before: before ? summary(before.geometry, before.positions, [before.min_lng, before.min_lat, before.max_lng, before.max_lat]) : null,
    after: summary(geometry, positions, box),
  });
  return { orgId, kind: org.kind as BoundaryKind, positions, bbox: box };
};
