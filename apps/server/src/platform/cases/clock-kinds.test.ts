import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseTypeDef } from './definition.ts';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { addDays, addWorkingDays } from '../calendar/index.ts';
import { scanDeadlines } from '../jobs/scan-deadlines.ts';

/**
 * The clock kinds the law needs, on a request for information modelled on 政府信息公开条例
 * and a decision's consultation: the reply duty that runs again after 补正 (第三十条), the
 * applicant's correction window whose end counts the request as withdrawn, a minimum comment
 * period and a minimum review in working days. Dates cross the 2025 National Day and the
 * 2026 Spring Festival holidays.
 */
const requestType: CaseTypeDef = {
  code: 'inforeq', refCode: '依', label: { zh: '依申请公开（测试）', en: 'Information request (test)' },
  readPermission: 'petition.read', handlePermission: 'petition.handle', citizenFacing: false, initial: 'received',
  states: {
    received: { label: { zh: '已收到', en: 'Received' }, kind: 'open' },
    correcting: { label: { zh: '待补正', en: 'Awaiting correction' }, kind: 'open' },
    commenting: { label: { zh: '征求意见中', en: 'Consulting' }, kind: 'open' },
    reviewing: { label: { zh: '合法性审查中', en: 'Legal review' }, kind: 'open' },
    replied: { label: { zh: '已答复', en: 'Replied' }, kind: 'closed' },
    withdrawn: { label: { zh: '视为撤回', en: 'Deemed withdrawn' }, kind: 'terminal' },
  },
  transitions: [
    { key: 'ask_correction', label: { zh: '通知补正', en: 'Ask for a correction' }, from: ['received'], to: 'correcting', permission: 'petition.handle' },
    { key: 'corrected', label: { zh: '收到补正', en: 'Correction received' }, from: ['correcting'], to: 'received', permission: 'petition.handle' },
    { key: 'deem_withdrawn', label: { zh: '逾期未补正，视为撤回', en: 'Not corrected: withdrawn' }, from: ['correcting'], to: 'withdrawn', permission: 'petition.handle' },
    { key: 'open_comment', label: { zh: '公开征求意见', en: 'Open for comment' }, from: ['received'], to: 'commenting', permission: 'petition.handle' },
    { key: 'close_comment', label: { zh: '结束征求意见', en: 'Close comment' }, from: ['commenting'], to: 'reviewing', permission: 'petition.handle' },
    { key: 'reply', label: { zh: '答复', en: 'Reply' }, from: ['received', 'reviewing'], to: 'replied', permission: 'petition.handle' },
  ],
  deadlines: [
    { key: 'reply', label: { zh: '答复期限', en: 'Reply' }, length: 20, unit: 'wd', startOn: 'created', stopOn: ['reply'], pauseOn: ['ask_correction'],
      restartOn: ['corrected'], escalateTo: 'petition.handle', basis: '政府信息公开条例 第三十三条、第三十条' },
    { key: 'correction', label: { zh: '补正期限', en: 'Correction window' }, length: 10, unit: 'wd', kind: 'party', startOn: 'ask_correction', stopOn: ['corrected'],
      onExpiry: { transition: 'deem_withdrawn' }, basis: '政府信息公开条例 第三十条' },
    { key: 'comment', label: { zh: '公开征求意见期间', en: 'Public comment' }, length: 30, unit: 'cd', kind: 'minimum', startOn: 'open_comment', stopOn: ['close_comment'],
      blocks: ['close_comment'], basis: '重大行政决策程序暂行条例 第十四条' },
    { key: 'review', label: { zh: '合法性审查期间', en: 'Legal review' }, length: 7, unit: 'wd', kind: 'minimum', startOn: 'close_comment', stopOn: ['reply'],
      blocks: ['reply'], basis: '重大行政决策程序暂行条例 第二十七条' },
  ],
};

