import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';
import { caseCtxOf, runScoped, runSystem } from '../../platform/platform.ts';
import { loadPrincipal } from '../../platform/access/principal.ts';
import { checkGeometry, containsPoint, type Polygon, type Position } from './geometry.ts';
import { demoBoundaries } from './geo.demo.ts';
import { commandMapFigures } from './use-cases/command-map.ts';

/**
 * Boundaries and the command map: the demo town's 54 grids tile the township, a boundary is
 * checked at the edge (nothing changes on bad input) and audited, another township's staff see
 * nothing of 张八桥镇 and cannot write to it, "which grid is this position in", and the map's
 * counts per village and grid.
 */
let h: Harness;
let admin: Agent;
let today = '2026-03-02';
let township = '';
let s01 = '';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { caseTypes: [sampleCaseType], today: () => today });
  admin = await h.signIn('admin');
  township = await h.orgId('zhangbaqiao');
  s01 = await h.orgId('S01');
});
afterAll(async () => { await h.close(); });

/** A point inside a ring: the average of its positions, for the demo's nearly convex cells. */
const inner = (g: Polygon): Position => {
  const ring = g.coordinates[0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
};
const square = (lng: number, lat: number, d = 0.002): Polygon => ({
  type: 'Polygon', coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const auditCount = async (): Promise<number> => Number((await h.db.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);
const boundaryRow = async (orgId: string): Promise<string | null> =>
  (await h.db.query<{ t: string }>('SELECT b::text AS t FROM geo_boundaries b WHERE org_id = $1', [orgId])).rows[0]?.t ?? null;

describe('the demo town\'s boundaries', () => {
  it('has the township, its 18 villages and 54 grids, each grid a piece of its village', async () => {
    const zongzhi = await h.signIn('zongzhi');
    const res = await zongzhi.get('/api/geo/boundaries');
    expect(res.status).toBe(200);
    const kinds = res.body.features.map((f: { properties: { kind: string } }) => f.properties.kind);
    expect(kinds.filter((k: string) => k === 'township')).toHaveLength(1);
    expect(kinds.filter((k: string) => k === 'village')).toHaveLength(18);
    expect(kinds.filter((k: string) => k === 'grid')).toHaveLength(54);
    expect(res.body.townshipId).toBe(township);
    expect(res.body.features[1].properties).toMatchObject({ name: '东营村', kind: 'village', code: 'S01', parentId: township });
  });

  it('tiles the township: each grid\'s inner point is in that grid, its village and the township, and in no other grid', () => {
    const map = demoBoundaries();
    for (const [v, village] of map.villages.entries()) {
      expect(() => checkGeometry(village)).not.toThrow();
      for (const [g, grid] of (map.grids[v] ?? []).entries()) {
        const [lng, lat] = inner(grid);
        expect(containsPoint(grid, lng, lat), `S${v + 1}G${g + 1}`).toBe(true);
        expect(containsPoint(village, lng, lat)).toBe(true);
        expect(containsPoint(map.township, lng, lat)).toBe(true);
        const others = map.grids.flat().filter((x) => x !== grid && containsPoint(x, lng, lat));
        expect(others).toHaveLength(0);
      }
    }
    // Around 33.87° N, 113.05° E (宝丰县 张八桥镇).
    const { bbox } = checkGeometry(map.township);
    expect(bbox.minLng).toBeGreaterThan(112.97);
    expect(bbox.maxLng).toBeLessThan(113.13);
    expect(bbox.minLat).toBeGreaterThan(33.81);
    expect(bbox.maxLat).toBeLessThan(33.93);
  });
});

describe('locate', () => {
  it('answers the grid and village a position is in, and nothing outside the township', async () => {
    const grid = demoBoundaries().grids[0]![1]!;
    const [lng, lat] = inner(grid);
    const zongzhi = await h.signIn('zongzhi');
    const res = await zongzhi.get(`/api/geo/locate?lat=${lat}&lng=${lng}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ found: true, village: { id: s01, name: '东营村' }, grid: { id: await h.orgId('S01G2'), name: '东营村第2网格' }, township: { id: township, name: '张八桥镇' } });
    const far = await zongzhi.get('/api/geo/locate?lat=39.9&lng=116.4');
    expect(far.body).toEqual({ found: false, township: null, village: null, grid: null });
    expect((await zongzhi.get('/api/geo/locate?lat=91&lng=113')).status).toBe(400);
    expect((await zongzhi.get('/api/geo/locate?lat=abc&lng=113')).status).toBe(400);
  });

  it('finds only what the caller may see: a village mediator locates in their own village only', async () => {
    const map = demoBoundaries();
    const tiaojie1 = await h.signIn('tiaojie1');
    const [lng1, lat1] = inner(map.grids[0]![0]!);
    expect((await tiaojie1.get(`/api/geo/locate?lat=${lat1}&lng=${lng1}`)).body.grid.name).toBe('东营村第1网格');
    const [lng2, lat2] = inner(map.grids[1]![0]!);
    const other = (await tiaojie1.get(`/api/geo/locate?lat=${lat2}&lng=${lng2}`)).body;
    // The township's outline is above the mediator's village; 西营村 itself is not theirs to see.
    expect(other).toMatchObject({ found: false, village: null, grid: null, township: { name: '张八桥镇' } });
    const own = (await tiaojie1.get('/api/geo/boundaries')).body.features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(own).toEqual(['张八桥镇', '东营村', '东营村第1网格', '东营村第2网格', '东营村第3网格']);
  });
});

describe('setting a boundary', () => {
  const g1 = (): Promise<string> => h.orgId('S01G1');

  it('replaces a grid\'s boundary, audited with its size and hash, and locate follows it', async () => {
    const grid = await g1();
    const [lng, lat] = inner(demoBoundaries().grids[0]![0]!);
    const before = await auditCount();
    const res = await admin.put(`/api/geo/boundaries/${grid}`, { geometry: square(lng - 0.001, lat - 0.001) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ orgId: grid, kind: 'grid', positions: 5 });
    expect(await auditCount()).toBe(before + 1);
    const audit = (await h.db.query("SELECT after, before FROM audit_log WHERE action = 'geo.boundary.set' ORDER BY id DESC LIMIT 1")).rows[0];
    expect(audit.after).toMatchObject({ type: 'Polygon', positions: 5 });
    expect(audit.after.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.before.positions).toBeGreaterThan(5);
    const zongzhi = await h.signIn('zongzhi');
    expect((await zongzhi.get(`/api/geo/locate?lat=${lat}&lng=${lng}`)).body.grid.id).toBe(grid);
    // A MultiPolygon with a hole, altitude dropped.
    const multi = { type: 'MultiPolygon', coordinates: [
      [[[lng - 0.002, lat - 0.002, 80], [lng + 0.002, lat - 0.002, 80], [lng + 0.002, lat + 0.002, 80], [lng - 0.002, lat + 0.002, 80], [lng - 0.002, lat - 0.002, 80]],
        [[lng - 0.0005, lat - 0.0005], [lng - 0.0005, lat + 0.0005], [lng + 0.0005, lat + 0.0005], [lng + 0.0005, lat - 0.0005], [lng - 0.0005, lat - 0.0005]]],
    ] };
    expect((await admin.put(`/api/geo/boundaries/${grid}`, { geometry: multi })).status).toBe(200);
    expect((await zongzhi.get(`/api/geo/locate?lat=${lat}&lng=${lng}`)).body.grid).toBeNull();
    expect((await zongzhi.get(`/api/geo/locate?lat=${lat + 0.0015}&lng=${lng}`)).body.grid.id).toBe(grid);
    const stored = (await zongzhi.get('/api/geo/boundaries')).body.features.find((f: { id: string }) => f.id === grid);
    expect(stored.geometry.coordinates[0][0][0]).toEqual([lng - 0.002, lat - 0.002]);
  });

  it('refuses bad geometry with a stable code and a Chinese message, changing nothing', async () => {
    const grid = await g1();
    const zongzhi = await h.signIn('zongzhi');
    const row = await boundaryRow(grid);
    const audits = await auditCount();
    const [lng, lat] = [113.05, 33.87];
    const open = { type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.01, lat], [lng + 0.01, lat + 0.01], [lng, lat + 0.01]]] };
    const bad: [unknown, number, string][] = [
      [open, 422, 'GEO_GEOMETRY_INVALID'],
      [{ type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.01, lat], [lng, lat]]] }, 400, 'VALIDATION'],
      [{ type: 'Polygon', coordinates: [[[200, lat], [lng, lat], [lng, lat + 0.01], [200, lat]]] }, 422, 'GEO_GEOMETRY_INVALID'],
      [{ type: 'Polygon', coordinates: [[[lng, lat], [lng, lat], [lng, lat], [lng, lat]]] }, 422, 'GEO_GEOMETRY_INVALID'],
      [{ type: 'Point', coordinates: [lng, lat] }, 400, 'VALIDATION'],
      [{ type: 'Polygon', coordinates: [[[lng, lat, 1, 2], [lng + 0.01, lat], [lng, lat + 0.01], [lng, lat, 1, 2]]] }, 400, 'VALIDATION'],
      // Latitude and longitude swapped: far outside the township's outline.
      [square(lat, lng > 90 ? 33.88 : lng), 422, 'GEO_OUTSIDE_TOWNSHIP'],
      [{ type: 'Polygon', coordinates: [Array.from({ length: 20001 }, (_, i) => [lng + Math.cos(i) * 0.001, lat + Math.sin(i) * 0.001])] }, 400, 'VALIDATION'],
    ];
    for (const [geometry, status, code] of bad) {
      const res = await admin.put(`/api/geo/boundaries/${grid}`, { geometry });
      expect(res.status, JSON.stringify(geometry).slice(0, 80)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    const unclosed = await admin.put(`/api/geo/boundaries/${grid}`, { geometry: open });
    expect(unclosed.body.error.details).toEqual({ reason: 'a ring must be closed (its last position the same as its first)', where: 'polygon 1, ring 1' });
    // An office has no boundary; a grid needs org.manage.
    const office = await admin.put(`/api/geo/boundaries/${await h.orgId('zzzx')}`, { geometry: square(lng, lat) });
    expect(office.body.error.code).toBe('GEO_KIND_NOT_MAPPED');
    expect((await zongzhi.put(`/api/geo/boundaries/${grid}`, { geometry: square(lng, lat) })).status).toBe(403);
    expect(await boundaryRow(grid)).toBe(row);
    expect(await auditCount()).toBe(audits);
  });
});

describe('another township', () => {
  it('sees nothing of 张八桥镇 and cannot write to it; its own boundaries are its own', async () => {
    const county = await h.orgId('baofeng');
    const other = await admin.post('/api/orgs', { parentId: county, kind: 'township', name: '李庄乡', code: 'lizhuang' });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    const otherId = other.body.id as string;
    const village = await admin.post('/api/orgs', { parentId: otherId, kind: 'village', name: '前营村', code: 'L01' });
    const roles = (await admin.get('/api/roles')).body.items as { id: string; code: string }[];
    const created = await admin.post('/api/users', { username: 'lz_admin', displayName: '李庄乡管理员', orgId: otherId });
    expect((await admin.put(`/api/users/${created.body.userId}/grants`, {
      grants: [{ roleId: roles.find((r) => r.code === 'township_admin')?.id, orgId: otherId, scope: 'subtree' }] })).status).toBe(200);
    await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [created.body.userId]);
    const lz = await h.signIn('lz_admin', created.body.initialPassword);

    const before = await h.db.query('SELECT md5(string_agg(b::text, \'|\' ORDER BY org_id)) AS m FROM geo_boundaries b');
    expect((await lz.get(`/api/geo/boundaries?townshipId=${township}`)).status).toBe(404);
    const own = await lz.get('/api/geo/boundaries');
    expect(own.body).toEqual({ type: 'FeatureCollection', townshipId: otherId, features: [] });
    expect((await lz.put(`/api/geo/boundaries/${s01}`, { geometry: square(113.05, 33.87) })).status).toBe(404);
    expect((await lz.put(`/api/geo/boundaries/${township}`, { geometry: square(113.05, 33.87) })).status).toBe(404);
    const [lng, lat] = inner(demoBoundaries().grids[0]![0]!);
    expect((await lz.get(`/api/geo/locate?lat=${lat}&lng=${lng}`)).body.found).toBe(false);
    expect((await h.db.query('SELECT md5(string_agg(b::text, \'|\' ORDER BY org_id)) AS m FROM geo_boundaries b')).rows[0].m).toBe(before.rows[0].m);

    // At the database: the app role in that township's scope reads none of 张八桥镇's rows and cannot write one.
    const principal = await runSystem(h.platform, (c) => loadPrincipal(c, created.body.userId, 'session'));
    if (!principal) throw new Error('no principal');
    const seen = await runScoped(h.platform, { principal, ip: null, requestId: null }, async (tx) =>
      Number((await tx.client.query('SELECT count(*) AS n FROM geo_boundaries b')).rows[0].n));
    expect(seen).toBe(0);
    await expect(runScoped(h.platform, { principal, ip: null, requestId: null }, (tx) =>
      tx.client.query(`UPDATE geo_boundaries SET min_lng = 0 WHERE org_id = $1`, [s01]).then((r) => r.rowCount))).resolves.toBe(0);
    const s02g1 = await h.orgId('S02G1');
    await expect(runScoped(h.platform, { principal, ip: null, requestId: null }, (tx) =>
      tx.client.query(`INSERT INTO geo_boundaries (org_id, township_id, kind, geometry, min_lng, min_lat, max_lng, max_lat, positions)
        VALUES ($1, $2, 'grid', '{"type":"Polygon","coordinates":[]}', 0, 0, 1, 1, 4)`, [s02g1, township]))).rejects.toThrow(/row-level security/);

    // Its own village: set, seen, located.
    expect((await lz.put(`/api/geo/boundaries/${village.body.id}`, { geometry: square(113.2, 33.9, 0.01) })).status).toBe(200);
    expect((await lz.get('/api/geo/boundaries')).body.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['前营村']);
    expect((await lz.get('/api/geo/locate?lat=33.905&lng=113.205')).body.village.name).toBe('前营村');
  });
});

describe('the command map', () => {
  it('counts events, open ones, due and overdue per village and grid, and 三零, through the caller\'s scope', async () => {
    const clerk = await h.signIn('xinfang');
    const create = async (org: string, title: string, category: string): Promise<{ id: string }> => {
      const res = await clerk.post('/api/cases', { type: 'sample', orgId: await h.orgId(org), title, category });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    today = '2026-03-02';
    await create('S01G1', '甲 未办结', '邻里');
    const b = await create('S01G1', '乙 已办结', '其他');
    const c = await create('S01G1', '丙 不予受理', '邻里');
    await create('S01G2', '丁 未办结', '宅基地');
    await create('S02G1', '戊 未办结', '其他');
    expect((await clerk.post(`/api/cases/${b.id}/transitions`, { transition: 'accept', version: 1 })).status).toBe(200);
    expect((await clerk.post(`/api/cases/${b.id}/transitions`, { transition: 'reply', version: 2, fields: { outcome: '已答复' } })).status).toBe(200);
    expect((await clerk.post(`/api/cases/${c.id}/transitions`, { transition: 'refuse', version: 1, fields: { reason: '不属于受理范围' } })).status).toBe(200);
    today = '2026-03-16';
    await create('S03G1', '己 临期', '其他');
    today = '2026-03-30';

    const figuresAs = async (username: string) => {
      const principal = await runSystem(h.platform, async (cl) => loadPrincipal(cl, await h.userId(username), 'session'));
      if (!principal) throw new Error('no principal');
      return runScoped(h.platform, { principal, ip: null, requestId: null }, (tx) => commandMapFigures(caseCtxOf(h.platform, tx), {
        townshipId: township, townshipName: '张八桥镇', year: 2026, eventType: 'sample', accidentCategories: ['宅基地'], crimeCategories: ['邻里'],
      }));
    };
    const map = await figuresAs('xinfang');
    expect(map.eventsAvailable).toBe(true);
    expect(map.villages).toHaveLength(18);
    expect(map.grids).toHaveLength(54);
    const v = (name: string) => map.villages.find((x) => x.name === name);
    const g = (name: string) => map.grids.find((x) => x.name === name);
    expect(v('东营村')).toMatchObject({ events: 3, open: 2, overdue: 2, dueSoon: 0, accidents: 1, crimes: 1 });
    expect(v('东营村')?.unresolvedRate).toBeCloseTo(2 / 3);
    expect(g('东营村第1网格')).toMatchObject({ events: 2, open: 1, overdue: 1, unresolvedRate: 0.5, petitions: null });
    expect(g('东营村第2网格')).toMatchObject({ events: 1, open: 1, overdue: 1, accidents: 1, crimes: 0 });
    expect(v('西营村')).toMatchObject({ events: 1, open: 1, overdue: 1, dueSoon: 0 });
    expect(v('南庄村')).toMatchObject({ events: 1, open: 1, overdue: 0, dueSoon: 1 });
    expect(v('北庄村')).toMatchObject({ events: 0, open: 0, unresolvedRate: null, overdue: 0, dueSoon: 0, accidents: 0, crimes: 0 });

    // 西营村's mediator sees their own village only, and reads no petitions and no sample cases.
    const narrow = await figuresAs('tiaojie2');
    expect(narrow.villages.map((x) => x.name)).toEqual(['西营村']);
    expect(narrow.eventsAvailable).toBe(false);
    expect(narrow.villages[0]).toMatchObject({ events: 0, petitions: null, accidents: null, crimes: null });
  });

  it('answers the map over HTTP for the 综治中心: 零上访 from the year\'s petitions by village', async () => {
    const zongzhi = await h.signIn('zongzhi');
    const res = await zongzhi.get('/api/geo/command-map?year=2023');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ townshipId: township, townshipName: '张八桥镇', year: 2023, eventType: 'grid_event', petitionsAvailable: true, tiles: null });
    expect(res.body.villages).toHaveLength(18);
    const expected = (await h.db.query<{ id: string; n: string }>(
      `SELECT v.id, count(k.id) AS n FROM orgs v LEFT JOIN cases k ON k.case_type = 'petition' AND k.data->>'villageId' = v.id::text AND k.received_on BETWEEN '2023-01-01' AND '2023-12-31'
        WHERE v.kind = 'village' AND v.township_id = $1 GROUP BY v.id`, [township])).rows;
    expect(expected.some((r) => Number(r.n) > 0)).toBe(true);
    for (const r of expected) expect(res.body.villages.find((x: { orgId: string }) => x.orgId === r.id).petitions, r.id).toBe(Number(r.n));
    // Without the grid events' type on this server, accidents and crimes are unknown, never a false zero.
    if (!res.body.eventsAvailable) expect(res.body.villages[0]).toMatchObject({ events: 0, accidents: null, crimes: null });
    expect((await (await h.signIn('tiaojie1')).get('/api/geo/command-map')).status).toBe(403);
    expect((await zongzhi.get(`/api/geo/command-map?townshipId=${s01}`)).status).toBe(404);
  });
});
