import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { demoOffices } from '../apps/server/src/seed/demo-town.ts';
import { seedRoles } from '../apps/server/src/seed/seed.ts';

/**
 * A county-sized org tree for the benchmarks: one county (with its justice bureau), 13
 * townships, each with the demo town's 7 offices, 18 villages and 5 grids per village
 * (1,510 orgs), and 50,000 users with grants of the built-in roles:
 * - county viewers (county_viewer, subtree at the county);
 * - township staff in the offices (the office's role, subtree at the township), one town
 *   leader and two township admins (org.manage) per township;
 * - everyone else in the villages: mediators at the village, grid workers at a grid, both
 *   with subtree at their village.
 * All users share one argon2 hash (hashed once by the caller): sign-in cost is the verify.
 */
export const SHAPE = { townships: 13, villagesPerTownship: 18, gridsPerVillage: 5, users: 50_000, countyViewers: 20, staffPerTownship: 200 } as const;

/** Each office's role (the demo town's offices, in order). */
const officeRole: Record<string, string> = {
  sfs: 'judicial_staff', zzzx: 'grid_center', xfb: 'petition_clerk', dzb: 'office_clerk',
  zfd: 'enforcement_officer', zwfw: 'office_clerk', jwz: 'grid_center',
};

export type BenchUser = { username: string; kind: 'county_viewer' | 'township_staff' | 'township_admin' | 'town_leader' | 'mediator' | 'grid_worker' };
export type County = {
  orgs: number; users: number; grants: number;
  /** Usernames by kind, in creation order (villages are interleaved, so any prefix spreads over the county). */
  byKind: Record<BenchUser['kind'], string[]>;
  loadMs: number;
};

type OrgRow = { id: string; kind: string; code: string; township_id: string | null; parent_id: string | null };

