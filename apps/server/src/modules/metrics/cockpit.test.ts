import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cockpit, CockpitFigure } from '@fazhi/contracts';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { warmCockpit } from '../../platform/metrics/cockpit.ts';

/** The leaders' cockpit over the demo town: every figure is the registry's, and opens to its records. */
let h: Harness;
let leader: Agent;
let county: Agent;
let town: string;
let baofeng: string;
beforeAll(async () => {
  h = await createHarness();
  [leader, county] = await Promise.all([h.signIn('leader'), h.signIn('county')]);
  [town, baofeng] = await Promise.all([h.orgId('zhangbaqiao'), h.orgId('baofeng')]);
});
afterAll(async () => { await h.close(); });

type Value = { value: number | null; numerator?: number; denominator?: number };
const cockpit = async (agent: Agent, query: string): Promise<Cockpit> => {
  const res = await agent.get(`/api/cockpit?${query}`);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return res.body as Cockpit;
};
const metric = async (agent: Agent, code: string, year: number, orgId: string): Promise<Value> =>
  (await agent.get(`/api/metrics/${code}?year=${year}&orgId=${orgId}`)).body as Value;
const records = async (agent: Agent, code: string, year: number, orgId: string): Promise<{ id: string }[]> => {
  const res = await agent.get(`/api/metrics/${code}/records?year=${year}&orgId=${orgId}`);
  expect(res.status).toBe(200);
  return res.body.items as { id: string }[];
};
const total = (xs: readonly { value: number | null }[] | undefined): number => (xs ?? []).reduce((n, x) => n + (x.value ?? 0), 0);

/** A figure equals the registry's value, its list of records, and the sum of each of its splits. */
const agrees = async (agent: Agent, f: CockpitFigure, year: number, orgId: string): Promise<void> => {
  const v = await metric(agent, f.code, year, orgId);
  const list = await records(agent, f.code, year, orgId);
  const last = await metric(agent, f.code, year - 1, orgId);
  if (f.unit === 'count') {
    expect(f.value, f.code).toBe(v.value);
    expect(f.value, f.code).toBe(list.length);
    expect(f.byMonth?.reduce((a, b) => a + b, 0), `${f.code} by month`).toBe(f.value);
  } else {
    expect({ value: f.value, numerator: f.numerator, denominator: f.denominator }, f.code).toEqual({ value: v.value, numerator: v.numerator, denominator: v.denominator });
    expect(f.numerator, f.code).toBe(list.length);
  }
  expect(f.last.value, `${f.code} last year`).toBe(last.value);
};

