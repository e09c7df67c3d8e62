import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseList } from '@fazhi/contracts';
import { loadPrincipal } from '../access/principal.ts';
import { caseCtxOf, runScoped, runSystem } from '../platform.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { clockKeysOfKind } from './definition.ts';
import { listCases, SEARCH_CAP } from './case-queries.ts';

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

  it('ranks at most the newest SEARCH_CAP matches of a word and says the list was cut', async () => {
    // SEARCH_CAP + 5 copies of one village's case, with a word no demo case has, plus one in another village.
    const s01 = await h.orgId('S01');
    const s02 = await h.orgId('S02');
    const copy = async (orgId: string, n: number, offset: number): Promise<void> => {
      await h.db.query(
        `INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, received_on, created_by, data, search_text, created_at)
         SELECT k.township_id, $1, k.case_type, '测试-调-2099-' || lpad((g + $3)::text, 5, '0'), 2099, g + $3, '光伏板遮挡采光纠纷 ' || (g + $3), k.body, k.category,
                k.status, k.status_kind, k.received_on, k.created_by, k.data, '光伏板 遮挡 采光 纠纷', now() - make_interval(secs => g + $3)
           FROM (SELECT * FROM cases WHERE case_type = 'mediation' LIMIT 1) k, generate_series(1, $2) g`, [orgId, n, offset]);
    };
    await copy(s01, SEARCH_CAP + 5, 0);
    await copy(s02, 1, 100000);
    const q = encodeURIComponent('光伏板');
    const sifa = await h.signIn('sifa');
    const town = (await sifa.get(`/api/cases?q=${q}&pageSize=50`)).body;
    expect(town.capped).toBe(true);
    expect(town.total).toBe(SEARCH_CAP);
    // Equal rank: newest first, so the newest copies are on the first page.
    expect(town.items[0].title).toBe('光伏板遮挡采光纠纷 1');
    // A village mediator of S01 reaches the same S01 copies (capped too), never S02's.
    const village = (await (await h.signIn('tiaojie1')).get(`/api/cases?q=${q}&pageSize=50`)).body;
    expect(village.capped).toBe(true);
    expect(village.items.every((i: { orgId: string }) => i.orgId === s01)).toBe(true);
    // A narrower word is not cut: the S02 case alone.
    const one = (await sifa.get(`/api/cases?q=${encodeURIComponent('光伏板遮挡采光纠纷 100001')}`)).body;
    expect(one.capped).toBeUndefined();
    expect(one.items.map((i: { orgId: string }) => i.orgId)).toContain(s02);
    // The filters count before the cap: the S02 copy is the oldest match, beyond the newest
    // SEARCH_CAP, yet a filter on its village or on its status finds it.
    const byVillage = (await sifa.get(`/api/cases?q=${q}&orgId=${s02}`)).body;
    expect(byVillage.capped).toBeUndefined();
    expect(byVillage.items.map((i: { title: string }) => i.title)).toEqual(['光伏板遮挡采光纠纷 100001']);
    await h.db.query("UPDATE cases SET status = 'withdrawn' WHERE title = '光伏板遮挡采光纠纷 100001'");
    const byStatus = (await sifa.get(`/api/cases?q=${q}&status=withdrawn`)).body;
    expect(byStatus.items.map((i: { title: string }) => i.title)).toEqual(['光伏板遮挡采光纠纷 100001']);
    expect(byStatus.total).toBe(1);
  });

  it('the search function runs as the owner yet returns only ids inside the caller\'s scope', async () => {
    const s01 = await h.orgId('S01');
    const userId = await h.userId('tiaojie2');
    const principal = await runSystem(h.platform, (c) => loadPrincipal(c, userId, 'session'));
    if (!principal) throw new Error('no principal');
    const ids = await runScoped(h.platform, { principal, ip: null, requestId: null }, async (tx) =>
      (await tx.client.query<{ id: string }>("SELECT fazhi_case_search(ARRAY['mediation'], plainto_tsquery('simple', '纠纷'), '%纠纷%', 100000, '{}') AS id")).rows.map((r) => r.id));
    const all = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'mediation' AND search_tsv @@ plainto_tsquery('simple', '纠纷')")).rows[0]?.n ?? 0;
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(all);
    const outside = (await h.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $2)', [ids, s01])).rows[0]?.n;
    expect(outside).toBe(0);
    // Without any scope (an unscoped connection of the app role) it finds nothing at all.
    const none = await runScoped(h.platform, { principal: { ...principal, grants: [] }, ip: null, requestId: null }, async (tx) =>
      (await tx.client.query("SELECT fazhi_case_search(ARRAY['mediation'], plainto_tsquery('simple', '纠纷'), '%纠纷%', 100000)")).rowCount);
    expect(none).toBe(0);
  });

  it('finds a case by its full reference or tracking number, within the scope only', async () => {
    const [k] = (await h.db.query<{ ref: string; id: string; org_id: string }>(
      "SELECT ref, id, org_id FROM cases WHERE case_type = 'mediation' AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) ORDER BY ref LIMIT 1",
      [await h.orgId('S01')])).rows;
    if (!k) throw new Error('no S01 case');
    const found = (await (await h.signIn('sifa')).get(`/api/cases?q=${encodeURIComponent(` ${k.ref} `)}`)).body;
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([k.id]);
    const tracked = await h.db.query<{ tracking_no: string; id: string }>("SELECT tracking_no, id FROM cases WHERE tracking_no IS NOT NULL AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) LIMIT 1", [await h.orgId('S01')]);
    const t = tracked.rows[0];
    if (!t) throw new Error('no tracked S01 case');
    expect((await (await h.signIn('sifa')).get(`/api/cases?q=${t.tracking_no.toLowerCase()}`)).body.items.map((i: { id: string }) => i.id)).toEqual([t.id]);
    // Another village's mediator: no such case.
    expect((await (await h.signIn('tiaojie2')).get(`/api/cases?q=${encodeURIComponent(k.ref)}`)).body).toEqual({ items: [], total: 0 });
  });
});