export const loadCounty = async (ownerUrl: string, passwordHash: string): Promise<County> => {
  const started = Date.now();
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const roleIds = await seedRoles(c);
    const role = (code: string): string => {
      const id = roleIds.get(code);
      if (!id) throw new Error(`no built-in role ${code}`);
      return id;
    };

    // Parents before children, one statement per level: the closure trigger reads the parent's rows.
    const county = randomUUID();
    await c.query(`INSERT INTO orgs (id, parent_id, kind, name, code, township_id, sort_order) VALUES ($1, NULL, 'county', '样本县', 'county', NULL, 0)`, [county]);
    await c.query(`INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order) VALUES ($1, 'office', '样本县司法局', 'sfj', NULL, 0)`, [county]);
    await c.query(
      `INSERT INTO orgs (id, parent_id, kind, name, code, township_id, sort_order)
       SELECT id, $1, 'township', format('第%s镇', n), format('T%s', lpad(n::text, 2, '0')), id, 10 + n
         FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $2::int) n) s`, [county, SHAPE.townships]);
    await c.query(
      `INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order)
       SELECT t.id, 'office', o.name, t.code || '-' || o.code, t.id, o.ord
         FROM orgs t CROSS JOIN unnest($1::text[], $2::text[]) WITH ORDINALITY AS o(code, name, ord)
        WHERE t.kind = 'township'`, [demoOffices.map((o) => o.code), demoOffices.map((o) => o.name)]);
    await c.query(
      `INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order)
       SELECT t.id, 'village', format('%s%s村', t.name, v), format('%sV%s', t.code, lpad(v::text, 2, '0')), t.id, 100 + v
         FROM orgs t, generate_series(1, $1::int) v WHERE t.kind = 'township'`, [SHAPE.villagesPerTownship]);
    await c.query(
      `INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order)
       SELECT v.id, 'grid', format('%s第%s网格', v.name, g), format('%sG%s', v.code, g), v.township_id, g
         FROM orgs v, generate_series(1, $1::int) g WHERE v.kind = 'village'`, [SHAPE.gridsPerVillage]);

    const orgs = (await c.query<OrgRow>('SELECT id, kind, code, township_id, parent_id FROM orgs ORDER BY code')).rows;
    const of = (kind: string): OrgRow[] => orgs.filter((o) => o.kind === kind);
    const townships = of('township');
    const villages = of('village');
    const gridsOf = new Map<string, OrgRow[]>();
    for (const g of of('grid')) gridsOf.set(g.parent_id ?? '', [...(gridsOf.get(g.parent_id ?? '') ?? []), g]);
    const officesOf = new Map<string, OrgRow[]>();
    for (const o of of('office')) if (o.township_id) officesOf.set(o.township_id, [...(officesOf.get(o.township_id) ?? []), o]);
    const bureau = orgs.find((o) => o.code === 'sfj');
    if (!bureau || townships.length !== SHAPE.townships) throw new Error('county tree incomplete');

    // Users and grants as column arrays: one INSERT … SELECT unnest(…) each.
    const u = { id: [] as string[], org: [] as string[], township: [] as (string | null)[], username: [] as string[], name: [] as string[] };
    const g = { user: [] as string[], role: [] as string[], org: [] as string[], township: [] as (string | null)[] };
    const byKind: County['byKind'] = { county_viewer: [], township_staff: [], township_admin: [], town_leader: [], mediator: [], grid_worker: [] };
    let n = 0;
    const add = (kind: BenchUser['kind'], org: OrgRow, roleCode: string, grantAt: OrgRow): void => {
      const id = randomUUID();
      const username = `u${String(++n).padStart(5, '0')}`;
      u.id.push(id); u.org.push(org.id); u.township.push(org.kind === 'township' ? org.id : org.township_id);
      u.username.push(username); u.name.push(`测试用户${n}`);
      g.user.push(id); g.role.push(role(roleCode)); g.org.push(grantAt.id); g.township.push(grantAt.kind === 'township' ? grantAt.id : grantAt.township_id);
      byKind[kind].push(username);
    };
    const countyOrg = orgs.find((o) => o.id === county) as OrgRow;
    for (let i = 0; i < SHAPE.countyViewers; i++) add('county_viewer', bureau, 'county_viewer', countyOrg);
    for (let i = 0; i < SHAPE.staffPerTownship; i++) {
      for (const t of townships) {
        const offices = officesOf.get(t.id) ?? [];
        if (i === 0) add('town_leader', t, 'town_leader', t);
        else if (i <= 2) add('township_admin', offices.find((o) => o.code.endsWith('-dzb')) ?? t, 'township_admin', t);
        else {
          const office = offices[i % offices.length] as OrgRow;
          add('township_staff', office, officeRole[office.code.split('-')[1] ?? ''] ?? 'office_clerk', t);
        }
      }
    }
    // The rest in the villages, round-robin over villages; one in three a mediator at the
    // village, the others grid workers at one of its grids.
    for (let i = 0; n < SHAPE.users; i++) {
      const v = villages[i % villages.length] as OrgRow;
      const round = Math.floor(i / villages.length);
      if (round % 3 === 0) add('mediator', v, 'mediator', v);
      else {
        const grids = gridsOf.get(v.id) ?? [];
        add('grid_worker', grids[round % grids.length] ?? v, 'grid_center', v);
      }
    }
    await c.query(
      `INSERT INTO users (id, org_id, township_id, username, display_name, password_hash, must_change_password, password_changed_at)
       SELECT id, org_id, township_id, username, display_name, $6, false, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS x(id, org_id, township_id, username, display_name)`,
      [u.id, u.org, u.township, u.username, u.name, passwordHash]);
    await c.query(
      `INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope)
       SELECT user_id, role_id, org_id, township_id, 'subtree'
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS x(user_id, role_id, org_id, township_id)`,
      [g.user, g.role, g.org, g.township]);
    await c.query('COMMIT');
    // Fresh tables have no statistics yet: plan the benchmark's queries as a settled database would.
    await c.query('ANALYZE');
    return { orgs: orgs.length, users: u.id.length, grants: g.user.length, byKind, loadMs: Date.now() - started };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
    await pool.end();
  }
};