let h: Harness;
let clerk: Agent;
let s01: string;
let today = '2025-09-20';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { caseTypes: [requestType], today: () => today });
  clerk = await h.signIn('xinfang');
  s01 = await h.orgId('S01');
});
afterAll(async () => { await h.close(); });

const open = async (receivedOn: string): Promise<string> => {
  today = receivedOn;
  const res = await clerk.post('/api/cases', { type: 'inforeq', orgId: s01, title: '申请公开村道维修资金使用情况', receivedOn });
  expect(res.status).toBe(200);
  return res.body.id;
};
type Clock = { key: string; kind: string; status: string; state: string; dueDate: string; startDate: string; onTime: boolean | null };
const view = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body as { version: number; status: string; deadlines: Clock[]; timeline: { label: string; payload: Record<string, unknown> }[] };
const clock = async (id: string, key: string): Promise<Clock | undefined> => (await view(id)).deadlines.find((d) => d.key === key);
const step = async (id: string, transition: string, on: string) => {
  today = on;
  return clerk.post(`/api/cases/${id}/transitions`, { transition, version: (await view(id)).version, on });
};
const cal = async () => h.platform.cases.calendars.forTownship((await h.db.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0]?.id ?? null);

describe('clock kinds', () => {
  it('runs the reply period again, whole, from the day the corrected request arrives (across the 2025 National Day)', async () => {
    const id = await open('2025-09-24');
    expect((await clock(id, 'reply'))?.dueDate).toBe(addWorkingDays(await cal(), '2025-09-24', 20));
    expect((await step(id, 'ask_correction', '2025-09-26')).status).toBe(200);
    expect((await clock(id, 'reply'))?.status).toBe('paused');
    expect((await step(id, 'corrected', '2025-10-09')).status).toBe(200);
    const reply = await clock(id, 'reply');
    expect(reply).toMatchObject({ status: 'running', startDate: '2025-10-09', dueDate: addWorkingDays(await cal(), '2025-10-09', 20) });
    // 20 working days from 10-09 skip the weekends but count Saturday 10-11, a make-up working day.
    expect(reply?.dueDate).toBe('2025-11-05');
    expect((await clock(id, 'correction'))).toMatchObject({ status: 'met', onTime: null });
  });

  it('counts a request not corrected in time as withdrawn, by the system, once; the window is nobody\'s lateness', async () => {
    const id = await open('2025-09-24');
    await step(id, 'ask_correction', '2025-09-25');
    const due = (await clock(id, 'correction'))?.dueDate ?? '';
    expect(due).toBe(addWorkingDays(await cal(), '2025-09-25', 10));
    today = due;
    expect((await scanDeadlines(h.platform, { today: due })).expired).toBe(0);
    expect((await clock(id, 'correction'))?.state).not.toBe('overdue');
    today = '2025-10-20';
    // The party's window past its end: not on the overdue board, shown as ended.
    expect((await clock(id, 'correction'))?.state).toBe('expired');
    const board = (await clerk.get('/api/cases/overdue')).body.items as { caseId: string; deadline: string }[];
    expect(board.filter((b) => b.caseId === id).map((b) => b.deadline)).not.toContain('补正期限');
    const r = await scanDeadlines(h.platform, { today: '2025-10-20' });
    expect(r.expired).toBeGreaterThanOrEqual(1);
    const after = await view(id);
    expect(after.status).toBe('withdrawn');
    const last = after.timeline.at(-1);
    expect(last?.label).toBe('逾期未补正，视为撤回');
    expect(last?.payload).toMatchObject({ on: addDays(due, 1), system: { expiredClock: 'correction', due } });
    expect(after.deadlines.find((d) => d.key === 'correction')).toMatchObject({ status: 'missed', onTime: null });
    const audit = (await h.db.query("SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'case.deem_withdrawn'", [id])).rows;
    expect(audit).toHaveLength(1);
    expect((await scanDeadlines(h.platform, { today: '2025-10-21' })).expired).toBe(0);
  });

  it('bars a step until a minimum period has run out: 30 calendar days of comment, 7 working days of review across the 2026 Spring Festival', async () => {
    const id = await open('2026-01-05');
    await step(id, 'open_comment', '2026-01-06');
    const comment = await clock(id, 'comment');
    expect(comment).toMatchObject({ kind: 'minimum', dueDate: '2026-02-05', state: 'waiting' });
    const early = await step(id, 'close_comment', '2026-02-05');
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('CASE_MINIMUM_PERIOD');
    expect(early.body.error.details).toMatchObject({ earliest: '2026-02-06' });
    expect((await step(id, 'close_comment', '2026-02-12')).status).toBe(200);
    const review = await clock(id, 'review');
    const reviewDue = addWorkingDays(await cal(), '2026-02-12', 7);
    expect(review?.dueDate).toBe(reviewDue);
    expect(reviewDue > '2026-02-23').toBe(true);
    expect((await step(id, 'reply', reviewDue)).body.error.code).toBe('CASE_MINIMUM_PERIOD');
    const next = addWorkingDays(await cal(), reviewDue, 1);
    const done = await step(id, 'reply', next);
    expect(done.status).toBe(200);
    // A minimum period never counts as the office's lateness; the reply duty keeps its own flag.
    expect(done.body.deadlines.find((d: Clock) => d.key === 'review')).toMatchObject({ status: 'met', onTime: null });
    expect((await clerk.get('/api/cases/overdue')).body.items.some((b: { caseId: string; deadline: string }) => b.caseId === id && b.deadline !== '答复期限')).toBe(false);
  });
});

