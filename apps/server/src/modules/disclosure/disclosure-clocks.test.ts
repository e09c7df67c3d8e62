import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import { scanDeadlines } from '../../platform/jobs/scan-deadlines.ts';
import { anotherTownshipClerk, applicant, intakeOf } from './disclosure.test-support.ts';
import { docxText, readDocxParts } from '../../platform/documents/docx-zip.ts';

/**
 * The disclosure request's clocks (政府信息公开条例 第三十至三十四条) on the real engine:
 * 20 working days across the 2025 National Day and the 2026 Spring Festival, the one
 * correction notice and the restart from the corrected application, the withdrawal when it
 * is not corrected, the third party's time not counted, the 20-day extension cap.
 */
let h: Harness;
let clerk: Agent;
let leader: Agent;
let dzb: string;
let today = '2025-09-20';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { today: () => today });
  clerk = await h.signIn('dangzheng');
  leader = await h.signIn('leader');
  dzb = await h.orgId('dzb');
});
afterAll(async () => { await h.close(); });

type Clock = { key: string; kind: string; status: string; state: string; dueDate: string; startDate: string; onTime: boolean | null; canExtend: boolean };
const open = async (receivedOn: string, data: Record<string, unknown> = intakeOf('in_person')): Promise<string> => {
  today = receivedOn;
  const res = await clerk.post('/api/cases', { type: 'disclosure', orgId: dzb, title: '申请公开2024年村道维修资金使用情况', receivedOn, parties: [applicant], data });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
};
const view = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body as { version: number; status: string; deadlines: Clock[]; timeline: { label: string; public: boolean; payload: Record<string, unknown> }[] };
const clock = async (id: string, key: string): Promise<Clock | undefined> => (await view(id)).deadlines.find((d) => d.key === key);
const step = async (id: string, transition: string, on: string, fields: Record<string, unknown> = {}) => {
  today = on;
  return clerk.post(`/api/cases/${id}/transitions`, { transition, version: (await view(id)).version, on, fields });
};
const cal = async () => h.platform.cases.calendars.forTownship(await h.orgId('zhangbaqiao'));