describe('the cockpit', () => {
  it('shows the town leader the township\'s key figures of 2023 from the registry, each equal to its list and its splits', async () => {
    const c = await cockpit(leader, 'year=2023');
    expect(c.org).toMatchObject({ id: town, kind: 'township' });
    const codes = c.figures.map((f) => f.code);
    // The key figures are the ones the modules flagged in the registry, of every module the leader reads.
    expect(codes).toEqual(expect.arrayContaining(['mediation.received', 'mediation.resolved', 'mediation.onTimeRate', 'petition.received', 'complaints.received', 'disclosure.onTimeRate']));
    const received = c.figures.find((f) => f.code === 'mediation.received');
    expect(received?.value).toBe(143);
    expect(received?.byMonth).toHaveLength(12);
    expect(received?.byVillage?.length).toBeGreaterThanOrEqual(18);
    for (const f of c.figures) {
      await agrees(leader, f, 2023, town);
      if (f.unit === 'count') expect(total(f.byVillage), `${f.code} by village`).toBe(f.value);
    }
    // A village's part is the village's own figure.
    const s01 = await h.orgId('S01');
    const part = received?.byVillage?.find((v) => v.orgId === s01)?.value;
    expect(part).toBe((await metric(leader, 'mediation.received', 2023, s01)).value);
    // A village's cockpit is counted live in the caller's own scope, from the same definitions.
    const village = await cockpit(leader, `year=2023&orgId=${s01}`);
    expect(village.source).toBe('live');
    for (const f of village.figures) await agrees(leader, f, 2023, s01);
  });

  it('serves the kept figures until a record changes, then the new figure with its new list', async () => {
    await warmCockpit(h.platform, [2023, 2022]);
    const before = await cockpit(leader, 'year=2023');
    expect(before.source).toBe('cache');
    expect(before.asOf).toBeNull(); // read on the primary: current, no replica's lag to state
    const resolved = before.figures.find((f) => f.code === 'mediation.resolved');
    const one = (await records(leader, 'mediation.resolved', 2023, town))[0];
    if (!one || !resolved) throw new Error('no resolved case');
    // A change written by anyone (here the owner, as an import or a fix would) moves the township's counter at commit.
    const v0 = (await h.db.query<{ version: string }>('SELECT version FROM metric_versions WHERE township_id = $1', [town])).rows[0]?.version ?? '0';
    await h.db.query("UPDATE cases SET status = 'failed' WHERE id = $1", [one.id]);
    const v1 = (await h.db.query<{ version: string }>('SELECT version FROM metric_versions WHERE township_id = $1', [town])).rows[0]?.version;
    expect(Number(v1)).toBe(Number(v0) + 1);
    const after = await cockpit(leader, 'year=2023');
    const now = after.figures.find((f) => f.code === 'mediation.resolved');
    expect(now?.value).toBe((resolved.value ?? 0) - 1);
    for (const f of after.figures) await agrees(leader, f, 2023, town);
    expect((await records(leader, 'mediation.resolved', 2023, town)).some((r) => r.id === one.id)).toBe(false);
  });

  it('moves a township\'s counter for every table the figures read, once a transaction, and every counter when the org tree changes', async () => {
    const version = async (t: string) => Number((await h.db.query<{ version: string }>('SELECT version FROM metric_versions WHERE township_id = $1', [t])).rows[0]?.version ?? 0);
    const kase = (await h.db.query<{ id: string }>("SELECT case_id AS id FROM case_deadlines WHERE township_id = $1 LIMIT 1", [town])).rows[0]?.id;
    let v = await version(town);
    // A clock, a rating, a party: each write moves the counter; several in one transaction move it once.
    await h.db.query('UPDATE case_deadlines SET updated_at = now() WHERE case_id = $1', [kase]);
    expect(await version(town)).toBe(v + 1);
    v = await version(town);
    const c = await h.db.connect();
    try {
      await c.query('BEGIN');
      await c.query('UPDATE cases SET updated_at = now() WHERE id = $1', [kase]);
      await c.query('UPDATE case_parties SET township_id = township_id WHERE case_id = $1', [kase]);
      await c.query('UPDATE case_deadlines SET updated_at = now() WHERE case_id = $1', [kase]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally { c.release(); }
    expect(await version(town)).toBe(v + 1);
    // A transaction that is rolled back moves nothing.
    v = await version(town);
    await h.db.query('BEGIN; UPDATE cases SET updated_at = now() WHERE id = $1::uuid; ROLLBACK;'.replace('$1::uuid', `'${kase}'`));
    expect(await version(town)).toBe(v);
    // A new org (the closure table changes): every township's counter moves.
    const admin = await h.signIn('admin');
    expect((await admin.post('/api/orgs', { parentId: await h.orgId('S01'), kind: 'grid', name: '东营村第9网格', code: 'S01G9' })).status).toBe(200);
    expect(await version(town)).toBe(v + 1);
    const fresh = await cockpit(leader, 'year=2023');
    expect(fresh.source).toBe('cache');
    for (const f of fresh.figures.filter((x) => x.module === 'mediation')) await agrees(leader, f, 2023, town);
  });

  it('shows the county every township side by side, the total equal to their sum and to the registry', async () => {
    const admin = await h.signIn('admin');
    const lizhuang = (await admin.post('/api/orgs', { parentId: baofeng, kind: 'township', name: '李庄乡', code: 'lizhuang' })).body.id as string;
    const c = await cockpit(county, 'year=2023');
    expect(c.org).toMatchObject({ id: baofeng, kind: 'county' });
    expect(c.townships.map((t) => t.id)).toEqual(expect.arrayContaining([town, lizhuang]));
    for (const f of c.figures) {
      await agrees(county, f, 2023, baofeng);
      const rows = f.byTownship ?? [];
      expect(rows.filter((r) => r.orgId).map((r) => r.orgId).sort()).toEqual(c.townships.map((t) => t.id).sort());
      if (f.unit === 'count') expect(total(rows), f.code).toBe(f.value);
      else {
        expect(rows.reduce((n, r) => n + (r.numerator ?? 0), 0), f.code).toBe(f.numerator);
        expect(rows.reduce((n, r) => n + (r.denominator ?? 0), 0), f.code).toBe(f.denominator);
      }
      for (const r of rows.filter((x) => x.orgId === town || x.orgId === lizhuang)) {
        expect(r.value, `${f.code} at ${r.name}`).toBe((await metric(county, f.code, 2023, r.orgId ?? '')).value);
      }
    }
    // The same figures counted live (a township at a time) and from what is kept agree.
    const zhang = c.figures.find((f) => f.code === 'mediation.received')?.byTownship?.find((t) => t.orgId === town);
    expect(zhang?.value).toBe(143);
  });

  it('keeps a leader to their own township: another township\'s cockpit is not found and nothing of it shows', async () => {
    const admin = await h.signIn('admin');
    const id = (await h.db.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'lizhuang'")).rows[0]?.id
      ?? (await admin.post('/api/orgs', { parentId: baofeng, kind: 'township', name: '李庄乡', code: 'lizhuang' })).body.id as string;
    const hash = (await h.db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'leader'")).rows[0]?.password_hash;
    const { rows } = await h.db.query<{ id: string }>(
      `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password) VALUES ($1, $1, 'lz_leader', '李庄乡 乡长', $2, false) RETURNING id`, [id, hash]);
    await h.db.query(`INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) SELECT $1, r.id, $2, $2, 'subtree' FROM roles r WHERE r.code = 'town_leader'`, [rows[0]?.id, id]);
    const other = await h.signIn('lz_leader');
    for (const q of [`year=2023&orgId=${town}`, `year=2023&orgId=${baofeng}`, `year=2023&orgId=${await h.orgId('S01')}`]) {
      const res = await other.get(`/api/cockpit?${q}`);
      expect([403, 404], q).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toMatch(/张八桥|mediation\.received/);
    }
    const own = await cockpit(other, 'year=2023');
    expect(own.org.id).toBe(id);
    expect(own.figures.every((f) => (f.value ?? 0) === 0 && (f.numerator ?? 0) === 0)).toBe(true);
    expect(own.overdue.items).toEqual([]);
    expect(own.dueSoon.items).toEqual([]);
    // Someone without the cockpit's permission has none.
    expect((await (await h.signIn('tiaojie1')).get('/api/cockpit?year=2023')).status).toBe(403);
    expect((await leader.get('/api/cockpit?year=1999')).status).toBe(400);
    // Who may open the cockpit but reads no module (the administrator) gets no figures, not an error.
    const admin2 = await h.signIn('admin');
    for (const org of [town, await h.orgId('S01')]) {
      const res = await admin2.get(`/api/cockpit?year=2023&orgId=${org}`);
      expect(res.status).toBe(200);
      expect(res.body.figures).toEqual([]);
    }
  });

  it('lists the township\'s overdue and due-soon open cases as the to-do list counts them', async () => {
    const c = await cockpit(leader, 'year=2023');
    const overdue = await leader.get(`/api/cases?statusKind=open&due=overdue&orgId=${town}&pageSize=8`);
    expect(c.overdue.total).toBe(overdue.body.total);
    expect(c.overdue.items.map((r) => r.id)).toEqual(overdue.body.items.map((r: { id: string }) => r.id));
    const soon = await leader.get(`/api/cases?statusKind=open&due=soon&orgId=${town}&pageSize=8`);
    expect(c.dueSoon.total).toBe(soon.body.total);
  });
});
