import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import { main } from '../../cli/main.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

describe('mediation statistics over the demo town', () => {
  it('computes the 2023 report\'s figures from the records: 143 received, 138 resolved, 5 guided to legal channels', async () => {
    const sifa = await h.signIn('sifa');
    const res = await sifa.get('/api/mediation/stats?year=2023');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 143, resolved: 138, guided: 5, transferred: 0, ongoing: 0 });
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(res.body.byVillage)).toBe(143);
    expect(sum(res.body.byCategory)).toBe(143);
    expect(sum(res.body.byMonth)).toBe(143);
    expect(Object.keys(res.body.byMonth).every((m) => m.startsWith('2023-'))).toBe(true);
    // By committee: the lead mediator's (the professional committee takes traffic accidents,
    // 老杨's studio some of his village's disputes), the rest the village's or the town's.
    expect(sum(res.body.byCommittee)).toBe(143);
    expect(Object.keys(res.body.byCommittee).every((k) => /人民调解委员会$|调解工作室$/.test(k))).toBe(true);
    const traffic = (await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE case_type = 'mediation' AND year = 2023 AND category = '道路交通事故' AND steps ? 'accept'")).rows[0]?.n ?? 0;
    expect(res.body.byCommittee['道路交通事故纠纷人民调解委员会'] ?? 0).toBe(traffic);
    expect(res.body.successRate).toBeCloseTo(138 / 143, 4);
    expect(res.body.onTimeRate).toBeLessThan(1);
    const stored = await h.db.query("SELECT count(*)::int AS n FROM settings WHERE key LIKE '%mediation%'");
    expect(stored.rows[0]?.n).toBe(0);
  });

  it('counts the parties\' ratings (好差评) and the cases concluded on time, each with its cases', async () => {
    const sifa = await h.signIn('sifa');
    const before = (await sifa.get('/api/mediation/stats?year=2023')).body;
    const closed = (await h.db.query<{ id: string; township_id: string }>(
      "SELECT id, township_id FROM cases WHERE case_type = 'mediation' AND year = 2023 AND status = 'resolved' AND id NOT IN (SELECT case_id FROM case_ratings) ORDER BY ref LIMIT 2")).rows;
    const [good, poor] = closed;
    if (!good || !poor) throw new Error('no resolved 2023 cases');
    await h.db.query("INSERT INTO case_ratings (case_id, township_id, score, channel) VALUES ($1, $2, 5, 'tracking'), ($3, $4, 2, 'tracking')",
      [good.id, good.township_id, poor.id, poor.township_id]);
    const after = (await sifa.get('/api/mediation/stats?year=2023')).body;
    expect(after.rated).toBe(before.rated + 2);
    expect(after.praised).toBe(before.praised + 1);
    expect(after.praiseRate).toBeCloseTo(after.praised / after.rated, 4);
    const praised = (await sifa.get('/api/mediation/stats/cases?year=2023&metric=praised')).body.items.map((i: { id: string }) => i.id);
    expect(praised).toContain(good.id);
    expect(praised).not.toContain(poor.id);
    const onTime = (await sifa.get('/api/mediation/stats/cases?year=2023&metric=onTime')).body.items;
    expect(onTime).toHaveLength(after.onTime);
    expect(after.onTime).toBeGreaterThan(0);
  });

  it('lists the cases behind each figure', async () => {
    const sifa = await h.signIn('sifa');
    const guided = await sifa.get('/api/mediation/stats/cases?year=2023&metric=guided');
    expect(guided.body.items).toHaveLength(5);
    expect(guided.body.items.every((c: { status: string }) => c.status === 'failed')).toBe(true);
    const resolved = await sifa.get('/api/mediation/stats/cases?year=2023&metric=resolved');
    expect(resolved.body.items).toHaveLength(138);
    const one = await sifa.get(`/api/cases/${guided.body.items[0].id}`);
    expect(one.body.stepFields.fail.legalRoute).toMatch(/告知当事人/);
    expect((await sifa.get('/api/mediation/stats/cases?year=2023&metric=everything')).status).toBe(400);
  });

  it('keeps a village mediator to the own village\'s figures', async () => {
    const own = (await (await h.signIn('sifa')).get('/api/mediation/stats?year=2023')).body.byVillage['东营村'] ?? 0;
    const mediator = await h.signIn('tiaojie1');
    const res = await mediator.get('/api/mediation/stats?year=2023');
    expect(res.body.received).toBe(own);
    expect(Object.keys(res.body.byVillage)).toEqual(own > 0 ? ['东营村'] : []);
  });

  it('prints the figures from the command line', async () => {
    let out = '';
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent' });
    try {
      const code = await main(['mediation', 'stats', '--township', '张八桥镇', '--year', '2023', '--json'], { print: (s) => { out += s; }, error: (s) => { out += s; } });
      expect(code).toBe(0);
    } finally {
      process.env = saved;
    }
    const stats = JSON.parse(out);
    expect(stats).toMatchObject({ received: 143, resolved: 138, guided: 5, transferred: 0, ongoing: 0 });
    expect(stats.byCategory).toBeTypeOf('object');
    expect(stats.byVillage).toBeTypeOf('object');
    expect(Object.values(stats.byCommittee as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(143);
  });

  it('has the live year\'s desk populated with open and overdue cases', async () => {
    const sifa = await h.signIn('sifa');
    const open = await sifa.get('/api/cases?type=mediation&statusKind=open&pageSize=50');
    expect(open.body.total).toBeGreaterThanOrEqual(8);
    const board = await sifa.get('/api/cases/overdue');
    expect(board.body.items.length).toBeGreaterThan(0);
  });
});
