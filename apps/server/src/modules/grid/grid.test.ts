import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { installJobSchema } from '../../platform/jobs/jobs.ts';

/**
 * Grid events (网格事件) on the engine: each stage's clock and its length by category, the
 * whole loop, 退回重办 counted, 就地办结, 不予立案, the referral to mediation with the link both
 * ways, and who sees what: another grid's worker and another township's staff see nothing.
 */
let h: Harness;
let wangge: Agent; // 东营村第1网格's worker
let wangge2: Agent; // 西营村第1网格's worker
let zhang: Agent; // 东营村's 网格长
let zongzhi: Agent; // the township's 综治中心
let today = '2025-09-29';
let grid1 = '';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { today: () => today });
  // The job queue, so that a citizen's receipt SMS is queued.
  await installJobSchema(h.ownerUrl, h.platform.log);
  [wangge, wangge2, zhang, zongzhi] = await Promise.all([h.signIn('wangge'), h.signIn('wangge2'), h.signIn('wanggezhang'), h.signIn('zongzhi')]);
  grid1 = await h.orgId('S01G1');
});
afterAll(async () => { await h.close(); });

const report = async (agent: Agent, over: Record<string, unknown> = {}) => {
  const res = await agent.post('/api/grid/events', { category: '环境卫生', description: '东营村村口垃圾池满溢，两天未清运，气味很大。', position: { lat: 33.8712, lng: 113.1021 }, address: '东营村村口', ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; ref: string; status: string };
};
const view = async (agent: Agent, id: string) => (await agent.get(`/api/cases/${id}`)).body;
const clock = async (id: string, key: string) => (await view(zongzhi, id)).deadlines.find((d: { key: string }) => d.key === key);
const step = async (agent: Agent, id: string, transition: string, fields: Record<string, unknown>, on?: string) => {
  const v = await view(zongzhi, id);
  return agent.post(`/api/cases/${id}/transitions`, { transition, version: v.version, fields, ...(on ? { on } : {}) });
};
const ok = async (agent: Agent, id: string, transition: string, fields: Record<string, unknown>, on?: string) => {
  const res = await step(agent, id, transition, fields, on);
  expect(res.status, `${transition}: ${JSON.stringify(res.body)}`).toBe(200);
};

describe('the grid event type', () => {
  it('is listed with a clock per stage, each a local rule settable by category', async () => {
    const t = (await zongzhi.get('/api/case-types')).body.items.find((x: { code: string }) => x.code === 'grid_event');
    expect(t.refCode).toBe('格');
    expect(t.deadlines.map((d: { key: string; length: number }) => [d.key, d.length])).toEqual([
      ['accept', 1], ['dispatch', 1], ['handle', 5], ['report_back', 1], ['verify', 2], ['verify_on_spot', 2], ['rework', 3]]);
    for (const d of t.deadlines) {
      expect(d.basis).toMatch(/非法律规定的期限/);
      expect(d.configurable.byCategory).toBe(true);
    }
  });
});

describe('the loop', () => {
  it('runs a worker\'s report through filing, dispatch, handling, report back, verification and evaluation, each stage on its clock', async () => {
    today = '2025-09-29';
    const e = await report(wangge);
    expect(e.ref).toMatch(/^张八桥-格-2025-\d{4}$/);
    const v = await view(wangge, e.id);
    expect(v.status).toBe('reported');
    expect(v.orgId).toBe(grid1);
    // The day after is 09-30; the National Day holiday follows.
    expect(await clock(e.id, 'accept')).toMatchObject({ dueDate: '2025-09-30', status: 'running' });
    // The worker may not file: that is the 综治中心's.
    expect((await step(wangge, e.id, 'file', { verification: '属实' })).body.error.code).toBe('FORBIDDEN');
    expect((await step(zongzhi, e.id, 'file', {})).body.error.code).toBe('CASE_FIELDS_REQUIRED');
    await ok(zongzhi, e.id, 'file', { verification: '经网格员现场照片核实，情况属实' }, '2025-09-29');
    expect(await clock(e.id, 'accept')).toMatchObject({ status: 'met', onTime: true });
    // Filed on 09-29: dispatch due the next working day, 09-30.
    expect(await clock(e.id, 'dispatch')).toMatchObject({ dueDate: '2025-09-30' });
    today = '2025-10-09';
    await ok(zongzhi, e.id, 'dispatch', { handler: '东营村村委会（保洁队）', instructions: '当日清运' }, '2025-10-09');
    expect(await clock(e.id, 'dispatch')).toMatchObject({ status: 'missed', onTime: false });
    // 5 working days from 10-09: 10-10, 10-11 (a make-up Saturday), 10-13, 10-14, 10-15.
    expect(await clock(e.id, 'handle')).toMatchObject({ dueDate: '2025-10-15', status: 'running' });
    await ok(wangge, e.id, 'handle', { measures: '保洁队已清运，垃圾池消毒' }, '2025-10-09');
    await ok(wangge, e.id, 'report_back', { result: '已清运完毕，附处置后照片' }, '2025-10-09');
    expect(await clock(e.id, 'handle')).toMatchObject({ status: 'met', onTime: true });
    await ok(zongzhi, e.id, 'verify_close', { verification: '回访村民，已清理干净' }, '2025-10-09');
    expect((await view(zongzhi, e.id)).status).toBe('verified');
    expect((await step(zongzhi, e.id, 'evaluate', { grade: '很好' })).body.error.code).toBe('CASE_DATA_INVALID');
    await ok(zongzhi, e.id, 'evaluate', { grade: '满意' }, '2025-10-09');
    const done = await view(wangge, e.id);
    expect(done.status).toBe('closed');
    expect(done.endedOn).toBe('2025-10-09');
  });

  it('takes the length the township set for the category: a fire hazard is handled within 1 working day, sanitation within 5', async () => {
    const admin = await h.signIn('admin');
    const township = await h.orgId('zhangbaqiao');
    const set = await admin.put('/api/case-types/grid_event/clocks/handle', { townshipId: township, length: 1, category: '消防隐患' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await admin.put('/api/case-types/grid_event/clocks/handle', { townshipId: township, length: 31, category: '消防隐患' })).body.error.code).toBe('CLOCK_LENGTH_OUT_OF_BOUNDS');
    today = '2025-11-03';
    const fire = await report(wangge, { category: '消防隐患', description: '出租屋楼道堆放电动车电池，私拉电线充电。' });
    const dirt = await report(wangge);
    for (const e of [fire, dirt]) {
      await ok(zongzhi, e.id, 'file', { verification: '属实' });
      await ok(zongzhi, e.id, 'dispatch', { handler: '东营村第1网格' });
    }
    // Dispatched Monday 11-03.
    expect((await clock(fire.id, 'handle')).dueDate).toBe('2025-11-04');
    expect((await clock(dirt.id, 'handle')).dueDate).toBe('2025-11-10');
  });

  it('counts 退回重办: verification sends it back, the rework has its own clock, and the timeline keeps each', async () => {
    today = '2025-11-10';
    const e = await report(wangge, { category: '市政设施', description: '东营村主街两盏路灯不亮。' });
    await ok(zongzhi, e.id, 'file', { verification: '属实' });
    await ok(zongzhi, e.id, 'dispatch', { handler: '镇村建办' });
    await ok(wangge, e.id, 'handle', { measures: '更换灯泡一只' });
    await ok(wangge, e.id, 'report_back', { result: '已修复' });
    await ok(zongzhi, e.id, 'rework', { reason: '仍有一盏不亮' });
    const v = await view(zongzhi, e.id);
    expect(v.status).toBe('dispatched');
    expect(await clock(e.id, 'rework')).toMatchObject({ startDate: '2025-11-10', status: 'running' });
    await ok(wangge, e.id, 'handle', { measures: '更换线路' });
    expect(await clock(e.id, 'rework')).toMatchObject({ status: 'met', onTime: true });
    await ok(wangge, e.id, 'report_back', { result: '两盏均已修复' });
    await ok(zongzhi, e.id, 'verify_close', { verification: '夜间查看，已亮' });
    const reworks = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND transition = 'rework'", [e.id])).rows[0]?.n;
    expect(reworks).toBe(1);
  });

  it('takes a report the worker settled on the spot straight to verification, counted as self-handled', async () => {
    today = '2025-11-11';
    const e = await report(wangge, { category: '矛盾纠纷', description: '两户因晾衣占道发生口角。', solvedOnSpot: '现场劝解，双方同意各自收回，已和好' });
    expect(e.status).toBe('reported_back');
    expect(await clock(e.id, 'accept')).toMatchObject({ status: 'met', onTime: true });
    expect(await clock(e.id, 'verify_on_spot')).toMatchObject({ status: 'running', dueDate: '2025-11-13' });
    expect((await view(zongzhi, e.id)).actions.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['verify_close', 'rework']));
    await ok(zongzhi, e.id, 'verify_close', { verification: '电话回访双方，属实' });
    const row = (await h.db.query<{ steps: Record<string, unknown>; facts: { grid: { channel: string; villageId: string } } }>('SELECT steps, facts FROM cases WHERE id = $1', [e.id])).rows[0];
    expect(Object.keys(row?.steps ?? {})).toEqual(expect.arrayContaining(['solve_on_spot', 'verify_close']));
    expect(row?.facts.grid).toMatchObject({ channel: 'worker', villageId: await h.orgId('S01') });
  });

  it('cancels a report that is not a grid matter (不予立案) with the reason, and the clocks with it', async () => {
    today = '2025-11-12';
    const e = await report(wangge, { category: '其他', description: '村民询问养老保险缴费标准。' });
    expect((await step(zongzhi, e.id, 'cancel', { reason: '随便' })).body.error.code).toBe('CASE_DATA_INVALID');
    await ok(zongzhi, e.id, 'cancel', { reason: '不属于网格事件受理范围', note: '已告知到村便民服务站咨询' });
    const v = await view(zongzhi, e.id);
    expect(v.status).toBe('cancelled');
    expect(await clock(e.id, 'accept')).toMatchObject({ status: 'met', onTime: true });
    expect((await step(zongzhi, e.id, 'file', { verification: 'x' })).body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
  });

  it('refuses a report without a known category or out of the worker\'s grid, and writes nothing', async () => {
    const before = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'grid_event'")).rows[0]?.n;
    const bad = await wangge.post('/api/grid/events', { category: '外星人', description: '看到不明飞行物' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect([403, 404]).toContain((await wangge.post('/api/grid/events', { gridId: await h.orgId('S02G1'), category: '其他', description: '别的网格' })).status);
    expect((await wangge.post('/api/grid/events', { category: '其他', description: '位置错误', position: { lat: 91, lng: 0 } })).status).toBe(400);
    expect((await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'grid_event'")).rows[0]?.n).toBe(before);
  });
});

describe('to mediation', () => {
  it('turns a dispute into a people\'s mediation case, linked both ways, the event naming its reference', async () => {
    today = '2025-11-13';
    const e = await report(wangge, { category: '矛盾纠纷', description: '王、李两户宅基地边界纠纷，双方争执不下。' });
    const body = { orgId: await h.orgId('S01'), category: '房屋宅基地', applicant: { name: '王大山', phone: '13912345670' }, respondent: { name: '李小河' }, note: '双方同意由村调委会调解', consent: true };
    // Not before it is filed, not without consent, not by the worker.
    expect((await zongzhi.post(`/api/grid/events/${e.id}/mediation`, body)).body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    await ok(zongzhi, e.id, 'file', { verification: '属实' });
    expect((await zongzhi.post(`/api/grid/events/${e.id}/mediation`, { ...body, consent: false })).body.error.code).toBe('PETITION_MEDIATION_CONSENT');
    expect((await wangge.post(`/api/grid/events/${e.id}/mediation`, body)).status).toBe(403);
    const res = await zongzhi.post(`/api/grid/events/${e.id}/mediation`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ref).toMatch(/^张八桥-调-2025-\d{4}$/);
    expect((await zongzhi.post(`/api/grid/events/${e.id}/mediation`, body)).body.error.code).toBe('GRID_MEDIATION_EXISTS');
    // The 综治中心 reads both: each page links the other.
    const ev = await view(zongzhi, e.id);
    expect(ev.links.map((l: { ref: string }) => l.ref)).toContain(res.body.ref);
    expect(ev.timeline.some((t: { kind: string; payload: { ref?: string } }) => t.kind === 'mediation_referral' && t.payload.ref === res.body.ref)).toBe(true);
    const sifa = await h.signIn('sifa');
    const med = await view(sifa, res.body.id);
    expect(med.type).toBe('mediation');
    expect(med.body).toContain(e.ref);
    expect(med.links.map((l: { ref: string }) => l.ref)).toContain(e.ref);
  });
});

describe('to the petition office', () => {
  it('registers a demand the event carries as a petition at the township, transferred by the 综治中心, linked both ways', async () => {
    today = '2025-11-13';
    const e = await report(wangge, { category: '民生服务', description: '村民反映低保评定不公开，要求说明。' });
    const body = { category: '村务管理', petitioner: { name: '赵老汉', phone: '13912345671' }, request: '要求公开本村低保评定结果', note: '属于信访事项，转信访办依程序办理' };
    expect((await zongzhi.post(`/api/grid/events/${e.id}/petition`, body)).body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    await ok(zongzhi, e.id, 'file', { verification: '属实' });
    expect((await wangge.post(`/api/grid/events/${e.id}/petition`, body)).status).toBe(403);
    expect((await zongzhi.post(`/api/grid/events/${e.id}/petition`, { ...body, category: '外星人' })).status).toBe(400);
    const res = await zongzhi.post(`/api/grid/events/${e.id}/petition`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ref).toMatch(/^张八桥-访-2025-\d{4}$/);
    expect((await zongzhi.post(`/api/grid/events/${e.id}/petition`, body)).body.error.code).toBe('GRID_PETITION_EXISTS');
    // The petition office has it as a transferred matter naming the event, at the township, with its 15-day notice running.
    const xinfang = await h.signIn('xinfang');
    const pet = await view(xinfang, res.body.id);
    expect(pet.type).toBe('petition');
    expect(pet.data).toMatchObject({ channel: '转送交办', request: '要求公开本村低保评定结果', villageId: await h.orgId('S01') });
    expect(pet.links.map((l: { ref: string }) => l.ref)).toContain(e.ref);
    expect((await view(zongzhi, e.id)).timeline.some((t: { kind: string }) => t.kind === 'petition_referral')).toBe(true);
  });
});

describe('who sees what', () => {
  it('shows a grid\'s events to its worker and its 网格长, and nothing of them to another grid\'s worker, on reads and writes', async () => {
    today = '2025-11-14';
    const e = await report(wangge, { category: '治安隐患', description: '东营村废弃厂房夜间有人聚集。' });
    expect((await zhang.get(`/api/cases/${e.id}`)).status).toBe(200);
    expect((await wangge2.get(`/api/cases/${e.id}`)).status).toBe(404);
    expect([403, 404]).toContain((await wangge2.post(`/api/cases/${e.id}/transitions`, { transition: 'solve_on_spot', version: 1, fields: { result: '越权' } })).status);
    expect([403, 404]).toContain((await wangge2.post(`/api/cases/${e.id}/comments`, { text: '越权' })).status);
    const list = (await wangge2.get('/api/cases?type=grid_event&pageSize=100')).body.items as { id: string }[];
    expect(list.map((x) => x.id)).not.toContain(e.id);
    const own = (await wangge.get('/api/cases?type=grid_event&pageSize=100')).body.items as { id: string }[];
    expect(own.map((x) => x.id)).toContain(e.id);
    // The worker's grid page counts his grid's events only.
    const mine = (await wangge.get('/api/grid/mine')).body.items;
    expect(mine.map((g: { id: string }) => g.id)).toEqual([grid1]);
    expect((await wangge2.get('/api/grid/mine')).body.items.map((g: { id: string }) => g.id)).toEqual([await h.orgId('S02G1')]);
    expect((await zhang.get('/api/grid/mine')).body.items).toHaveLength(3);
  });

  it('keeps the events out of another township\'s 综治中心', async () => {
    const admin = await h.signIn('admin');
    const t = await admin.post('/api/orgs', { parentId: await h.orgId('baofeng'), kind: 'township', name: '李庄镇', code: 'lizhuang' });
    expect(t.status).toBe(200);
    const u = await h.db.query<{ id: string }>(
      `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password)
       SELECT $1, $1, 'lizhuang1', '李庄镇 综治', password_hash, false FROM users WHERE username = 'zongzhi' RETURNING id`, [t.body.id]);
    await h.db.query(`INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) SELECT $1, r.id, $2, $2, 'subtree' FROM roles r WHERE r.code = 'grid_center'`, [u.rows[0]?.id, t.body.id]);
    const other = await h.signIn('lizhuang1');
    const e = await report(wangge, { category: '道路交通', description: '村道塌陷一处。' });
    expect((await other.get(`/api/cases/${e.id}`)).status).toBe(404);
    expect([403, 404]).toContain((await step(other, e.id, 'file', { verification: '越权' })).status);
    expect([403, 404]).toContain((await other.post(`/api/grid/events/${e.id}/mediation`, { orgId: await h.orgId('S01'), category: '邻里纠纷', applicant: { name: '甲' }, respondent: { name: '乙' }, note: '越权转调解', consent: true })).status);
    expect((await other.get('/api/cases?type=grid_event&pageSize=100')).body.items).toEqual([]);
    expect([403, 404]).toContain((await other.get(`/api/grid/members?orgId=${grid1}`)).status);
    expect((await view(zongzhi, e.id)).status).toBe('reported');
  });
});

describe('figures', () => {
  it('counts the year\'s events by category, self-handled, reworked and each stage\'s on-time rate from the records', async () => {
    const town = await h.orgId('zhangbaqiao');
    const m = async (code: string, orgId = town) => (await zongzhi.get(`/api/metrics/grid.${code}?year=2025&orgId=${orgId}`)).body;
    const records = async (code: string) => (await zongzhi.get(`/api/metrics/grid.${code}/records?year=2025&orgId=${town}`)).body.items as { ref: string }[];
    const received = (await m('received')).value as number;
    expect(received).toBe((await records('received')).length);
    expect(received).toBeGreaterThanOrEqual(9);
    expect((await m('receivedFire')).value).toBe(1);
    expect((await m('receivedDispute')).value).toBe(2);
    expect((await m('selfHandled')).value).toBe(1);
    expect((await m('cancelled')).value).toBe(1);
    expect((await m('reworked')).value).toBe(1);
    expect((await records('reworked') as unknown as { title: string }[])[0]?.title).toMatch(/路灯/);
    // The first event was dispatched late; every other dispatch of the year was on time.
    const dispatch = await m('dispatchOnTimeRate');
    expect((await m('dispatchTimed')).value).toBe((await m('dispatchOnTime')).value + 1);
    expect(dispatch.value).toBeLessThan(1);
    expect((await m('selfHandledShare')).value).toBeCloseTo(1 / received, 3);
    // A village's figure is its subtree's; another village has none.
    expect((await m('received', await h.orgId('S01'))).value).toBe(received);
    expect((await m('received', await h.orgId('S02'))).value).toBe(0);
  });
});

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('随手拍 on the portal', () => {
  it('turns a citizen\'s photo, village and description into a tracked grid event the village\'s 网格长 sees', async () => {
    today = '2025-11-17';
    const village = await h.orgId('S01');
    const res = await h.app.inject({ method: 'POST', url: '/api/public/grid/reports', payload: {
      villageId: village, position: { lat: 33.8701, lng: 113.1011 }, category: '道路交通', description: '东营村桥头护栏断了一截，晚上很危险。',
      photo: PNG, reporter: { name: '刘群众', phone: '13700001111' }, consent: true,
    } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ ref: string; trackingNo: string; queryCode: string }>();
    expect(body.ref).toMatch(/^张八桥-格-2025-/);
    expect(body.queryCode).toMatch(/^\d{6}$/);
    const id = (await h.db.query<{ id: string }>('SELECT id FROM cases WHERE ref = $1', [body.ref])).rows[0]?.id ?? '';
    const v = await view(zhang, id);
    expect(v.orgId).toBe(village);
    expect(v.source).toBe('public');
    expect(v.parties[0]).toMatchObject({ role: '报告人', phoneMasked: '137****1111' });
    expect(v.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['随手拍照片.png']);
    // The citizen follows it with the pair.
    const track = await h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: body.trackingNo, code: body.queryCode } });
    expect(track.json()).toMatchObject({ found: true });
    // Another village's worker sees nothing of it.
    expect((await wangge2.get(`/api/cases/${id}`)).status).toBe(404);
  });

  it('places a report sent with a position only in the grid whose boundary holds it, and texts the reporter the number', async () => {
    today = '2025-11-18';
    // A point inside 西营村第1网格's demo boundary (a convex cell): the mean of its outline's corners.
    const grid = await h.orgId('S02G1');
    const outline = (await h.db.query<{ ring: [number, number][] }>("SELECT geometry -> 'coordinates' -> 0 AS ring FROM geo_boundaries WHERE org_id = $1", [grid])).rows[0]?.ring ?? [];
    const corners = outline.slice(0, -1);
    expect(corners.length).toBeGreaterThanOrEqual(3);
    const box = { lng: corners.reduce((n, c) => n + c[0], 0) / corners.length, lat: corners.reduce((n, c) => n + c[1], 0) / corners.length };
    const res = await h.app.inject({ method: 'POST', url: '/api/public/grid/reports', payload: {
      position: { lat: box.lat, lng: box.lng }, category: '环境卫生', description: '路边垃圾堆了好几天没人清运。', reporter: { name: '赵群众', phone: '13700002222' }, consent: true,
    } });
    expect(res.statusCode, res.body).toBe(200);
    const ref = res.json<{ ref: string }>().ref;
    const row = (await h.db.query<{ id: string; org_id: string }>('SELECT id, org_id FROM cases WHERE ref = $1', [ref])).rows[0];
    expect(row?.org_id).toBe(grid);
    // The grid's own worker has it; the neighbouring village's does not.
    expect((await wangge2.get(`/api/cases/${row?.id ?? ''}`)).status).toBe(200);
    expect((await wangge.get(`/api/cases/${row?.id ?? ''}`)).status).toBe(404);
    // The tracking number and query code went by SMS, once.
    const sms = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE template = 'application.received' AND params ->> 'trackingNo' = (SELECT tracking_no FROM cases WHERE ref = $1)", [ref])).rows[0]?.n;
    expect(sms).toBe(1);
  });

  it('refuses a report without a place, a photo that is not an image, and an unknown village, writing nothing', async () => {
    const before = (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'grid_event'")).rows[0]?.n;
    const send = (payload: Record<string, unknown>) => h.app.inject({ method: 'POST', url: '/api/public/grid/reports', payload: { category: '其他', description: '一个需要处理的问题。', consent: true, ...payload } });
    expect((await send({})).json().error.code).toBe('GRID_PLACE_REQUIRED');
    expect((await send({ villageId: await h.orgId('S01'), photo: 'data:image/png;base64,SGVsbG8gd29ybGQ=' })).json().error.code).toBe('GRID_PHOTO_INVALID');
    expect((await send({ villageId: await h.orgId('xfb') })).statusCode).toBe(400);
    expect((await send({ villageId: await h.orgId('S01'), category: '外星人' })).statusCode).toBe(400);
    expect((await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'grid_event'")).rows[0]?.n).toBe(before);
    expect((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_attachments WHERE uploaded_by IS NULL')).rows[0]?.n).toBe(1);
  });
});
