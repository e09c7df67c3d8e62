import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { sm3 } from '../../platform/crypto/sm.ts';
import { installJobSchema } from '../../platform/jobs/jobs.ts';
import { agreementFields, completePartyFacts, noticeAllParties } from './agreement.test-kit.ts';

let h: Harness;
let mediator: Agent;
beforeAll(async () => {
  h = await createHarness({}, { today: () => '2026-11-26' });
  // As at a server's start: the online application queues its SMS on the job queue.
  await installJobSchema(h.ownerUrl, h.platform.log);
  mediator = await h.signIn('tiaojie1');
});
afterAll(async () => { await h.close(); });

const s01 = async () => h.orgId('S01');

describe('mediation work', () => {
  it('runs the whole journey: register, accept, suggest and assign mediators, record and sign a session, reach an agreement, follow up', async () => {
    const created = await mediator.post('/api/cases', {
      type: 'mediation', orgId: await s01(), title: '东营村宅基地边界纠纷', category: '房屋宅基地', body: '两户因宅基地界址发生争执。',
      parties: [{ kind: 'person', role: '申请人', name: '王建国', phone: '13800001111' }, { kind: 'person', role: '被申请人', name: '李海军' }],
    });
    expect(created.status).toBe(200);
    expect(created.body.ref).toMatch(/^张八桥-调-2026-\d{4}$/);
    const id = created.body.id;
    await mediator.post(`/api/cases/${id}/transitions`, { transition: 'accept', version: 1 });
    const suggested = (await mediator.get(`/api/mediation/cases/${id}/suggested-mediators`)).body.items;
    expect(suggested[0].reasons).toContain('本村调解员');
    expect(suggested[0].mediator.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const lead = suggested[0].mediator.id;
    // The mediator's load on 调解组织与调解员, as the case moves: open while it runs, mediated once agreed.
    const loadOf = async (mediatorId: string): Promise<{ open: number | undefined; resolved: number | undefined }> => {
      const items = (await mediator.get('/api/mediation/committees')).body.items as { mediators: { id: string; openCases: number; resolvedCases: number }[] }[];
      const m = items.flatMap((c) => c.mediators).find((x) => x.id === mediatorId);
      return { open: m?.openCases, resolved: m?.resolvedCases };
    };
    const before = await loadOf(lead);
    expect(before.open).toBeGreaterThanOrEqual(0);
    expect((await mediator.put(`/api/mediation/cases/${id}/mediators`, { mediatorIds: [lead], leadId: lead })).status).toBe(204);
    expect(await loadOf(lead)).toEqual({ open: (before.open ?? 0) + 1, resolved: before.resolved });
    // The status an assignment carries is the case's own: a write of another is not kept.
    await h.db.query("UPDATE mediation_case_mediators SET case_status = 'resolved', case_status_kind = 'closed' WHERE case_id = $1", [id]);
    expect(await loadOf(lead)).toEqual({ open: (before.open ?? 0) + 1, resolved: before.resolved });
    // The case carries its lead mediator's committee (the statistics count by it), and follows a change of lead.
    const committeeOf = async (caseId: string): Promise<string | null> =>
      (await h.db.query<{ name: string | null }>("SELECT mc.name FROM cases k LEFT JOIN mediation_committees mc ON mc.id = (k.facts ->> 'leadCommittee')::uuid WHERE k.id = $1", [caseId])).rows[0]?.name ?? null;
    expect(await committeeOf(id)).toBe('东营村人民调解委员会');
    const town = (await h.db.query<{ id: string }>("SELECT m.id FROM mediators m JOIN mediation_committees mc ON mc.id = m.committee_id WHERE mc.kind = 'township' LIMIT 1")).rows[0]?.id;
    expect((await mediator.put(`/api/mediation/cases/${id}/mediators`, { mediatorIds: [lead, town], leadId: town })).status).toBe(204);
    expect(await committeeOf(id)).toBe('张八桥镇人民调解委员会');
    expect((await mediator.put(`/api/mediation/cases/${id}/mediators`, { mediatorIds: [lead], leadId: lead })).status).toBe(204);
    expect(await committeeOf(id)).toBe('东营村人民调解委员会');
    await mediator.post(`/api/cases/${id}/transitions`, { transition: 'start', version: 2 });
    await noticeAllParties(h.db, id, '2026-11-26');
    const record = '双方到场，就东侧界址陈述意见，同意以村委会丈量结果为准。';
    const session = await mediator.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt: '2026-11-26T09:30:00+08:00', place: '东营村公共法律服务室', participants: [{ name: '王建国', role: '申请人' }, { name: '李海军', role: '被申请人' }], record,
    });
    expect(session.status).toBe(200);
    const textSm3 = sm3(record).toString('hex');
    const stale = await mediator.post(`/api/mediation/sessions/${session.body.id}/signatures`, { name: '王建国', method: 'tablet', textSm3: '0'.repeat(64) });
    expect(stale.body.error.code).toBe('CASE_STALE');
    const png = `data:image/png;base64,${Buffer.from('fake-png-bytes').toString('base64')}`;
    expect((await mediator.post(`/api/mediation/sessions/${session.body.id}/signatures`, { name: '王建国', method: 'tablet', image: png, textSm3 })).status).toBe(204);
    const sessions = (await mediator.get(`/api/mediation/cases/${id}/sessions`)).body.items;
    expect(sessions[0].signatures[0]).toMatchObject({ name: '王建国', valid: true, textSm3 });
    // Editing the record behind the signatures' back invalidates them.
    await h.db.query("UPDATE mediation_sessions SET record = record || '（补充）' WHERE id = $1", [session.body.id]);
    expect((await mediator.get(`/api/mediation/cases/${id}/sessions`)).body.items[0].signatures[0].valid).toBe(false);
    await completePartyFacts(h, id);
    const agreed = await mediator.post(`/api/cases/${id}/transitions`, { transition: 'reach_agreement', version: 3, fields: agreementFields('以村委会丈量结果为准重新埋设界石。') });
    expect(agreed.body.status).toBe('agreed');
    expect((await loadOf(lead)).resolved).toBe((before.resolved ?? 0) + 1);
    const window = agreed.body.deadlines.find((d: { key: string }) => d.key === 'confirmation');
    expect(window).toMatchObject({ status: 'running', dueDate: '2026-12-28' });
    const closed = await mediator.post(`/api/cases/${id}/transitions`, { transition: 'follow_up', version: 4, fields: { performance: '已履行' } });
    expect(closed.body.statusKind).toBe('closed');
    expect(await loadOf(lead)).toEqual({ open: before.open, resolved: (before.resolved ?? 0) + 1 });
    expect(closed.body.deadlines.find((d: { key: string }) => d.key === 'confirmation').status).toBe('cancelled');
    expect(closed.body.deadlines.find((d: { key: string }) => d.key === 'mediation')).toMatchObject({ status: 'met', onTime: true });
  });

  it('ends the case when a party refuses (人民调解法 第十七条) and records the legal route when mediation fails (第二十六条)', async () => {
    const a = await mediator.post('/api/cases', { type: 'mediation', orgId: await s01(), title: '拒绝调解', category: '邻里' });
    const refused = await mediator.post(`/api/cases/${a.body.id}/transitions`, { transition: 'refuse', version: 1, fields: { reason: '被申请人明确拒绝调解' } });
    expect(refused.body).toMatchObject({ status: 'refused', statusKind: 'terminal' });
    const b = await mediator.post('/api/cases', { type: 'mediation', orgId: await s01(), title: '调解不成', category: '合同' });
    await mediator.post(`/api/cases/${b.body.id}/transitions`, { transition: 'accept', version: 1 });
    await mediator.post(`/api/cases/${b.body.id}/transitions`, { transition: 'start', version: 2 });
    const noRoute = await mediator.post(`/api/cases/${b.body.id}/transitions`, { transition: 'fail', version: 3, fields: {} });
    expect(noRoute.body.error.code).toBe('CASE_FIELDS_REQUIRED');
    const failed = await mediator.post(`/api/cases/${b.body.id}/transitions`, { transition: 'fail', version: 3, fields: { legalRoute: '告知当事人可向宝丰县人民法院提起诉讼' } });
    expect(failed.body.status).toBe('failed');
    expect(failed.body.stepFields.fail.legalRoute).toContain('人民法院');
  });

  it('takes a citizen\'s online application, once per Idempotency-Key, with a tracking number', async () => {
    const body = {
      villageId: await s01(), category: '邻里',
      applicant: { name: '赵春燕', phone: '13912345678' }, respondent: { name: '钱某' },
      facts: '邻居在共用通道上堆放杂物，影响通行，多次沟通无果。', claims: '请求清除通道杂物。', consent: true,
    };
    const send = () => h.app.inject({ method: 'POST', url: '/api/public/mediation/applications', payload: body, headers: { 'idempotency-key': 'portal-apply-000001' } });
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.statusCode).toBe(200);
    expect(a.json().id).toBe(b.json().id);
    const first = a.json().replayed ? b.json() : a.json();
    expect(first.trackingNo).toMatch(/^2026/);
    const track = await h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: first.trackingNo, code: first.queryCode } });
    expect(track.json().view.statusLabel.zh).toBe('已收到申请');
    const seen = await mediator.get(`/api/cases/${first.id}`);
    expect(seen.body.source).toBe('public');
    expect(seen.body.parties[0].phoneMasked).toBe('139****5678');
    expect(first.smsTo).toBe('139****5678');
    const bad = await h.app.inject({ method: 'POST', url: '/api/public/mediation/applications', payload: { ...body, category: '外星纠纷' } });
    expect(bad.statusCode).toBe(400);
  });

  it('lists the sessions of every visible case in a day range, by Beijing date, for the desk', async () => {
    const created = await mediator.post('/api/cases', { type: 'mediation', orgId: await s01(), title: '东营村排水沟纠纷', category: '邻里' });
    const id = created.body.id;
    await mediator.post(`/api/cases/${id}/transitions`, { transition: 'accept', version: 1 });
    await mediator.post(`/api/cases/${id}/transitions`, { transition: 'start', version: 2 });
    const at = (heldAt: string, place: string) => mediator.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt, place, participants: [{ name: '孙某', role: '申请人' }], record: '双方陈述意见。',
    });
    // 23:30 Beijing time on the 3rd is still the 3rd (15:30 UTC); 00:30 on the 4th is not.
    expect((await at('2026-12-03T23:30:00+08:00', '东营村村委会')).status).toBe(200);
    expect((await at('2026-12-04T00:30:00+08:00', '张八桥镇司法所')).status).toBe(200);
    const day = await mediator.get('/api/mediation/sessions?from=2026-12-03&to=2026-12-03');
    expect(day.status).toBe(200);
    expect(day.body.total).toBe(1);
    expect(day.body.items[0]).toMatchObject({ place: '东营村村委会', caseId: id, caseRef: created.body.ref, caseTitle: '东营村排水沟纠纷', caseStatus: 'mediating', orgName: '东营村', participants: 1, signatures: 0 });
    const week = await mediator.get('/api/mediation/sessions?from=2026-12-01&to=2026-12-07&pageSize=1&page=2');
    expect(week.body.total).toBe(2);
    expect(week.body.items.map((x: { place: string }) => x.place)).toEqual(['张八桥镇司法所']);
    // The township's office sees the village's sessions; a neighbour village's mediator does not.
    expect((await (await h.signIn('sifa')).get('/api/mediation/sessions?from=2026-12-01&to=2026-12-07')).body.total).toBe(2);
    const other = await (await h.signIn('tiaojie2')).get('/api/mediation/sessions?from=2026-12-01&to=2026-12-07');
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    for (const range of ['from=2026-12-07&to=2026-12-01', 'from=2026-01-01&to=2026-12-31']) {
      const bad = await mediator.get(`/api/mediation/sessions?${range}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'DATE_RANGE_INVALID', message: expect.stringContaining('92天') });
    }
    expect((await mediator.get('/api/mediation/sessions?from=2026-12-01')).body.error.code).toBe('VALIDATION');
  });

  it('keeps another village\'s mediator out of this village\'s sessions and mediators', async () => {
    const other = await h.signIn('tiaojie2');
    const kase = (await h.db.query("SELECT id FROM cases WHERE case_type = 'mediation' AND org_id = $1 LIMIT 1", [await s01()])).rows[0];
    expect((await other.get(`/api/mediation/cases/${kase.id}/sessions`)).status).toBe(404);
    expect((await other.get(`/api/mediation/cases/${kase.id}/suggested-mediators`)).status).toBe(404);
    const committees = (await other.get('/api/mediation/committees')).body.items.map((c: { name: string }) => c.name);
    expect(committees).toContain('西营村人民调解委员会');
    expect(committees).toContain('张八桥镇人民调解委员会');
    expect(committees).not.toContain('东营村人民调解委员会');
  });
});

describe('screening (排查)', () => {
  it('proves full coverage for every month of 2023 and shows who has not answered this month', async () => {
    const sifa = await h.signIn('sifa');
    const y2023 = (await sifa.get('/api/mediation/screenings?year=2023')).body.items;
    expect(y2023).toHaveLength(12);
    expect(y2023.every((r: { fullCoverage: boolean; total: number }) => r.fullCoverage && r.total === 18)).toBe(true);
    expect(y2023.reduce((n: number, r: { found: number }) => n + r.found, 0)).toBeGreaterThan(100);
    const now = (await sifa.get('/api/mediation/screenings?year=2026')).body.items.at(-1);
    expect(now.period).toBe('2026-11');
    expect(now.fullCoverage).toBe(false);
    const pending = now.returns.find((r: { status: string }) => r.status === 'pending');
    expect(pending).toBeDefined();
  });

  it('takes a village\'s nil return, and refuses a return for a neighbour village', async () => {
    const round = (await (await h.signIn('sifa')).get('/api/mediation/screenings?year=2026')).body.items.at(-1);
    const own = await s01();
    const other = round.returns.find((r: { orgName: string; status: string }) => r.status === 'pending' && r.orgName !== '东营村').orgId;
    const mine = await mediator.put(`/api/mediation/screenings/${round.id}/returns/${own}`, { nil: true, note: '本月无新增矛盾纠纷' });
    expect(mine.status).toBe(204);
    const neighbour = await mediator.put(`/api/mediation/screenings/${round.id}/returns/${other}`, { nil: true });
    expect(neighbour.status).toBe(404);
    const theirs = (await h.db.query('SELECT status FROM screening_returns WHERE round_id = $1 AND org_id = $2', [round.id, other])).rows[0];
    expect(theirs.status).toBe('pending');
  });
});
