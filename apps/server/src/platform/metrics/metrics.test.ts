import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import { main } from '../../cli/main.ts';

/** The metrics registry over the demo town: every figure opens to its records, and they agree. */
let h: Harness;
let sifa: Agent;
let county: Agent;
let mediator: Agent;
beforeAll(async () => {
  h = await createHarness();
  [sifa, county, mediator] = await Promise.all([h.signIn('sifa'), h.signIn('county'), h.signIn('tiaojie1')]);
});
afterAll(async () => { await h.close(); });

type Value = { value: number | null; numerator?: number; denominator?: number; unit: string };

describe('the metrics registry', () => {
  it('serves mediation\'s 2023 figures for the township from the records: 143 received, 138 resolved, 5 guided', async () => {
    const township = await h.orgId('zhangbaqiao');
    const get = async (code: string) => (await sifa.get(`/api/metrics/${code}?year=2023&orgId=${township}`)).body as Value;
    expect((await get('mediation.received')).value).toBe(143);
    expect((await get('mediation.resolved')).value).toBe(138);
    expect((await get('mediation.guided')).value).toBe(5);
    expect(await get('mediation.successRate')).toMatchObject({ unit: 'rate', numerator: 138, denominator: 143, value: Math.round((138 / 143) * 10000) / 10000 });
    const refused = await get('mediation.refused');
    expect(refused.value).toBeGreaterThanOrEqual(0);
  });

  it('never shows a figure that disagrees with its list, for any metric, at any scope', async () => {
    const catalogue = (await sifa.get('/api/metrics')).body.items as { code: string; unit: string }[];
    expect(catalogue.length).toBeGreaterThan(10);
    const scopes: [Agent, string][] = [[sifa, await h.orgId('zhangbaqiao')], [county, await h.orgId('baofeng')], [mediator, await h.orgId('S01')]];
    for (const [agent, orgId] of scopes) {
      // Each figure the agent may read (a village's mediator reads no governance figures).
      for (const m of (await agent.get('/api/metrics')).body.items as { code: string; unit: string }[]) {
        const v = (await agent.get(`/api/metrics/${m.code}?year=2023&orgId=${orgId}`)).body as Value;
        const res = await agent.get(`/api/metrics/${m.code}/records?year=2023&orgId=${orgId}`);
        expect(res.status, `${m.code} at ${orgId}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
        const list = res.body.items as { id: string }[];
        expect(new Set(list.map((r) => r.id)).size, `${m.code} at ${orgId}`).toBe(list.length);
        expect(m.unit === 'count' ? v.value : v.numerator, `${m.code} at ${orgId}`).toBe(list.length);
      }
    }
    // A village's figure counts its own cases only, and is part of the township's.
    const village = (await mediator.get(`/api/metrics/mediation.received?year=2023&orgId=${await h.orgId('S01')}`)).body as Value;
    expect(village.value).toBeGreaterThan(0);
    expect(village.value).toBeLessThan(143);
  });

  it('keeps each caller to the orgs where the figure may be read', async () => {
    const neighbour = await h.signIn('tiaojie2');
    expect((await neighbour.get(`/api/metrics/mediation.received?year=2023&orgId=${await h.orgId('S01')}`)).status).toBe(404);
    expect((await neighbour.get(`/api/metrics/mediation.received/records?year=2023&orgId=${await h.orgId('zhangbaqiao')}`)).status).toBe(404);
    const clerk = await h.signIn('xinfang');
    expect(((await clerk.get('/api/metrics')).body.items as { code: string }[]).some((m) => m.code.startsWith('mediation.'))).toBe(false);
    expect((await sifa.get('/api/metrics/mediation.nothing?year=2023')).status).toBe(404);
  });

  it('prints the same figures from the command line (fazhi metrics)', async () => {
    let out = '';
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent' });
    try {
      const code = await main(['metrics', '--org', 'zhangbaqiao', '--year', '2023', '--json'], { print: (x) => { out += x; }, error: (x) => { out += x; } });
      expect(code, out).toBe(0);
      let bad = '';
      expect(await main(['metrics', '--org', 'zhangbaqiao', '--year', '2023', '--metric', 'mediation.nothing'], { print: () => undefined, error: (x) => { bad += x; } })).toBe(2);
      expect(bad).toMatch(/^没有这个指标/);
    } finally {
      process.env = saved;
    }
    const printed = JSON.parse(out) as { metrics: { code: string; value: number | null }[] };
    const byCode = Object.fromEntries(printed.metrics.map((m) => [m.code, m.value]));
    expect(byCode).toMatchObject({ 'mediation.received': 143, 'mediation.resolved': 138, 'mediation.guided': 5 });
    const api = (await sifa.get(`/api/metrics/mediation.onTimeRate?year=2023&orgId=${await h.orgId('zhangbaqiao')}`)).body as Value;
    expect(byCode['mediation.onTimeRate']).toBe(api.value);
  });
});
