import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';

// listCases narrows its statements to the caller's orgs (SCOPE_ORGS_FILTER) and reads the page
// and the total in one pass: the answers must stay exactly what row-level security allows.
let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

/** The demo's mediation cases a user's grants reach, counted on the owner connection. */
const visible = async (username: string): Promise<number> => {
  const { rows } = await h.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases k
      WHERE k.case_type = 'mediation'
        AND (EXISTS (SELECT 1 FROM user_grants g JOIN users u ON u.id = g.user_id WHERE u.username = $1 AND g.scope = 'all')
             OR k.org_id IN (SELECT c.descendant_id FROM org_closure c JOIN user_grants g ON g.org_id = c.ancestor_id AND g.scope = 'subtree'
                              JOIN users u ON u.id = g.user_id WHERE u.username = $1))`, [username]);
  return rows[0]?.n ?? 0;
};

describe('case lists within the data scope', () => {
  it('counts exactly the cases each scope reaches: township, village, county', async () => {
    const all = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'mediation'")).rows[0]?.n ?? 0;
    expect(all).toBeGreaterThan(5);
    for (const username of ['sifa', 'tiaojie1', 'tiaojie2', 'leader', 'county']) {
      const agent = await h.signIn(username);
      const res = await agent.get('/api/cases?type=mediation&pageSize=5');
      expect(res.status).toBe(200);
      expect(res.body.total, username).toBe(await visible(username));
    }
    expect(await visible('tiaojie1')).toBeLessThan(await visible('sifa'));
  });

  it('pages through the list: the same total on every page and past the end, newest first, no case twice', async () => {
    const sifa = await h.signIn('sifa');
    const first = (await sifa.get('/api/cases?type=mediation&pageSize=3')).body;
    const pages = Math.ceil(first.total / 3);
    const seen: { id: string; createdAt: string }[] = [];
    for (let page = 1; page <= pages; page++) {
      const body = (await sifa.get(`/api/cases?type=mediation&pageSize=3&page=${page}`)).body;
      expect(body.total).toBe(first.total);
      seen.push(...body.items);
    }
    expect(new Set(seen.map((i) => i.id)).size).toBe(first.total);
    const times = seen.map((i) => i.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const past = (await sifa.get(`/api/cases?type=mediation&pageSize=3&page=${pages + 1}`)).body;
    expect(past).toEqual({ items: [], total: first.total });
  });

  it('searches only within the scope, with the same total on every page', async () => {
    const sifa = await h.signIn('sifa');
    const village = await h.signIn('tiaojie1');
    const s01 = await h.orgId('S01');
    const below = new Set((await h.db.query<{ id: string }>('SELECT descendant_id AS id FROM org_closure WHERE ancestor_id = $1', [s01])).rows.map((r) => r.id));
    const q = encodeURIComponent('纠纷');
    const town = (await sifa.get(`/api/cases?q=${q}&pageSize=2`)).body;
    const mine = (await village.get(`/api/cases?q=${q}&pageSize=50`)).body;
    expect(mine.total).toBeLessThanOrEqual(town.total);
    expect(mine.items.every((i: { orgId: string }) => below.has(i.orgId))).toBe(true);
    if (town.total > 2) expect((await sifa.get(`/api/cases?q=${q}&pageSize=2&page=2`)).body.total).toBe(town.total);
  });
});