describe('the disclosure request on the statutory clock', () => {
  it('answers within 20 working days across the 2025 National Day week (make-up Saturday counted)', async () => {
    const id = await open('2025-09-26');
    const reply = await clock(id, 'reply');
    expect(reply).toMatchObject({ kind: 'duty', status: 'running', startDate: '2025-09-26', dueDate: '2025-10-30' });
    expect(reply?.dueDate).toBe(addWorkingDays(await cal(), '2025-09-26', 20));
    // The correction notice is due within 7 working days: 09-28 (make-up Sunday), 09-29, 09-30, 10-09, 10-10, 10-11 (make-up Saturday), 10-13.
    expect((await clock(id, 'correction_notice'))?.dueDate).toBe('2025-10-13');
    const done = await step(id, 'reply', '2025-10-30', { replyType: 'provided', provided: '村道维修资金使用明细表一份' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.deadlines.find((d: Clock) => d.key === 'reply')).toMatchObject({ status: 'met', onTime: true });
  });

  it('answers within 20 working days across the 2026 Spring Festival; a day later is late', async () => {
    const id = await open('2026-02-06');
    const due = (await clock(id, 'reply'))?.dueDate;
    expect(due).toBe(addWorkingDays(await cal(), '2026-02-06', 20));
    // 02-14 and 02-28 are make-up Saturdays; 02-15 to 02-23 the holiday.
    expect(due).toBe('2026-03-12');
    const late = await step(id, 'reply', '2026-03-13', { replyType: 'not_exist', reason: '经检索，本机关未制作或获取该信息。' });
    expect(late.body.deadlines.find((d: Clock) => d.key === 'reply')).toMatchObject({ status: 'missed', onTime: false });
  });

  it('asks for a correction once within 7 working days; the reply period runs again, whole, from the corrected application', async () => {
    const id = await open('2025-09-24');
    const asked = await step(id, 'ask_correction', '2025-09-30', { items: '请写明所需信息的年份和村名。' });
    expect(asked.status).toBe(200);
    expect(asked.body.deadlines.find((d: Clock) => d.key === 'correction_notice')).toMatchObject({ status: 'met', onTime: true });
    expect((await clock(id, 'reply'))?.status).toBe('paused');
    const window = await clock(id, 'correction');
    expect(window).toMatchObject({ kind: 'party', dueDate: addWorkingDays(await cal(), '2025-09-30', 15) });
    expect((await step(id, 'corrected', '2025-10-10')).status).toBe(200);
    const reply = await clock(id, 'reply');
    expect(reply).toMatchObject({ status: 'running', startDate: '2025-10-10', dueDate: addWorkingDays(await cal(), '2025-10-10', 20) });
    expect((await clock(id, 'correction'))).toMatchObject({ status: 'met', onTime: null });
    // One notice only (第三十条 一次性告知): no second correction from 办理中.
    const again = await step(id, 'ask_correction', '2025-10-13', { items: '再补正' });
    expect(again.body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    // The applicant's tracking page shows the correction steps.
    expect((await view(id)).timeline.filter((t) => t.public).map((t) => t.label)).toEqual(expect.arrayContaining(['一次性告知补正', '收到补正后的申请']));
  });

  it('counts an application not corrected in time as given up, by the system, on the day after the window', async () => {
    const id = await open('2025-11-03');
    await step(id, 'ask_correction', '2025-11-04', { items: '请提供身份证明。' });
    const due = (await clock(id, 'correction'))?.dueDate ?? '';
    expect((await scanDeadlines(h.platform, { today: due })).expired).toBe(0);
    today = addWorkingDays(await cal(), due, 2);
    await scanDeadlines(h.platform, { today });
    const after = await view(id);
    expect(after.status).toBe('withdrawn');
    expect(after.timeline.at(-1)).toMatchObject({ label: '逾期未补正，视为放弃申请', payload: { system: { expiredClock: 'correction', due } } });
    // The reply duty ends with the case, neither on time nor late.
    expect(after.deadlines.find((d) => d.key === 'reply')).toMatchObject({ status: 'cancelled', onTime: null });
  });

  it('does not count the third party\'s time against the reply (15 working days to answer)', async () => {
    const id = await open('2025-11-03');
    expect((await clock(id, 'reply'))?.dueDate).toBe('2025-12-01');
    expect((await step(id, 'review', '2025-11-05')).status).toBe(200);
    const asked = await step(id, 'consult', '2025-11-10', { consulted: '张八桥镇某建材有限公司', consultedKind: 'third_party' });
    expect(asked.status).toBe(200);
    expect((await clock(id, 'reply'))?.status).toBe('paused');
    expect(await clock(id, 'opinion')).toMatchObject({ kind: 'party', dueDate: '2025-12-01' });
    // Paused from 11-10 to 11-23: the ten working days 11-10..11-21 are not counted.
    expect((await step(id, 'opinion_received', '2025-11-24', { opinion: 'object', summary: '涉及商业秘密，不同意公开' })).status).toBe(200);
    expect(await clock(id, 'reply')).toMatchObject({ status: 'running', dueDate: '2025-12-15' });
  });

  it('charges an excessive request by notice: the reply waits while the fee is due, resumes when paid, and lapses unpaid', async () => {
    const paid = await open('2025-11-03');
    await step(paid, 'review', '2025-11-04');
    // The applicant's first request of the month costs nothing by count: no notice.
    const free = await step(paid, 'fee_notice', '2025-11-05', { feeMethod: 'count' });
    expect(free.status).toBe(422);
    expect(free.body.error.code).toBe('DISCLOSURE_FEE_NONE');
    // 120 pages: 70 × ¥10 + 20 × ¥20 = ¥1,100 by pages.
    expect((await step(paid, 'fee_notice', '2025-11-05', { feeMethod: 'pages', pages: 120 })).status).toBe(200);
    expect((await clock(paid, 'reply'))?.status).toBe('paused');
    expect((await clock(paid, 'fee'))?.dueDate).toBe(addWorkingDays(await cal(), '2025-11-05', 20));
    const notice = await h.app.inject({ method: 'POST', url: `/api/disclosure/cases/${paid}/documents/fee_notice/download`, headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.me.csrfToken } });
    expect(notice.statusCode).toBe(200);
    const text = docxText(readDocxParts(notice.rawPayload).get('word/document.xml') ?? '');
    expect(text).toContain('共120页，按量计收');
    expect(text).toContain('1,100元');
    expect(text).toContain('视为放弃申请');
    // Paid after five working days: the reply's due day moves by the five.
    const before = addWorkingDays(await cal(), '2025-11-03', 20);
    expect((await step(paid, 'fee_paid', addWorkingDays(await cal(), '2025-11-05', 5), { receiptNo: 'FS20251112001' })).status).toBe(200);
    expect(await clock(paid, 'reply')).toMatchObject({ status: 'running', dueDate: addWorkingDays(await cal(), before, 5) });

    const lapsed = await open('2025-11-10');
    await step(lapsed, 'review', '2025-11-11');
    await step(lapsed, 'fee_notice', '2025-11-12', { feeMethod: 'pages', pages: 45 });
    const due = (await clock(lapsed, 'fee'))?.dueDate ?? '';
    today = addWorkingDays(await cal(), due, 1);
    await scanDeadlines(h.platform, { today });
    const after = await view(lapsed);
    expect(after.status).toBe('withdrawn');
    expect(after.timeline.at(-1)).toMatchObject({ label: '逾期未缴费，视为放弃申请', payload: { system: { expiredClock: 'fee', due } } });
    // Counted in the yearly report's row for it, with its record.
    const records = (await clerk.get(`/api/metrics/disclosure.feeLapsed/records?year=2025&orgId=${await h.orgId('zhangbaqiao')}`)).body.items as { id: string }[];
    expect(records.map((r) => r.id)).toEqual([lapsed]);
  });

  it('extends the reply by at most 20 working days, only with the office head\'s approval, and tells the applicant', async () => {
    const id = await open('2025-11-03');
    const extend = (agent: Agent, length: number) => agent.post(`/api/cases/${id}/deadlines/reply/extend`, { length, reason: '需调取多个村的档案' });
    expect((await extend(clerk, 10)).status).toBe(403);
    expect((await extend(leader, 15)).status).toBe(200);
    expect((await clock(id, 'reply'))?.dueDate).toBe(addWorkingDays(await cal(), '2025-12-01', 15));
    const over = await extend(leader, 6);
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('EXTENSION_EXCEEDS_CAP');
    expect((await extend(leader, 5)).status).toBe(200);
    expect((await clock(id, 'reply'))?.dueDate).toBe(addWorkingDays(await cal(), '2025-12-01', 20));
    const notices = (await view(id)).timeline.filter((t) => t.public && String((t.payload as { text?: string }).text ?? '').startsWith('办理期限延长至'));
    expect(notices).toHaveLength(2);
  });

  it('refuses a reply that does not say what its type must say, naming the field', async () => {
    const id = await open('2025-11-03');
    const withheld = await step(id, 'reply', '2025-11-05', { replyType: 'withheld', reason: '涉及国家秘密' });
    expect(withheld.status).toBe(422);
    expect(withheld.body.error.code).toBe('CASE_FIELDS_REQUIRED');
    expect(withheld.body.error.details.missing).toEqual(['withholdReason']);
    const notOurs = await step(id, 'reply', '2025-11-05', { replyType: 'not_ours' });
    expect(notOurs.body.error.details.missing).toEqual(['agency']);
    const bad = await step(id, 'reply', '2025-11-05', { replyType: 'maybe' });
    expect(bad.body.error.code).toBe('CASE_DATA_INVALID');
    expect((await view(id)).status).toBe('registered');
  });

  it('takes the receipt-day rule of 第三十一条 from the channel', async () => {
    today = '2025-11-03';
    const res = await clerk.post('/api/cases', { type: 'disclosure', orgId: dzb, title: '申请公开低保名单', receivedOn: today, parties: [applicant],
      data: { ...intakeOf('in_person'), receiptRule: 'both_confirmed' } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['receiptRule']);
    const org = await clerk.post('/api/cases', { type: 'disclosure', orgId: dzb, title: '申请公开低保名单', receivedOn: today, parties: [applicant],
      data: { ...intakeOf('registered_post'), applicantType: 'legal_person' } });
    expect(org.status).toBe(422);
    expect(org.body.error.details.missing).toEqual(['organisationKind']);
  });

  it('lists every clock with its article for the administrator (fazhi case-types)', async () => {
    const types = (await clerk.get('/api/case-types')).body.items as { code: string; deadlines: { key: string; basis: string; restartOn: string[]; pauseOn: string[]; onExpiry: unknown; extension: unknown }[] }[];
    const d = types.find((t) => t.code === 'disclosure');
    expect(d?.deadlines.map((x) => x.key)).toEqual(['correction_notice', 'reply', 'correction', 'fee', 'opinion']);
    const reply = d?.deadlines.find((x) => x.key === 'reply');
    expect(reply).toMatchObject({ restartOn: ['corrected'], pauseOn: ['ask_correction', 'consult', 'fee_notice'], extension: { max: 20, approver: 'disclosure.approve', notifyParty: true } });
    expect(reply?.basis).toContain('第三十三条');
    expect(d?.deadlines.find((x) => x.key === 'correction')).toMatchObject({ onExpiry: { transition: 'deem_withdrawn' } });
    expect(d?.deadlines.find((x) => x.key === 'fee')).toMatchObject({ onExpiry: { transition: 'fee_lapsed' } });
    for (const x of d?.deadlines ?? []) expect(x.basis).toMatch(/^(政府信息公开条例 第|国办函〔2020〕109号)/);
  });

  it('shows a clerk of another township nothing', async () => {
    const id = await open('2025-11-03');
    const other = await anotherTownshipClerk(h);
    expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
    const list = await other.get('/api/cases?type=disclosure');
    expect(list.body.items ?? []).toHaveLength(0);
  });
});
