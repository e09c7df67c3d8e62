import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { installJobSchema } from '../jobs/jobs.ts';
import { applyOnlineAs } from '../../modules/mediation/mediation.test-support.ts';

/** A case handed from 东营村's committee to the 司法所 and back, with the scope rules kept. */
let h: Harness;
let mediator: Agent;
let neighbour: Agent;
let sifa: Agent;
beforeAll(async () => {
  h = await createHarness({}, { today: () => '2026-11-26' });
  await installJobSchema(h.ownerUrl, h.platform.log);
  [mediator, neighbour, sifa] = await Promise.all([h.signIn('tiaojie1'), h.signIn('tiaojie2'), h.signIn('sifa')]);
});
afterAll(async () => { await h.close(); });


describe('passing a case to another office', () => {
  it('moves the case and its rows into the receiving office\'s scope, tells both offices and the citizen, and keeps the sender reading', async () => {
    const kase = await applyOnlineAs(h, 'transfer-apply-0001', { phone: '13800003333' });
    const sfs = await h.orgId('sfs');
    const before = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE template = 'case.transferred'")).rows[0]?.n ?? 0;
    // The case page offers the action to whoever handles the open case.
    expect((await mediator.get(`/api/cases/${kase.id}`)).body.actions).toContainEqual(
      { key: 'transfer', kind: 'transfer', label: { zh: '转交其他单位', en: 'Pass to another office' }, requires: ['toOrgId', 'reason'] });
    // Where it may go: the township's offices and villages but its own, each saying whether someone there may handle it.
    const targets = await mediator.get(`/api/cases/${kase.id}/transfer-targets`);
    expect(targets.status).toBe(200);
    const byId = new Map((targets.body.items as { id: string; kind: string; canHandle: boolean }[]).map((o) => [o.id, o]));
    expect(byId.get(sfs)).toMatchObject({ kind: 'office', canHandle: true });
    expect(byId.has(await h.orgId('S01'))).toBe(false);
    expect(byId.get(await h.orgId('S02'))).toMatchObject({ kind: 'village', canHandle: true });
    expect((await neighbour.get(`/api/cases/${kase.id}/transfer-targets`)).status).toBe(404);
    // A neighbour village cannot pass what it cannot see.
    expect((await neighbour.post(`/api/cases/${kase.id}/transfer`, { toOrgId: sfs, reason: '越权转交' })).status).toBe(404);
    const res = await mediator.post(`/api/cases/${kase.id}/transfer`, { toOrgId: sfs, reason: '涉及多村，需司法所统一调处' });
    expect(res.status).toBe(200);
    const rows = (await h.db.query<{ tbl: string; n: number }>(
      `SELECT 'events' AS tbl, count(*)::int AS n FROM case_events WHERE case_id = $1 AND org_id <> $2
       UNION ALL SELECT 'parties', count(*)::int FROM case_parties WHERE case_id = $1 AND org_id <> $2
       UNION ALL SELECT 'deadlines', count(*)::int FROM case_deadlines WHERE case_id = $1 AND org_id <> $2`, [kase.id, sfs])).rows;
    expect(rows.every((r) => r.n === 0)).toBe(true);
    // The receiving office may act; the sender reads it, without actions; the neighbour still sees nothing.
    const there = await sifa.get(`/api/cases/${kase.id}`);
    expect(there.body.orgName).toBe('司法所（公共法律服务工作站）');
    expect(there.body.actions.map((a: { key: string }) => a.key)).toContain('accept');
    const sent = await mediator.get(`/api/cases/${kase.id}`);
    expect(sent.status).toBe(200);
    expect(sent.body.actions).toEqual([]);
    expect(sent.body.timeline.at(-1)).toMatchObject({ kind: 'transfer', label: '转交', payload: { toOrg: '司法所（公共法律服务工作站）', reason: '涉及多村，需司法所统一调处' } });
    expect((await mediator.post(`/api/cases/${kase.id}/transitions`, { transition: 'accept', version: sent.body.version })).status).toBe(403);
    expect((await mediator.get(`/api/cases/${kase.id}/transfer-targets`)).status).toBe(403);
    expect((await neighbour.get(`/api/cases/${kase.id}`)).status).toBe(404);
    const told = (await h.db.query<{ kind: string; user_id: string }>("SELECT kind, user_id FROM notifications WHERE case_id = $1 AND kind LIKE 'case.transferred%'", [kase.id])).rows;
    expect(told.some((n) => n.kind === 'case.transferred_in' && n.user_id === sifa.me.user.id)).toBe(true);
    expect(told.some((n) => n.kind === 'case.transferred_out' && n.user_id === mediator.me.user.id)).toBe(true);
    expect((await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE template = 'case.transferred'")).rows[0]?.n).toBe(before + 1);
    expect((await h.db.query("SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'case.transfer'", [kase.id])).rowCount).toBe(1);
    // The citizen's tracking timeline names the receiving office (never the reason or who).
    const { trackingNo, queryCode } = kase as unknown as { trackingNo: string; queryCode: string };
    const track = await h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: trackingNo, code: queryCode } });
    expect(track.json<{ view: { timeline: { label: { zh: string } }[] } }>().view.timeline.at(-1)?.label.zh).toBe('已转交司法所（公共法律服务工作站）办理');

    // And back: the village office has it again, whole.
    const back = await sifa.post(`/api/cases/${kase.id}/transfer`, { toOrgId: await h.orgId('S01'), reason: '由村调委会先行调解', keepRead: false });
    expect(back.status).toBe(200);
    const home = await mediator.get(`/api/cases/${kase.id}`);
    expect(home.body.actions.map((a: { key: string }) => a.key)).toContain('accept');
    expect((await h.db.query('SELECT org_id FROM case_shares WHERE case_id = $1', [kase.id])).rowCount).toBe(0);
  });

  it('refuses an office outside the township, and a case that has ended', async () => {
    const kase = await applyOnlineAs(h, 'transfer-apply-0002', { phone: '13800003333' });
    const county = await sifa.post(`/api/cases/${kase.id}/transfer`, { toOrgId: await h.orgId('sfj'), reason: '转县司法局' });
    expect(county.body.error.code).toBe('CASE_TRANSFER_OUTSIDE_TOWNSHIP');
    expect((await sifa.post(`/api/cases/${kase.id}/transitions`, { transition: 'refuse', version: 1, fields: { reason: '对方明确拒绝调解' } })).status).toBe(200);
    const ended = await sifa.post(`/api/cases/${kase.id}/transfer`, { toOrgId: await h.orgId('sfs'), reason: '转司法所' });
    expect(ended.body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    expect((await sifa.get(`/api/cases/${kase.id}`)).body.actions.map((a: { key: string }) => a.key)).not.toContain('transfer');
    expect((await sifa.get(`/api/cases/${kase.id}`)).body.orgName).toBe('东营村');
  });
});
