import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { agreementFields, completePartyFacts } from './agreement.test-kit.ts';

/**
 * The figures are only as honest as the records: nothing a request sends may write what the
 * engine or the module keeps (the steps taken, the committee a case counts for), and every
 * dated step is checked. Today is 2026-11-26 (a Thursday).
 */
let h: Harness;
let mediator: Agent;
let sifa: Agent;
let s01: string;
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 7 }, { today: () => '2026-11-26' });
  mediator = await h.signIn('tiaojie1');
  sifa = await h.signIn('sifa');
  s01 = await h.orgId('S01');
});
afterAll(async () => { await h.close(); });

const dispute = (extra: Record<string, unknown> = {}) => ({
  type: 'mediation', orgId: s01, title: '东营村排水纠纷', category: '邻里', body: '两户因院墙排水发生争执。',
  parties: [{ kind: 'person', role: '申请人', name: '王建国' }, { kind: 'person', role: '被申请人', name: '李海军' }], ...extra,
});
const count = async (): Promise<number> => (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'mediation'")).rows[0]?.n ?? -1;
const stats = async (agent: Agent, year: number) => {
  const res = await agent.get(`/api/mediation/stats?year=${year}`);
  expect(res.status).toBe(200);
  return res.body as { received: number; byCommittee: Record<string, number> };
};
const step = (agent: Agent, id: string, version: number, transition: string, extra: Record<string, unknown> = {}) =>
  agent.post(`/api/cases/${id}/transitions`, { transition, version, ...extra });

describe('records no request can make up', () => {
  it('refuses module data that would count a dispute as accepted or give it to another committee, and writes nothing', async () => {
    const other = (await h.db.query<{ id: string }>("SELECT id FROM mediation_committees WHERE name LIKE '西营村%' LIMIT 1")).rows[0]?.id;
    expect(other).toBeTruthy();
    const before = { cases: await count(), township: await stats(sifa, 2026) };
    for (const data of [{ accept: {}, leadCommittee: other }, { leadCommittee: 'x' }, { amount: 'a lot' }]) {
      const res = await mediator.post('/api/cases', dispute({ data }));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('CASE_DATA_INVALID');
    }
    // The field is named in Chinese, by its label in the case type's schema.
    const amount = await mediator.post('/api/cases', dispute({ data: { amount: -5 } }));
    expect(amount.body.error.message).toContain('涉及金额');
    expect(await count()).toBe(before.cases);
    expect(await stats(sifa, 2026)).toEqual(before.township);
    // The registration form's own data is kept.
    const ok = await mediator.post('/api/cases', dispute({ data: { amount: 3000, people: 2, risk: 'low', consent: 'agree', intake: 'visit', facts: '院墙', claims: '拆除' } }));
    expect(ok.status).toBe(200);
    expect((await mediator.get(`/api/cases/${ok.body.id}`)).body.data).toMatchObject({ amount: 3000, risk: 'low' });
  });

  it('never answers 500 for the statistics, whatever a case row holds', async () => {
    const id = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'mediation' AND year = 2023 AND steps ? 'accept' LIMIT 1")).rows[0]?.id;
    // A row edited by hand (the owner role, outside the engine) with a committee that is no id at all.
    await h.db.query(`UPDATE cases SET facts = facts || '{"leadCommittee": "x"}', data = data || '{"leadCommittee": "y", "accept": {}}' WHERE id = $1`, [id]);
    const county = await h.signIn('county');
    for (const agent of [sifa, county]) expect((await agent.get('/api/mediation/stats?year=2023')).status).toBe(200);
    expect((await stats(sifa, 2023)).received).toBe(143);
  });

  it('refuses a step typed with the wrong kind of value, naming the field', async () => {
    const made = await mediator.post('/api/cases', dispute());
    let v = 1;
    for (const t of ['accept', 'start']) v = (await step(mediator, made.body.id, v, t)).body.version;
    const bad = await step(mediator, made.body.id, v, 'reach_agreement', { fields: { agreementForm: 'handshake', terms: '赔偿两千元' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('CASE_DATA_INVALID');
    expect(bad.body.error.message).toContain('协议形式');
    const extra = await step(mediator, made.body.id, v, 'reach_agreement', { fields: { agreementForm: 'written', terms: '赔偿两千元', onTime: true } });
    expect(extra.body.error.code).toBe('CASE_DATA_INVALID');
    expect((await mediator.get(`/api/cases/${made.body.id}`)).body.status).toBe('mediating');
  });
});

describe('dates that hold', () => {
  it('refuses a receipt in the future and steps before the previous one or after today', async () => {
    const future = await mediator.post('/api/cases', dispute({ receivedOn: '2030-01-01' }));
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('CASE_DATE_INVALID');
    const impossible = await mediator.post('/api/cases', dispute({ receivedOn: '2026-02-30' }));
    expect(impossible.status).toBe(400);
    expect(await h.db.query("SELECT 1 FROM cases WHERE ref LIKE '%-2030-%'").then((r) => r.rowCount)).toBe(0);

    const made = await mediator.post('/api/cases', dispute({ receivedOn: '2026-11-23' }));
    const id = made.body.id;
    expect((await step(mediator, id, 1, 'accept', { on: '2026-11-20' })).body.error.code).toBe('CASE_DATE_INVALID');
    expect((await step(mediator, id, 1, 'accept', { on: '2026-11-27' })).body.error.code).toBe('CASE_DATE_INVALID');
    expect((await step(mediator, id, 1, 'accept', { on: '2026-11-24' })).status).toBe(200);
    expect((await step(mediator, id, 2, 'start', { on: '2026-11-23' })).body.error.code).toBe('CASE_DATE_INVALID');
    expect((await step(mediator, id, 2, 'start', { on: '2026-11-24' })).status).toBe(200);
    expect((await step(mediator, id, 3, 'reach_agreement', { on: '2031-06-01', fields: { agreementForm: 'oral', terms: '互相谅解' } })).body.error.code).toBe('CASE_DATE_INVALID');
    const clock = (await mediator.get(`/api/cases/${id}`)).body.deadlines.find((d: { key: string }) => d.key === 'mediation');
    expect(clock).toMatchObject({ startDate: '2026-11-24', status: 'running' });
  });

  it('lets only holders of case.late_entry enter a step past the limit, and marks it on the timeline', async () => {
    // 2026-11-10 is 16 days before today: past the 7-day limit.
    const refused = await mediator.post('/api/cases', dispute({ receivedOn: '2026-11-10' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CASE_LATE_ENTRY_FORBIDDEN');
    const recent = await mediator.post('/api/cases', dispute({ receivedOn: '2026-11-20' }));
    expect(recent.status).toBe(200);
    expect((await step(mediator, recent.body.id, 1, 'accept', { on: '2026-11-21' })).status).toBe(200);

    const made = await sifa.post('/api/cases', dispute({ receivedOn: '2026-11-10' }));
    expect(made.status).toBe(200);
    const late = await step(sifa, made.body.id, 1, 'accept', { on: '2026-11-12' });
    expect(late.status).toBe(200);
    const marks = late.body.timeline.map((e: { kind: string; payload: { on?: string; lateEntry?: { enteredOn: string; enteredBy: string } } }) => [e.kind, e.payload.on, e.payload.lateEntry?.enteredOn]);
    expect(marks).toEqual([['created', '2026-11-10', '2026-11-26'], ['transition', '2026-11-12', '2026-11-26']]);
    // A step within the limit is no late entry.
    const fresh = await step(sifa, made.body.id, 2, 'start', { on: '2026-11-25' });
    expect(fresh.body.timeline.at(-1).payload.lateEntry).toBeUndefined();
  });

  it('keeps the day a case ended apart from the moment it was entered, in the case, the list and the statistics', async () => {
    const made = await sifa.post('/api/cases', dispute({ title: '补录的已结纠纷', receivedOn: '2026-06-01' }));
    const id = made.body.id;
    await completePartyFacts(h, id);
    let v = 1;
    for (const [t, on, fields] of [['accept', '2026-06-02', undefined], ['start', '2026-06-03', undefined],
      ['reach_agreement', '2026-06-13', agreementFields('赔偿两千元')]] as const) {
      v = (await step(sifa, id, v, t, { on, ...(fields ? { fields } : {}) })).body.version;
    }
    const done = await step(sifa, id, v, 'follow_up', { on: '2026-06-20', fields: { performance: '已履行' } });
    expect(done.body).toMatchObject({ status: 'resolved', endedOn: '2026-06-20' });
    expect(done.body.closedAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    const list = await sifa.get(`/api/cases?q=${encodeURIComponent(made.body.ref)}`);
    expect(list.body.items[0]).toMatchObject({ id, endedOn: '2026-06-20' });
    const behind = await sifa.get('/api/mediation/stats/cases?year=2026&metric=resolved');
    expect(behind.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ endedOn: '2026-06-20' });
  });
});

describe('assignees at registration', () => {
  it('refuses someone who may not handle the case, as assigning later would', async () => {
    const before = await count();
    const neighbour = await h.userId('tiaojie2');
    const res = await mediator.post('/api/cases', dispute({ assigneeIds: [neighbour] }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    const unknown = await mediator.post('/api/cases', dispute({ assigneeIds: ['00000000-0000-4000-8000-000000000000'] }));
    expect(unknown.body.error.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    expect(await count()).toBe(before);
    const self = await mediator.post('/api/cases', dispute({ assigneeIds: [mediator.me.user.id] }));
    expect(self.status).toBe(200);
  });
});