describe('clock lengths a township may set', () => {
  it('lets the administrator set the mediation month within its bounds, and the next clock takes it', async () => {
    const admin = await h.signIn('admin');
    const sifa = await h.signIn('sifa');
    const township = await h.orgId('zhangbaqiao');
    const listed = await admin.get(`/api/case-types/mediation/clocks?townshipId=${township}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ clock: 'mediation', length: 30, declared: 30, min: 15, max: 60 })]);
    const put = (agent: Agent, key: string, length: number) => agent.put(`/api/case-types/mediation/clocks/${key}`, { townshipId: township, length });
    expect((await put(admin, 'mediation', 61)).body.error.code).toBe('CLOCK_LENGTH_OUT_OF_BOUNDS');
    expect((await put(admin, 'confirmation', 20)).body.error.code).toBe('CLOCK_NOT_CONFIGURABLE');
    expect((await put(sifa, 'mediation', 20)).status).toBe(403);
    const set = await put(admin, 'mediation', 20);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ length: 20 });
    // The settings screen reads every type's clocks at once, with the length now in force.
    const all = await admin.get(`/api/clock-lengths?townshipId=${township}`);
    expect(all.status).toBe(200);
    expect(all.body.items).toContainEqual(expect.objectContaining({ caseType: 'mediation', clock: 'mediation', length: 20, declared: 30 }));
    expect((all.body.items as { caseType: string; clock: string }[]).filter((c) => c.caseType === 'mediation')).toEqual(listed.body.items.map((c: { clock: string }) => expect.objectContaining({ clock: c.clock })));
    // A dispute accepted now runs 20 days, explained with its basis.
    today = '2025-09-22';
    const made = await sifa.post('/api/cases', { type: 'mediation', orgId: s01, title: '东营村排水纠纷', category: '邻里', receivedOn: '2025-09-22' });
    const accepted = await sifa.post(`/api/cases/${made.body.id}/transitions`, { transition: 'accept', version: 1, on: '2025-09-22' });
    const m = accepted.body.deadlines.find((d: Clock) => d.key === 'mediation');
    // 20 calendar days from 09-22 end on 10-12, a Sunday after the holiday: the next working day.
    expect(m).toMatchObject({ length: 20, dueDate: '2025-10-13' });
    const conf = accepted.body.deadlines.find((d: Clock) => d.key === 'confirmation');
    expect(conf).toBeUndefined();
  });
});
