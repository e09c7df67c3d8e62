import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { download, upload } from '../mediation/ledger/ledger.test-kit.ts';
import { workOrderColumns } from './complaints.workbook.ts';
import { main } from '../../cli/main.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';

/**
 * Complaints (投诉件) on the engine: the reply clock across the 2025 National Day and the
 * 2026 Spring Festival, its length set by category, reopening when the complainant is not
 * satisfied, the 12345 work-order import, the public side, and another township's clerk.
 */
let h: Harness;
let clerk: Agent;
let township: string;
let today = '2025-09-30';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { today: () => today });
  clerk = await h.signIn('xinfang');
  township = await h.orgId('zhangbaqiao');
});
afterAll(async () => { await h.close(); });

const complaint = (over: Record<string, unknown> = {}) => ({
  channel: 'phone', category: '政务服务', subject: '镇便民服务中心', facts: '窗口工作人员态度生硬，材料一次没有说清楚，跑了三趟。',
  complainant: { name: '王秀英', phone: '13912345678' }, ...over,
});
const register = async (over: Record<string, unknown> = {}) => {
  const res = await clerk.post('/api/complaints', complaint(over));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; ref: string; trackingNo: string | null; queryCode: string | null };
};
const view = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body;
const clock = async (id: string, key: string) => (await view(id)).deadlines.find((d: { key: string }) => d.key === key);
const step = async (id: string, transition: string, fields: Record<string, unknown>, on?: string) => {
  const v = await view(id);
  const res = await clerk.post(`/api/cases/${id}/transitions`, { transition, version: v.version, fields, ...(on ? { on } : {}) });
  return res;
};
const reply = { content: '已核实并整改，窗口实行一次性告知。', method: '电话' };

describe('the complaint type', () => {
  it('is listed with its reply clocks, their basis saying they are administrative rules, and settable by category', async () => {
    const types = (await clerk.get('/api/case-types')).body.items;
    const t = types.find((x: { code: string }) => x.code === 'complaint');
    expect(t.citizenFacing).toBe(true);
    expect(t.deadlines.map((d: { key: string; length: number; unit: string; kind: string }) => [d.key, d.length, d.unit, d.kind])).toEqual([['reply', 5, 'wd', 'duty'], ['reply_again', 5, 'wd', 'duty']]);
    for (const d of t.deadlines) {
      expect(d.basis).toMatch(/非法律规定的期限/);
      expect(d.configurable).toEqual({ min: 1, max: 15, byCategory: true });
    }
    expect(t.transitions.filter((x: { citizen?: boolean }) => x.citizen).map((x: { key: string }) => x.key)).toEqual(['reopen', 'close']);
  });
});

describe('the reply clock', () => {
  it('counts 5 working days over the 2025 National Day and the 2026 Spring Festival', async () => {
    today = '2025-09-30';
    const a = await register({ receivedOn: '2025-09-30' });
    // 10-01..10-08 off; 10-11 (Saturday) a working day.
    expect((await clock(a.id, 'reply')).dueDate).toBe('2025-10-14');
    today = '2026-02-12';
    const b = await register({ receivedOn: '2026-02-12' });
    // 02-14 (Saturday) a working day; 02-15..02-23 off.
    expect((await clock(b.id, 'reply')).dueDate).toBe('2026-02-26');
  });

  it('takes the length the township set for the complaint\'s category; other categories keep the default', async () => {
    const admin = await h.signIn('admin');
    const set = await admin.put('/api/case-types/complaint/clocks/reply', { townshipId: township, length: 3, category: '环境卫生' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ clock: 'reply', category: '环境卫生', length: 3 });
    expect((await admin.put('/api/case-types/complaint/clocks/reply', { townshipId: township, length: 3, category: '不存在' })).status).toBe(400);
    expect((await admin.put('/api/case-types/complaint/clocks/reply', { townshipId: township, length: 16, category: '环境卫生' })).body.error.code).toBe('CLOCK_LENGTH_OUT_OF_BOUNDS');
    // A clock not set by category refuses one.
    expect((await admin.put('/api/case-types/mediation/clocks/mediation', { townshipId: township, length: 20, category: '邻里' })).status).toBe(400);
    const list = (await admin.get(`/api/case-types/complaint/clocks?townshipId=${township}`)).body.items;
    expect(list.find((r: { clock: string; category: string | null }) => r.clock === 'reply' && r.category === '环境卫生').length).toBe(3);
    expect(list.find((r: { clock: string; category: string | null }) => r.clock === 'reply' && r.category === null).length).toBe(5);
    today = '2025-09-30';
    const sanitation = await register({ receivedOn: '2025-09-30', category: '环境卫生' });
    const service = await register({ receivedOn: '2025-09-30', category: '政务服务' });
    expect((await clock(sanitation.id, 'reply')).dueDate).toBe('2025-10-11');
    expect((await clock(service.id, 'reply')).dueDate).toBe('2025-10-14');
  });
});

