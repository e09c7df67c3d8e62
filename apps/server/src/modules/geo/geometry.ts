import { AppError } from '../../platform/errors.ts';

/**
 * Boundaries as GeoJSON (RFC 7946) geometries in WGS-84: longitude first, then latitude.
 * A boundary is a Polygon (an outer ring and its holes) or a MultiPolygon; every ring is
 * closed (its last position repeats its first) with at least four positions. No PostGIS:
 * the checks and the point-in-polygon test are plain TypeScript (docs/decisions/0011).
 */
export type Position = [number, number];
export type Ring = Position[];
export type Polygon = { type: 'Polygon'; coordinates: Ring[] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Ring[][] };
export type BoundaryGeometry = Polygon | MultiPolygon;
export type BBox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** At most this many positions in one boundary (a village outline drawn by hand has a few hundred). */
export const MAX_POSITIONS = 20000;
/** At most this many polygons in a MultiPolygon, and rings (outer plus holes) in a polygon. */
export const MAX_POLYGONS = 100;
export const MAX_RINGS = 50;

const invalid = (reason: string, where?: string): AppError => new AppError('GEO_GEOMETRY_INVALID', { reason, ...(where ? { where } : {}) });

/** The polygons of a geometry, each as its rings (the first the outer ring). */
export const polygonsOf = (g: BoundaryGeometry): Ring[][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Twice the signed area of a ring in degrees² (shoelace): zero for a ring that encloses nothing. */
const ringArea2 = (ring: Ring): number => {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    s += x1 * y2 - x2 * y1;
  }
  return s;
};

/**
 * Checks what a client sent as a boundary and returns it in the stored form (positions
 * reduced to longitude and latitude; an altitude, which RFC 7946 allows, is dropped), with its
 * bounding box and its number of positions. Anything else is GEO_GEOMETRY_INVALID with the
 * reason and where it was found (`polygon 2, ring 1, position 7`).
 */
export const checkGeometry = (input: unknown): { geometry: BoundaryGeometry; bbox: BBox; positions: number } => {
  if (typeof input !== 'object' || input === null) throw invalid('not an object');
  const { type, coordinates } = input as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') throw invalid('type must be Polygon or MultiPolygon');
  if (!Array.isArray(coordinates)) throw invalid('coordinates must be an array');
  const raw: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  if (raw.length === 0) throw invalid('no polygon');
  if (raw.length > MAX_POLYGONS) throw invalid(`more than ${MAX_POLYGONS} polygons`);
  const bbox: BBox = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  let positions = 0;
  const polygons: Ring[][] = raw.map((poly, p) => {
    if (!Array.isArray(poly) || poly.length === 0) throw invalid('a polygon must have an outer ring', `polygon ${p + 1}`);
    if (poly.length > MAX_RINGS) throw invalid(`more than ${MAX_RINGS} rings`, `polygon ${p + 1}`);
    return poly.map((ring: unknown, r) => {
      const where = `polygon ${p + 1}, ring ${r + 1}`;
      if (!Array.isArray(ring)) throw invalid('a ring must be an array of positions', where);
      if (ring.length < 4) throw invalid('a ring needs at least 4 positions', where);
      positions += ring.length;
      if (positions > MAX_POSITIONS) throw invalid(`more than ${MAX_POSITIONS} positions`);
      const out: Ring = ring.map((pos: unknown, i) => {
        if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3 || !pos.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          throw invalid('a position is [longitude, latitude]', `${where}, position ${i + 1}`);
        }
        const [lng, lat] = pos as number[] as Position;
        if (lng < -180 || lng > 180) throw invalid('longitude outside -180..180', `${where}, position ${i + 1}`);
        if (lat < -90 || lat > 90) throw invalid('latitude outside -90..90', `${where}, position ${i + 1}`);
        bbox.minLng = Math.min(bbox.minLng, lng); bbox.maxLng = Math.max(bbox.maxLng, lng);
        bbox.minLat = Math.min(bbox.minLat, lat); bbox.maxLat = Math.max(bbox.maxLat, lat);
        return [lng, lat];
      });
      const first = out[0] as Position;
      const last = out[out.length - 1] as Position;
      if (first[0] !== last[0] || first[1] !== last[1]) throw invalid('a ring must be closed (its last position the same as its first)', where);
      if (ringArea2(out) === 0) throw invalid('a ring encloses no area', where);
      return out;
    });
  });
  const geometry: BoundaryGeometry = type === 'Polygon' ? { type, coordinates: polygons[0] as Ring[] } : { type, coordinates: polygons };
  return { geometry, bbox, positions };
};

/**
 * Whether a point is inside a ring (ray casting, even-odd). A point exactly on an edge may
 * fall either side; two neighbouring grids share their edges, so such a point lands in one of
 * them (whichever is tested first), never in none.
 */
const inRing = (lng: number, lat: number, ring: Ring): boolean => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if ((yi > lat) !== (yj > lat) && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

/** Whether a point (WGS-84) is inside a boundary: inside an outer ring and outside its holes. */
export const containsPoint = (g: BoundaryGeometry, lng: number, lat: number): boolean =>
  polygonsOf(g).some(([outer, ...holes]) => outer !== undefined && inRing(lng, lat, outer) && !holes.some((h) => inRing(lng, lat, h)));

export const inBBox = (b: BBox, lng: number, lat: number): boolean => lng >= b.minLng && lng <= b.maxLng && lat >= b.minLat && lat <= b.maxLat;
