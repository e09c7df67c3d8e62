import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { anotherTownshipClerk } from '../disclosure/disclosure.test-support.ts';

/**
 * The leadership group's own work: its roster with history, the implementation plan's tasks
 * under supervision on the case engine (the due date from the plan, progress, 督办 and the
 * reply, extension with a reason, completion and verification), the budget line in exact
 * money, the year's figures on the demo town's 2023; another township sees and writes nothing.
 */
let h: Harness;
let office: Agent;
let sifa: Agent;
let township = '';
let sfs = '';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 });
  office = await h.signIn('dangzheng');
  sifa = await h.signIn('sifa');
  township = await h.orgId('zhangbaqiao');
  sfs = await h.orgId('sfs');
});
afterAll(async () => { await h.close(); });

type Deadline = { key: string; dueDate: string; status: string; onTime: boolean | null; extensions: { length: number; reason: string }[] };
const caseOf = async (a: Agent, id: string) => (await a.get(`/api/cases/${id}`)).body as { status: string; version: number; deadlines: Deadline[] };
const step = (a: Agent, id: string, version: number, transition: string, on: string, fields: Record<string, unknown>) =>
  a.post(`/api/cases/${id}/transitions`, { transition, version, on, fields });

let planId = '';
const plan = async (): Promise<string> => {
  if (planId) return planId;
  const res = await office.post('/api/governance/plans', { townshipId: township, year: 2026, title: '张八桥镇2026年法治政府建设实施方案', docNo: '张政〔2026〕3号', adoptedOn: '2026-01-05' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  planId = res.body.id;
  return planId;
};
const register = (a: Agent, f: { title: string; orgId?: string; dueOn: string; receivedOn?: string; data?: Record<string, unknown> }) =>
  plan().then((p) => a.post('/api/cases', {
    type: 'plan_task', orgId: f.orgId ?? sfs, title: f.title, category: '普法与学法', receivedOn: f.receivedOn ?? '2026-01-06',
    data: { planId: p, dueOn: f.dueOn, owner: '王芳', ...f.data },
  }));

describe("the demo town's 2023", () => {
  it('counts the roster, the plan tasks, supervision and the budget line, each with its records', async () => {
    const figure = async (code: string) => (await office.get(`/api/metrics/governance.${code}?year=2023&orgId=${township}`)).body as { value: number; numerator?: number; denominator?: number };
    // Eleven seats, one of them changing hands in September.
    expect((await figure('leadershipMembers')).value).toBe(12);
    expect((await figure('planTasks')).value).toBe(12);
    expect((await figure('planTasksCompleted')).value).toBe(12);
    expect((await figure('planTasksOnTime')).value).toBe(11);
    expect((await figure('planTasksOverdue')).value).toBe(1);
    expect((await figure('supervisedTasks')).value).toBe(2);
    expect((await figure('budgetLines')).value).toBe(1);
    expect((await figure('budgetItems')).value).toBe(5);
    expect(await figure('planOnTimeRate')).toMatchObject({ numerator: 11, denominator: 12 });
    const records = (await office.get(`/api/metrics/governance.planTasks/records?year=2023&orgId=${township}`)).body.items as { ref: string }[];
    expect(records).toHaveLength(12);
    expect(records.every((r) => r.ref.startsWith('张八桥-督-2023-'))).toBe(true);
    // The plan was adopted at the year's first leadership group meeting.
    const plans = (await office.get('/api/governance/plans?year=2023')).body as { items: { id: string; meetingRef: string | null; tasks: number; supervisions: number }[] };
    expect(plans.items[0]).toMatchObject({ tasks: 12, supervisions: 3 });
    expect(plans.items[0]?.meetingRef).toMatch(/^张八桥-会-2023-/);
  });

  it('answers who sat in the group on a day, phones masked', async () => {
    const on = async (day: string) => (await office.get(`/api/governance/roster?on=${day}`)).body as { members: { name: string; place: string; phone: string | null }[]; officeName: string };
    const june = await on('2023-06-30');
    expect(june.members).toHaveLength(11);
    expect(june.members[0]).toMatchObject({ place: '组长', name: '吕跃红' });
    expect(june.members.map((m) => m.name)).toContain('王志强');
    expect(june.officeName).toBe('党政办');
    const october = (await on('2023-10-01')).members.map((m) => m.name);
    expect(october).toContain('陈晓东');
    expect(october).not.toContain('王志强');
    const phones = june.members.map((m) => m.phone).filter((p): p is string => p !== null);
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((p) => p.includes('*') && !p.includes('13837500001'))).toBe(true);
    const budget = (await office.get('/api/governance/budget?year=2023')).body;
    expect(budget).toMatchObject({ budgeted: '50000.00', spent: '46650.50', remaining: '3349.50' });
  });
});

describe('a plan task under supervision', () => {
  it('takes its due date from the plan, records progress, supervision and the reply, an extension with its reason, and completion on time', async () => {
    const res = await register(office, { title: '开展宪法宣传周活动', dueOn: '2026-03-31', data: { measures: '12月4日前后集中宣传' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ref).toMatch(/^张八桥-督-2026-/);
    const id = res.body.id as string;
    let k = await caseOf(office, id);
    expect(k.deadlines.find((d) => d.key === 'due')).toMatchObject({ dueDate: '2026-03-31', status: 'running' });
    // The owner reports progress as often as needed; it is the owner's step, not the office's to supervise.
    let r = await step(sifa, id, k.version, 'report_progress', '2026-01-20', { progress: '方案已制定' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    r = await step(sifa, id, r.body.version, 'report_progress', '2026-02-02', { progress: '已联系各村' });
    expect(r.status).toBe(200);
    expect((await step(sifa, id, r.body.version, 'supervise', '2026-02-03', { notice: '请加快', replyBy: '2026-02-10' })).status).toBe(403);
    // A reply without a notice, a notice whose reply is due the same day: refused.
    expect((await step(sifa, id, r.body.version, 'reply_supervision', '2026-02-03', { reply: '无' })).body.error.code).toBe('GOVERNANCE_NO_SUPERVISION');
    expect((await step(office, id, r.body.version, 'supervise', '2026-02-03', { notice: '请加快', replyBy: '2026-02-03' })).body.error.code).toBe('GOVERNANCE_REPLY_BY_INVALID');
    r = await step(office, id, r.body.version, 'supervise', '2026-02-03', { notice: '请加快推进', replyBy: '2026-02-10' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const notices = (await sifa.get('/api/notifications')).body.items as { kind: string; caseId: string; body: string }[];
    expect(notices.find((n) => n.kind === 'task.supervision' && n.caseId === id)?.body).toContain('2026年2月10日');
    r = await step(sifa, id, r.body.version, 'reply_supervision', '2026-02-06', { reply: '已完成8个村' });
    expect(r.status).toBe(200);
    expect((await step(sifa, id, r.body.version, 'reply_supervision', '2026-02-06', { reply: '再答一次' })).body.error.code).toBe('GOVERNANCE_NO_SUPERVISION');
    // Extension: the office's, with its reason, kept on the clock; the owner may not move the date.
    expect((await sifa.post(`/api/cases/${id}/deadlines/due/extend`, { length: 10, reason: '天气原因' })).status).toBe(403);
    expect((await office.post(`/api/cases/${id}/deadlines/due/extend`, { length: 10, reason: '' })).status).toBeGreaterThanOrEqual(400);
    const ext = await office.post(`/api/cases/${id}/deadlines/due/extend`, { length: 10, reason: '县级活动方案调整' });
    expect(ext.status, JSON.stringify(ext.body)).toBe(200);
    k = await caseOf(office, id);
    const due = k.deadlines.find((d) => d.key === 'due');
    expect(due?.dueDate).toBe('2026-04-10');
    expect(due?.extensions[0]).toMatchObject({ length: 10, reason: '县级活动方案调整' });
    r = await step(sifa, id, k.version, 'complete', '2026-04-08', { result: '活动已开展', evidence: '照片和签到表已上传' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('reported_done');
    expect((await step(sifa, id, r.body.version, 'verify', '2026-04-09', { verdict: '自己核验' })).status).toBe(403);
    r = await step(office, id, r.body.version, 'verify', '2026-04-09', { verdict: '经核验已完成' });
    expect(r.body.status).toBe('closed');
    expect((await caseOf(office, id)).deadlines.find((d) => d.key === 'due')).toMatchObject({ status: 'met', onTime: true });
    const detail = (await office.get(`/api/governance/plans/${await plan()}`)).body as { tasks: { id: string; supervisions: number; onTime: boolean; extended: boolean }[] };
    expect(detail.tasks.find((t) => t.id === id)).toMatchObject({ supervisions: 1, onTime: true, extended: true });
  });

  it("lets no request write the engine's fields, and refuses a task from no plan, by an owner, or due before its start", async () => {
    const own = await register(office, { title: '越权', dueOn: '2026-03-31', data: { onTime: true } });
    expect(own.body.error.code).toBe('CASE_DATA_INVALID');
    const ok = (await register(office, { title: '普法进乡村', dueOn: '2026-06-30' })).body.id as string;
    const k = await caseOf(office, ok);
    expect((await step(sifa, ok, k.version, 'complete', '2026-02-01', { result: '完成', evidence: '台账', onTime: true })).body.error.code).toBe('CASE_DATA_INVALID');
    expect((await step(sifa, ok, k.version, 'report_progress', '2026-02-01', { progress: '推进', steps: {} })).body.error.code).toBe('CASE_DATA_INVALID');
    expect((await register(sifa, { title: '自建任务', dueOn: '2026-03-31' })).status).toBe(403);
    const noPlan = await office.post('/api/cases', { type: 'plan_task', orgId: sfs, title: '无方案', receivedOn: '2026-01-06',
      data: { planId: '00000000-0000-4000-8000-000000000000', dueOn: '2026-03-31', owner: '王芳' } });
    expect(noPlan.body.error.code).toBe('GOVERNANCE_PLAN_NOT_FOUND');
    expect((await register(office, { title: '早于方案', dueOn: '2026-01-04' })).body.error.code).toBe('GOVERNANCE_DUE_OUTSIDE_PLAN');
    expect((await register(office, { title: '早于登记', dueOn: '2026-02-01', receivedOn: '2026-03-01' })).body.error.code).toBe('CASE_DUE_DATE_INVALID');
    expect((await register(office, { title: '无期限', dueOn: '2026-02-30' })).status).toBe(422);
    expect((await h.db.query("SELECT count(*)::int AS n FROM cases WHERE case_type = 'plan_task' AND title IN ('越权', '自建任务', '无方案', '早于方案', '早于登记', '无期限')")).rows[0]?.n).toBe(0);
  });

  it("puts an overdue task in the owner's to-do, the office's overdue board and the plan's list", async () => {
    const id = (await register(office, { title: '逾期任务：普法台账', dueOn: '2026-02-27' })).body.id as string;
    await office.put(`/api/cases/${id}/assignees`, { userIds: [sifa.me.user.id] });
    const todo = (await sifa.get('/api/tasks?assignee=me&pageSize=100')).body.items as { id: string }[];
    expect(todo.map((t) => t.id)).toContain(id);
    const board = (await office.get('/api/cases/overdue')).body.items as { caseId: string }[];
    expect(board.map((b) => b.caseId)).toContain(id);
    const row = ((await office.get(`/api/governance/plans/${await plan()}`)).body.tasks as { id: string; daysLeft: number }[]).find((t) => t.id === id);
    expect(row?.daysLeft).toBeLessThan(0);
  });

  it("shows an owner village its own tasks and not another's", async () => {
    const s01 = await h.orgId('S01');
    const s02 = await h.orgId('S02');
    const mine = (await register(office, { title: '东营村法治宣传栏', orgId: s01, dueOn: '2026-05-29', data: { owner: '王建国' } })).body.id as string;
    const theirs = (await register(office, { title: '西营村法治宣传栏', orgId: s02, dueOn: '2026-05-29', data: { owner: '钱卫东' } })).body.id as string;
    const village = await h.signIn('wanggezhang');
    const list = (await village.get('/api/cases?type=plan_task&pageSize=100')).body.items as { id: string }[];
    expect(list.map((i) => i.id)).toContain(mine);
    expect(list.map((i) => i.id)).not.toContain(theirs);
    expect((await village.get(`/api/cases/${theirs}`)).status).toBe(404);
    const k = await caseOf(village, mine);
    expect((await step(village, mine, k.version, 'report_progress', '2026-02-02', { progress: '宣传栏已设计' })).status).toBe(200);
  });
});

describe('the roster and the budget line', () => {
  it('keeps memberships as history, and refuses an end before the start', async () => {
    const added = await office.post('/api/governance/roster/members', { townshipId: township, place: '成员', name: '孙强', post: '综合行政执法队队长', unitOrgId: await h.orgId('zfd'), phone: '13900000000', fromOn: '2026-01-01' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect((await office.post(`/api/governance/roster/members/${added.body.id}/end`, { untilOn: '2025-12-31' })).body.error.code).toBe('GOVERNANCE_MEMBER_DATES');
    expect((await office.post(`/api/governance/roster/members/${added.body.id}/end`, { untilOn: '2026-06-30' })).status).toBe(204);
    const july = (await office.get('/api/governance/roster?on=2026-07-01')).body.members as { name: string }[];
    expect(july.map((m) => m.name)).not.toContain('孙强');
    const history = (await office.get('/api/governance/roster?history=true')).body.members as { name: string; untilOn: string | null; phone: string | null }[];
    expect(history.find((m) => m.name === '孙强')).toMatchObject({ untilOn: '2026-06-30', phone: '139****0000' });
    const sealed = (await h.db.query<{ phone_enc: Buffer }>("SELECT phone_enc FROM leadership_members WHERE name = '孙强'")).rows[0]?.phone_enc;
    expect(sealed?.toString('latin1')).not.toContain('13900000000');
  });

  it('keeps money exact and bounded', async () => {
    for (const amount of ['-1', '1e5', 'NaN', 'Infinity', '12345678901', '1.234', '', ' ', '0x10']) {
      const res = await office.put('/api/governance/budget', { townshipId: township, year: 2026, amount });
      expect(res.body?.error?.code, amount).toBe('GOVERNANCE_AMOUNT_INVALID');
    }
    expect((await office.put('/api/governance/budget', { townshipId: township, year: 2026, amount: '1000' })).status).toBe(204);
    expect((await office.post('/api/governance/budget/items', { townshipId: township, spentOn: '2026-03-01', amount: '0', purpose: '零支出' })).body.error.code).toBe('GOVERNANCE_AMOUNT_INVALID');
    for (const amount of ['0.10', '0.20']) {
      expect((await office.post('/api/governance/budget/items', { townshipId: township, spentOn: '2026-03-01', amount, purpose: '宣传资料' })).status).toBe(200);
    }
    expect((await office.post('/api/governance/budget/items', { townshipId: township, spentOn: '2099-01-01', amount: '1', purpose: '未来' })).body.error.code).toBe('GOVERNANCE_DATE_IN_FUTURE');
    const b = (await office.get('/api/governance/budget?year=2026')).body;
    expect(b).toMatchObject({ budgeted: '1000.00', spent: '0.30', remaining: '999.70' });
    expect(b.items).toHaveLength(2);
  });

  it("leaves the town leader reading only, and another township's clerk seeing and writing nothing", async () => {
    const leader = await h.signIn('leader');
    expect((await leader.get('/api/governance/roster')).body.canEdit).toBe(false);
    expect((await leader.put('/api/governance/budget', { townshipId: township, year: 2026, amount: '1' })).status).toBe(403);
    const other = await anotherTownshipClerk(h);
    expect((await other.get(`/api/governance/roster?townshipId=${township}`)).status).toBe(404);
    expect((await other.get(`/api/governance/budget?townshipId=${township}&year=2023`)).status).toBe(404);
    expect((await other.put('/api/governance/budget', { townshipId: township, year: 2023, amount: '1' })).status).toBe(404);
    expect((await other.post('/api/governance/roster/members', { townshipId: township, place: '成员', name: '越权', post: '越权', fromOn: '2026-01-01' })).status).toBe(404);
    const demoPlan = (await office.get('/api/governance/plans?year=2023')).body.items[0].id as string;
    expect((await other.get(`/api/governance/plans/${demoPlan}`)).status).toBe(404);
    const member = (await h.db.query<{ id: string }>('SELECT id FROM leadership_members LIMIT 1')).rows[0]?.id;
    expect((await other.post(`/api/governance/roster/members/${member}/end`, { untilOn: '2026-01-01' })).status).toBe(404);
    expect(((await other.get('/api/cases?type=plan_task')).body.items as unknown[])).toHaveLength(0);
    expect(((await other.get('/api/governance/roster')).body.members as unknown[])).toHaveLength(0);
    expect((await other.get(`/api/metrics/governance.budgetItems?year=2023&orgId=${township}`)).status).toBe(404);
  });
});