describe('reply, satisfaction, reopening', () => {
  it('records the reply on time, reopens once when not satisfied with a new reply clock, and closes with the rating', async () => {
    today = '2025-10-20';
    const c = await register({ receivedOn: '2025-10-09' });
    expect((await step(c.id, 'reply', {}, '2025-10-10')).body.error.code).toBe('CASE_FIELDS_REQUIRED');
    expect((await step(c.id, 'reply', { ...reply, method: '飞鸽' }, '2025-10-10')).body.error.code).toBe('CASE_DATA_INVALID');
    const r = await step(c.id, 'reply', reply, '2025-10-13');
    expect(r.status).toBe(200);
    expect(await clock(c.id, 'reply')).toMatchObject({ dueDate: '2025-10-15', status: 'met', onTime: true });
    expect((await step(c.id, 'reopen', { reason: '问题没有解决' }, '2025-10-15')).status).toBe(200);
    const again = await clock(c.id, 'reply_again');
    expect(again).toMatchObject({ startDate: '2025-10-15', dueDate: '2025-10-22', status: 'running' });
    // Replied after its due date: late, and so counted.
    today = '2025-10-24';
    expect((await step(c.id, 'reply_again', { ...reply, content: '重新办理：已约谈窗口负责人。' }, '2025-10-23')).status).toBe(200);
    expect(await clock(c.id, 'reply_again')).toMatchObject({ status: 'missed', onTime: false });
    // After the second reply a 不满意 closes it: there is no second reopening.
    expect((await step(c.id, 'reopen', { reason: '还是不满意' })).body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    expect((await step(c.id, 'close', { satisfaction: '不满意' })).status).toBe(200);
    const v = await view(c.id);
    expect(v.status).toBe('closed');
  });
});

const workOrderFile = async (rows: (string | Date | null)[][]): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('12345工单');
  ws.addRow(workOrderColumns.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
const countComplaints = async (): Promise<number> => (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'complaint'")).rows[0]?.n ?? 0;

describe('12345 work orders from Excel', () => {
  it('offers a template, creates each work order once however often the file is imported, and starts its reply clock', async () => {
    today = '2025-12-03';
    // The template holds no record: a plain GET.
    const tplRes = await h.app.inject({ method: 'GET', url: '/api/complaints/work-orders/template.xlsx', headers: { cookie: clerk.cookie } });
    const tpl = { status: tplRes.statusCode, body: tplRes.rawPayload };
    expect(tpl.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.body as unknown as ArrayBuffer);
    expect(wb.getWorksheet('12345工单')?.getRow(1).values).toEqual([undefined, ...workOrderColumns.map((c) => c.header)]);
    const file = await workOrderFile([
      ['GD2025120100001', '2025-12-01', '2025-12-08', '李长江', '13800001111', '环境卫生', '垃圾清运', '村口垃圾池一周未清运。'],
      ['GD2025120100002', new Date(Date.UTC(2025, 11, 2)), null, '赵红霞', null, '交通出行', '公交班次', '早高峰一个多小时没有公交车。'],
    ]);
    const before = await countComplaints();
    const first = await upload(clerk, '/api/complaints/work-orders/imports', file, '工单.xlsx');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ total: 2, created: 2, existing: [] });
    const again = await upload(clerk, '/api/complaints/work-orders/imports', file, '工单.xlsx');
    expect(again.body).toMatchObject({ total: 2, created: 0 });
    expect(again.body.existing.map((e: { workOrderNo: string }) => e.workOrderNo)).toEqual(['GD2025120100001', 'GD2025120100002']);
    expect(await countComplaints()).toBe(before + 2);
    const id = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE data ->> 'workOrderNo' = 'GD2025120100001'")).rows[0]?.id ?? '';
    const v = await view(id);
    expect(v.source).toBe('hotline');
    expect(v.trackingNo).toBeNull();
    // 环境卫生 was set to 3 working days above.
    expect((await clock(id, 'reply')).dueDate).toBe('2025-12-04');
    // Entered at the desk, the same number is refused.
    const dup = await clerk.post('/api/complaints', complaint({ channel: 'hotline', workOrderNo: 'GD2025120100001' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('COMPLAINT_WORK_ORDER_TAKEN');
    expect((await clerk.post('/api/complaints', complaint({ channel: 'hotline' }))).body.error.code).toBe('COMPLAINT_WORK_ORDER_REQUIRED');
  });

  it('refuses a file with bad rows as a whole, each problem in Chinese by row, and writes nothing', async () => {
    today = '2025-12-03';
    const before = await countComplaints();
    const file = await workOrderFile([
      ['GD2025120200001', '2025-12-02', null, '孙丽娟', '13800002222', '政务服务', '便民服务中心', '办事要跑好几趟。'],
      ['GD2025120200002', '2025-12-09', null, '周国庆', null, '政务服务', '便民服务中心', '派单日期在将来。'],
      ['GD2025120200003', '2025-12-02', '2025-11-30', '吴春燕', null, '政务服务', '便民服务中心', '办理时限早于派单日期。'],
      ['GD2025120200004', '2025-12-02', null, '马卫东', '12345', '天气', '便民服务中心', '类别和电话都不对。'],
      ['GD2025120200001', '2025-12-02', null, '孙丽娟', null, '政务服务', '便民服务中心', '与第2行重复。'],
      ['GD2025120200006', '2025-02-30', null, '', null, '政务服务', '便民服务中心', '日期不存在，来电人为空。'],
    ]);
    const res = await upload(clerk, '/api/complaints/work-orders/imports', file);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('COMPLAINT_IMPORT_INVALID');
    const problems = res.body.error.details.problems as { row: number; column: string; message: string }[];
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => `${p.column}:${p.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['派单日期:派单日期（2025-12-09）晚于今天，请检查']);
    expect(at(4)).toEqual(['办理时限:办理时限（2025-11-30）早于派单日期（2025-12-02）']);
    expect(at(5)).toEqual(expect.arrayContaining([expect.stringMatching(/^诉求类别:/), expect.stringMatching(/^联系电话:/)]));
    expect(at(6)).toEqual(['工单编号:工单编号与第2行重复']);
    expect(at(7)).toEqual(expect.arrayContaining(['来电人:来电人不能为空', '派单日期:派单日期不是有效日期（如 2026-12-01）']));
    expect(await countComplaints()).toBe(before);
    const notXlsx = await upload(clerk, '/api/complaints/work-orders/imports', Buffer.from('工单编号,派单日期\n'));
    expect(notXlsx.body.error.code).toBe('LEDGER_FILE_INVALID');
  });

  it('exports the year with formula-like text neutralised', async () => {
    today = '2025-12-03';
    await register({ subject: '=HYPERLINK("http://x","点我")', receivedOn: '2025-12-03' });
    const res = await download(h, clerk, '/api/complaints/export.xlsx?year=2025');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    wb.worksheets[0]?.eachRow((row) => { cells.push(row.getCell(6).value); });
    expect(cells).toContain('\'=HYPERLINK("http://x","点我")');
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });
});

describe('the public side', () => {
  const track = async (no: string, code: string) => h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no, code } });
  const rate = (body: object) => h.app.inject({ method: 'POST', url: '/api/public/complaints/satisfaction', payload: body });

  it('takes a citizen\'s complaint with a tracking number, shows each dated public step, and lets the complainant rate it', async () => {
    today = '2025-12-01';
    const sub = await h.app.inject({ method: 'POST', url: '/api/public/complaints', payload: {
      category: '工作作风', subject: '村委会值班', facts: '工作日上午到村委会开证明，值班室没有人，电话也没人接。', complainant: { name: '陈玉梅', phone: '13700001234' }, consent: true,
    } });
    expect(sub.statusCode, sub.body).toBe(200);
    const { trackingNo, queryCode, ref } = sub.json();
    expect(ref).toMatch(/^张八桥-诉-2025-\d{4}$/);
    expect(trackingNo).toBeTruthy();
    const id = (await h.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_no = $1', [trackingNo])).rows[0]?.id ?? '';
    // The phone is sealed at rest and masked on the case page.
    const party = (await h.db.query<{ phone_enc: Buffer }>('SELECT phone_enc FROM case_parties WHERE case_id = $1', [id])).rows[0];
    expect(party?.phone_enc.toString('latin1')).not.toContain('13700001234');
    expect((await view(id)).parties[0].phoneMasked).not.toContain('00001234');
    const open = (no: string, code: string) => h.app.inject({ method: 'POST', url: '/api/public/complaints/satisfaction/open', payload: { no, code } });
    expect((await open(trackingNo, queryCode)).json()).toEqual({ complaint: true, open: false, reopensIfUnsatisfied: false });
    expect((await rate({ no: trackingNo, code: queryCode, satisfaction: '满意' })).json().error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    today = '2025-12-03';
    expect((await step(id, 'reply', reply, '2025-12-03')).status).toBe(200);
    expect((await open(trackingNo, queryCode)).json()).toEqual({ complaint: true, open: true, reopensIfUnsatisfied: true });
    // A wrong code is refused and counted against the address.
    const wrong = await rate({ no: trackingNo, code: queryCode === '000000' ? '111111' : '000000', satisfaction: '满意' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('TRACK_NOT_FOUND');
    expect((await rate({ no: trackingNo, code: queryCode, satisfaction: '不满意', comment: '证明开了，但值班还是没人' })).json()).toEqual({ status: 'reopened', reopened: true });
    expect((await clock(id, 'reply_again')).startDate).toBe('2025-12-03');
    today = '2025-12-05';
    expect((await step(id, 'reply_again', { ...reply, content: '已落实村干部坐班值班并公示值班电话。' }, '2025-12-05')).status).toBe(200);
    expect((await open(trackingNo, queryCode)).json()).toEqual({ complaint: true, open: true, reopensIfUnsatisfied: false });
    expect((await rate({ no: trackingNo, code: queryCode, satisfaction: '基本满意' })).json()).toEqual({ status: 'closed', reopened: false });
    const tracked = (await track(trackingNo, queryCode)).json();
    expect(tracked.found).toBe(true);
    expect(tracked.view.closed).toBe(true);
    expect(tracked.view.timeline.map((e: { label: { zh: string } }) => e.label.zh)).toEqual(['已登记', '已答复，请评价', '不满意，重新办理中', '已再次答复，请评价', '已办结']);
    for (const e of tracked.view.timeline) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The citizen's steps are the citizen's: no actor, audited as such.
    const steps = (await h.db.query<{ transition: string; actor_id: string | null }>("SELECT transition, actor_id FROM case_events WHERE case_id = $1 AND kind = 'transition' ORDER BY id", [id])).rows;
    expect(steps).toEqual([
      { transition: 'reply', actor_id: clerk.me.user.id }, { transition: 'reopen', actor_id: null },
      { transition: 'reply_again', actor_id: clerk.me.user.id }, { transition: 'close', actor_id: null },
    ]);
    expect((await view(id)).steps?.close ?? (await h.db.query("SELECT steps -> 'close' AS s FROM cases WHERE id = $1", [id])).rows[0]?.s).toEqual({ satisfaction: '基本满意' });
  });
});

describe('another township', () => {
  it('sees none of this township\'s complaints, figures or records', async () => {
    const admin = await h.signIn('admin');
    const lizhuang = (await admin.post('/api/orgs', { parentId: await h.orgId('baofeng'), kind: 'township', name: '李庄乡', code: 'lizhuang' })).body.id;
    await h.db.query(
      `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password)
       SELECT $1, $1, 'lizhuang_xf', '李庄乡信访办', password_hash, false FROM users WHERE username = 'xinfang'`, [lizhuang]);
    await h.db.query(
      `INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope)
       SELECT u.id, r.id, $1, $1, 'subtree' FROM users u, roles r WHERE u.username = 'lizhuang_xf' AND r.code = 'petition_clerk'`, [lizhuang]);
    const other = await h.signIn('lizhuang_xf');
    const ours = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'complaint' AND township_id = $1 LIMIT 1", [township])).rows[0]?.id ?? '';
    expect((await other.get('/api/cases?type=complaint')).body.total).toBe(0);
    expect((await other.get(`/api/cases/${ours}`)).status).toBe(404);
    expect((await other.get(`/api/metrics/complaints.received?year=2023&orgId=${township}`)).status).toBe(404);
    expect((await other.get(`/api/metrics/complaints.received?year=2023`)).body.value).toBe(0);
    const exported = await download(h, other, '/api/complaints/export.xlsx?year=2025');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBe(1);
    expect((await download(h, other, `/api/complaints/export.xlsx?year=2025&orgId=${township}`)).status).toBe(404);
    expect((await upload(other, `/api/complaints/work-orders/imports?orgId=${township}`, Buffer.from('x'))).status).toBe(404);
  });
});

describe('the demo town\'s figures', () => {
  it('are metrics with the records behind them for 2023 and 2024', async () => {
    const leader = await h.signIn('leader');
    for (const year of [2023, 2024]) {
      const received = (await leader.get(`/api/metrics/complaints.received?year=${year}&orgId=${township}`)).body;
      const records = (await leader.get(`/api/metrics/complaints.received/records?year=${year}&orgId=${township}`)).body.items;
      expect(received.value).toBeGreaterThan(30);
      expect(records).toHaveLength(received.value);
      const byChannel = await Promise.all(['Portal', 'Phone', 'Hotline', 'Visit'].map(async (ch) => (await leader.get(`/api/metrics/complaints.received${ch}?year=${year}&orgId=${township}`)).body.value as number));
      expect(byChannel.reduce((a, b) => a + b, 0)).toBe(received.value);
      const rate = (await leader.get(`/api/metrics/complaints.satisfactionRate?year=${year}&orgId=${township}`)).body;
      expect(rate.value).toBeGreaterThan(0.7);
      expect(rate.value).toBeLessThan(1);
      expect((await leader.get(`/api/metrics/complaints.reopened?year=${year}&orgId=${township}`)).body.value).toBeGreaterThan(0);
      const onTime = (await leader.get(`/api/metrics/complaints.onTimeRate?year=${year}&orgId=${township}`)).body;
      expect(onTime.denominator).toBe(received.value);
    }
  });
});

describe('fazhi metrics', () => {
  it('prints the demo town\'s complaint figures for 2023 as JSON', async () => {
    let out = '';
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent' });
    try {
      expect(await main(['metrics', '--org', 'zhangbaqiao', '--year', '2023', '--json'], { print: (s) => { out += s; }, error: (s) => { out += s; } })).toBe(0);
    } finally {
      process.env = saved;
    }
    const figures = new Map((JSON.parse(out) as { metrics: { code: string; value: number | null }[] }).metrics.map((m) => [m.code, m.value]));
    expect(figures.get('complaints.received')).toBe(48);
    for (const code of ['complaints.replied', 'complaints.repliedOnTime', 'complaints.reopened', 'complaints.satisfactionRate', 'complaints.onTimeRate', 'complaints.receivedHotline']) {
      expect(figures.get(code), code).toBeGreaterThan(0);
    }
  });
});
