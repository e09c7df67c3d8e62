import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';

/**
 * The public-safety figures in the metrics registry: the demo town's 2023 registers and visits
 * and its cameras' 备案, each figure equal to its list of records, no record naming a person.
 */
let h: Harness;
let leader: Agent;
let town: string;
beforeAll(async () => {
  h = await createHarness({}, { today: () => '2026-11-30' });
  leader = await h.signIn('zongzhi');
  town = await h.orgId('zhangbaqiao');
});
afterAll(async () => { await h.close(); });

const figure = async (code: string, year: number) => (await leader.get(`/api/metrics/${code}?year=${year}&orgId=${town}`)).body;
const records = async (code: string, year: number) => (await leader.get(`/api/metrics/${code}/records?year=${year}&orgId=${town}`)).body;

describe('public-safety metrics', () => {
  it('counts the 2023 registers by kind, the visits and those on schedule, each with its records', async () => {
    const persons = await figure('safety.persons', 2023);
    expect(persons.value).toBe(54);
    const kinds = ['Floating', 'Resettlement', 'CommunityCorrection', 'MentalDisorder', 'DrugUser', 'Youth', 'Petitioner', 'Cult'];
    let sum = 0;
    for (const k of kinds) sum += (await figure(`safety.persons${k}`, 2023)).value;
    expect(sum).toBe(54);
    const visits = await figure('safety.visits', 2023);
    const onSchedule = await figure('safety.visitsOnSchedule', 2023);
    expect(visits.value).toBeGreaterThan(100);
    expect(onSchedule.value).toBeGreaterThan(visits.value / 2);
    expect(onSchedule.value).toBeLessThan(visits.value);
    const rate = await figure('safety.visitOnScheduleRate', 2023);
    expect(rate.value).toBeCloseTo(onSchedule.value / visits.value, 3);
    const list = await records('safety.visitsOnSchedule', 2023);
    expect(list.items.length).toBe(onSchedule.value);
    expect(list.items.every((r: { receivedOn: string; title: string }) => r.receivedOn.startsWith('2023-') && r.title.includes('走访'))).toBe(true);
  });

  it('counts the cameras due for 备案 in 2025 and those filed on time', async () => {
    const due = await figure('safety.camerasFilingDue', 2025);
    const onTime = await figure('safety.camerasFiledOnTime', 2025);
    expect(due.value).toBe(22);
    expect(onTime.value).toBeGreaterThan(10);
    expect(onTime.value).toBeLessThan(22);
    expect((await records('safety.camerasFiledOnTime', 2025)).items.length).toBe(onTime.value);
    expect((await figure('safety.cameras', 2026)).value).toBe(30);
  });

  it('writes the registers into the annual report\'s 二 with live figures', async () => {
    const clerk = await h.signIn('dangzheng');
    const created = await clerk.post('/api/annual-reports', { year: 2025 });
    expect(created.status).toBe(200);
    const measures = created.body.content.sections.find((s: { key: string }) => s.key === 'measures');
    const text = measures.blocks.map((b: { text: string }) => b.text).join('\n');
    expect(text).toContain('推进平安建设，加强重点人群服务管理');
    expect(text).toContain('{{safety.persons}}');
  });

  it('is closed to a user without the register permission', async () => {
    const mediator = await h.signIn('tiaojie1');
    expect([403, 404]).toContain((await mediator.get(`/api/metrics/safety.persons?year=2023&orgId=${await h.orgId('S01')}`)).status);
  });
});
