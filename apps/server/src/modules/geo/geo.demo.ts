import type { Client } from '../../platform/db/pools.ts';
import { checkGeometry, type Polygon, type Position } from './geometry.ts';
import { upsertBoundary, type BoundaryKind } from './geo.repository.ts';

/**
 * Invented boundaries for the demo town 张八桥镇 (宝丰县, 平顶山): not the real village limits.
 * A lattice of 6 × 3 irregular quadrilaterals around 33.87° N, 113.05° E (about 11 × 8 km),
 * each a village (S01 in the north-west, row by row to S18 in the south-east), each village
 * cut into its 3 grids (第1网格 in the north). Every edge is a polyline shared by the two cells
 * on either side, so the cells tile the township without gaps or overlaps; the township's
 * outline is the lattice's perimeter. Deterministic: the same seed gives the same map.
 */
const CENTER: Position = [113.05, 33.87];
const COLS = 6;
const ROWS = 3;
const CELL_LNG = 0.02;
const CELL_LAT = 0.025;

/** mulberry32: a small seeded generator, so the demo map is the same on every machine. */
const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const round = (n: number): number => Math.round(n * 1e6) / 1e6;
const pt = (lng: number, lat: number): Position => [round(lng), round(lat)];

export type DemoBoundaries = { township: Polygon; villages: Polygon[]; grids: Polygon[][] };

export const demoBoundaries = (): DemoBoundaries => {
  const rand = seeded(20231126);
  const jitter = (scale: number): number => (rand() * 2 - 1) * scale;
  const west = CENTER[0] - (COLS * CELL_LNG) / 2;
  const south = CENTER[1] - (ROWS * CELL_LAT) / 2;
  // Lattice corners V[i][j] (i west→east, j south→north), moved about; the outline's corners pulled in.
  const V: Position[][] = [];
  for (let i = 0; i <= COLS; i++) {
    const col: Position[] = [];
    for (let j = 0; j <= ROWS; j++) {
      let lng = west + i * CELL_LNG + jitter(CELL_LNG * 0.22);
      let lat = south + j * CELL_LAT + jitter(CELL_LAT * 0.22);
      const corner = (i === 0 || i === COLS) && (j === 0 || j === ROWS);
      if (corner) {
        lng += (CENTER[0] - lng) * 0.08;
        lat += (CENTER[1] - lat) * 0.12;
      }
      col.push(pt(lng, lat));
    }
    V.push(col);
  }
  // Each lattice edge as a polyline with two bends at about a third and two thirds.
  const bent = (a: Position, b: Position): Position[] => {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const len = Math.hypot(dx, dy);
    const [nx, ny] = [-dy / len, dx / len];
    const at = (t: number): Position => {
      const off = jitter(len * 0.07);
      return pt(a[0] + dx * t + nx * off, a[1] + dy * t + ny * off);
    };
    return [a, at(1 / 3 + jitter(0.04)), at(2 / 3 + jitter(0.04)), b];
  };
  const H: Position[][][] = []; // H[i][j]: V[i][j] → V[i+1][j]
  for (let i = 0; i < COLS; i++) H.push(Array.from({ length: ROWS + 1 }, (_, j) => bent(V[i]![j]!, V[i + 1]![j]!)));
  const U: Position[][][] = []; // U[i][j]: V[i][j] → V[i][j+1]
  for (let i = 0; i <= COLS; i++) U.push(Array.from({ length: ROWS }, (_, j) => bent(V[i]![j]!, V[i]![j + 1]!)));
  const rev = <T>(p: readonly T[]): T[] => [...p].reverse();
  /** Joins polylines end to start into a closed ring (each joint once). */
  const ring = (...parts: Position[][]): Position[] => {
    const out: Position[] = [];
    for (const p of parts) out.push(...(out.length > 0 ? p.slice(1) : p));
    return out;
  };

  const villages: Polygon[] = [];
  const grids: Polygon[][] = [];
  // Row by row from the north, west to east: S01 is the north-west village.
  for (let j = ROWS - 1; j >= 0; j--) {
    for (let i = 0; i < COLS; i++) {
      const bottom = H[i]![j]!;
      const top = H[i]![j + 1]!;
      const left = U[i]![j]!;
      const right = U[i + 1]![j]!;
      villages.push({ type: 'Polygon', coordinates: [ring(bottom, right, rev(top), rev(left))] });
      // Villages are taller than wide: two cuts west to east, from the left edge's bends to the
      // right edge's, each with a bend of its own. 第1网格 is the northern third.
      const cut = (k: number): Position[] => [left[k]!, bent(left[k]!, right[k]!)[1]!, right[k]!];
      const [cut1, cut2] = [cut(1), cut(2)];
      grids.push([
        { type: 'Polygon', coordinates: [ring(cut2, right.slice(2, 4), rev(top), rev(left.slice(2, 4)))] },
        { type: 'Polygon', coordinates: [ring(cut1, right.slice(1, 3), rev(cut2), rev(left.slice(1, 3)))] },
        { type: 'Polygon', coordinates: [ring(bottom, right.slice(0, 2), rev(cut1), rev(left.slice(0, 2)))] },
      ]);
    }
  }
  const outline = ring(...H.map((c) => c[0]!), ...U[COLS]!, ...rev(H.map((c) => c[ROWS]!)).map(rev), ...rev(U[0]!).map(rev));
  return { township: { type: 'Polygon', coordinates: [outline] }, villages, grids };
};

/** Writes the demo boundaries for 张八桥镇's orgs (by their codes), in the seeding transaction. */
export const seedGeoDemo = async (c: Client): Promise<void> => {
  const { rows } = await c.query<{ id: string; code: string; township_id: string | null }>(
    "SELECT o.id, o.code, o.township_id FROM orgs o JOIN orgs t ON t.id = o.township_id WHERE t.code = 'zhangbaqiao'");
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const put = async (code: string, kind: BoundaryKind, g: Polygon): Promise<void> => {
    const org = byCode.get(code);
    if (!org?.township_id) return;
    const { geometry, bbox, positions } = checkGeometry(g);
    await upsertBoundary(c, { orgId: org.id, townshipId: org.township_id, kind, geometry, bbox, positions, userId: null });
  };
  const map = demoBoundaries();
  await put('zhangbaqiao', 'township', map.township);
  for (const [v, village] of map.villages.entries()) {
    const code = `S${String(v + 1).padStart(2, '0')}`;
    await put(code, 'village', village);
    for (const [g, grid] of (map.grids[v] ?? []).entries()) await put(`${code}G${g + 1}`, 'grid', grid);
  }
};