describe('how a list is planned', () => {
  /** The statements listCases sends for `username`, and the list's total. */
  const sentBy = async (username: string, opts: { customPlan?: boolean } = {}): Promise<{ sent: string[]; total: number; townships: number }> => {
    const sys = await h.platform.system.connect();
    const principal = await loadPrincipal(sys, await h.userId(username), 'session');
    sys.release();
    if (!principal) throw new Error(`no principal for ${username}`);
    const sent: string[] = [];
    const total = await runScoped(h.platform, { principal, ip: null, requestId: null }, async (tx) => {
      const client = new Proxy(tx.client, {
        get: (target, key) => {
          if (key !== 'query') return Reflect.get(target, key) as unknown;
          return (config: string | { text: string }, values?: unknown[]) => {
            sent.push(typeof config === 'string' ? config : config.text);
            return (target.query as (c: unknown, v?: unknown[]) => unknown)(config, values);
          };
        },
      });
      return (await listCases(caseCtxOf(h.platform, { ...tx, client }), { type: 'mediation', statusKind: 'open', page: 1, pageSize: 5 } as never, opts)).total;
    });
    return { sent, total, townships: principal.wholeTownships?.length ?? 0 };
  };
  const generic = (sent: readonly string[]): boolean => sent.some((s) => s.includes('force_generic_plan'));

  it('runs a township\'s list on its generic plan, and plans a list over several townships (or the cockpit\'s) for its scope', async () => {
    const township = await sentBy('sifa');
    expect(township.townships).toBe(1);
    expect(generic(township.sent)).toBe(true);
    expect(generic((await sentBy('sifa', { customPlan: true })).sent)).toBe(false);

    // A second township in the county: its viewer's scope covers two.
    const admin = await h.signIn('admin');
    const t = await admin.post('/api/orgs', { parentId: await h.orgId('baofeng'), kind: 'township', name: '计划镇', code: 'jihua' });
    expect(t.status).toBe(200);
    const county = await sentBy('county');
    expect(county.townships).toBeGreaterThan(1);
    expect(generic(county.sent)).toBe(false);
    expect(county.total).toBeGreaterThanOrEqual(township.total);
  });

  /** listCases as `username`, with its options. */
  const listAs = async (username: string, query: Record<string, unknown>, opts: Parameters<typeof listCases>[2] = {}): Promise<CaseList> => {
    const principal = await runSystem(h.platform, async (c) => loadPrincipal(c, await h.userId(username), 'session'));
    if (!principal) throw new Error(`no principal for ${username}`);
    return runScoped(h.platform, { principal, ip: null, requestId: null }, (tx) => listCases(caseCtxOf(h.platform, tx), { page: 1, pageSize: 3, ...query }, opts));
  };

  it('counts a list over several townships up to a cap and says so, with the same page; a township\'s and the cockpit\'s stay exact', async () => {
    // A county of two townships (the demo has one): its viewer's lists are the wide ones.
    const admin = await h.signIn('admin');
    expect((await admin.post('/api/orgs', { parentId: await h.orgId('baofeng'), kind: 'township', name: '封顶镇', code: 'fengding' })).status).toBe(200);
    const exact = await listAs('county', { type: 'mediation' }, { exactTotal: true });
    expect(exact.total).toBeGreaterThan(3);
    expect(exact.totalCapped).toBeUndefined();
    const capped = await listAs('county', { type: 'mediation' }, { countCap: 2 });
    expect(capped).toEqual({ ...exact, total: 2, totalCapped: true });
    // Under the cap: the exact figure, and nothing said.
    expect(await listAs('county', { type: 'mediation' }, { countCap: exact.total })).toEqual(exact);
    // A page past the end keeps the capped figure.
    expect(await listAs('county', { type: 'mediation', page: 1000 }, { countCap: 2 })).toEqual({ items: [], total: 2, totalCapped: true });
    // Every page in turn, newest first, as the exact list orders them.
    const pages = await Promise.all(Array.from({ length: Math.ceil(exact.total / 3) }, (_, i) => listAs('county', { type: 'mediation', page: i + 1 }, { exactTotal: true })));
    const times = pages.flatMap((p) => p.items.map((i) => i.createdAt));
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(pages.flatMap((p) => p.items.map((i) => i.id))).size).toBe(exact.total);
    // Deep pages read in order without a sort (here from the second page on, eight pages): the
    // same rows in the same order, and the setting put back for the request's later statements.
    const principal = await runSystem(h.platform, async (c) => loadPrincipal(c, await h.userId('county'), 'session'));
    if (!principal) throw new Error('no principal for county');
    const deep = await runScoped(h.platform, { principal, ip: null, requestId: null }, async (tx) => {
      const read = [];
      for (let i = 0; i < Math.min(8, pages.length); i++) read.push(await listCases(caseCtxOf(h.platform, tx), { type: 'mediation', page: i + 1, pageSize: 3 }, { countCap: 2, deepOffset: 3 }));
      return { read, sort: (await tx.client.query<{ enable_sort: string }>('SHOW enable_sort')).rows[0]?.enable_sort };
    });
    expect(deep.read.map((p) => p.items)).toEqual(pages.slice(0, 8).map((p) => p.items));
    expect(deep.sort).toBe('on');
    // A township's list is counted exactly whatever the cap.
    const town = await listAs('sifa', { type: 'mediation' }, { countCap: 2 });
    expect(town.total).toBeGreaterThan(2);
    expect(town.totalCapped).toBeUndefined();
  });

  it('finds a wide scope\'s overdue and due-soon cases from their clocks: exactly the cases with a running office clock in the window', async () => {
    const today = h.platform.cases.today();
    const nonDuty = [...clockKeysOfKind(h.platform.cases.types, 'party'), ...clockKeysOfKind(h.platform.cases.types, 'minimum')];
    const expected = (await h.db.query<{ id: string }>(
      `SELECT k.id FROM cases k WHERE k.case_type = 'mediation' AND EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = k.id AND d.status = 'running'
          AND d.due_date < $1::date AND NOT (k.case_type || '/' || d.key = ANY ($2))) ORDER BY k.created_at DESC, k.id`, [today, nonDuty])).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    const county = await listAs('county', { type: 'mediation', due: 'overdue', pageSize: 100 });
    expect((await runSystem(h.platform, async (c) => loadPrincipal(c, await h.userId('county'), 'session')))?.wholeTownships?.length).toBeGreaterThan(1);
    expect(county.items.map((i) => i.id)).toEqual(expected);
    expect(county.total).toBe(expected.length);
    // The same for the township's staff, whose list is planned the other way.
    expect((await listAs('sifa', { type: 'mediation', due: 'overdue', pageSize: 100 })).items.map((i) => i.id)).toEqual(expected);
    // A clock that has stopped is no longer overdue.
    const first = expected[0] as string;
    await h.db.query("UPDATE case_deadlines SET status = 'met' WHERE case_id = $1 AND status = 'running'", [first]);
    expect((await listAs('county', { type: 'mediation', due: 'overdue', pageSize: 100 })).items.map((i) => i.id)).toEqual(expected.slice(1));
  });
});

