import type { LocateResult } from '@fazhi/contracts';
import type { Client } from '../../../platform/db/pools.ts';
import { containsPoint } from '../geometry.ts';
import { boundariesAround } from '../geo.repository.ts';

/**
 * Which grid, village and township a position (WGS-84) is in, among the boundaries the
 * connection may see: on a request's scoped connection, those in the caller's scope; on the
 * owner connection (a citizen's report through the portal), all of them, or one township's
 * with `townshipId`. The database narrows to the boundaries whose box holds the point; the
 * exact test is containsPoint. A position outside every grid but inside a village gives the
 * village without a grid.
 *
 * Exported for other modules (the grid-event reporter places a report with it). A position
 * from a Chinese map app is usually GCJ-02 and must be converted to WGS-84 first.
 */
export const locatePoint = async (client: Client, lat: number, lng: number, townshipId: string | null = null): Promise<LocateResult> => {
  const hits = (await boundariesAround(client, lng, lat, townshipId)).filter((b) => containsPoint(b.geometry, lng, lat));
  const pick = (kind: string) => {
    const b = hits.find((x) => x.kind === kind);
    return b ? { id: b.org_id, name: b.name } : null;
  };
  const grid = pick('grid');
  const gridRow = hits.find((x) => x.kind === 'grid');
  // A grid's village is its parent, even where the village's own outline was drawn a little differently.
  let villagePlace = pick('village');
  if (gridRow?.parent_id && villagePlace?.id !== gridRow.parent_id) {
    const parent = (await client.query<{ id: string; name: string }>('SELECT id, name FROM orgs WHERE id = $1', [gridRow.parent_id])).rows[0];
    villagePlace = parent ?? villagePlace;
  }
  const township = pick('township');
  return { found: grid !== null || villagePlace !== null, township, village: villagePlace, grid };
};
