import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { anotherTownshipClerk } from '../disclosure/disclosure.test-support.ts';
import { draftContent } from '../annual-report/annual-report.outline.ts';
import { modules } from '../index.ts';

/**
 * The leaders' rule-of-law meetings and law study as records: a deciding body sits with more
 * than half of its members, the attendance list names those present, the year's counts come
 * from the records and go into section 一 of the annual report; another township sees none.
 */
let h: Harness;
let clerk: Agent;
let dzb = '';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 });
  clerk = await h.signIn('dangzheng');
  dzb = await h.orgId('dzb');
});
afterAll(async () => { await h.close(); });

const call = async (category: string, title: string, on: string): Promise<string> => {
  const res = await clerk.post('/api/cases', { type: 'meeting', orgId: dzb, title, category, receivedOn: on, data: { topics: '听取法治建设工作汇报' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
};
const hold = (id: string, on: string, f: Record<string, unknown>) => clerk.post(`/api/cases/${id}/transitions`, { transition: 'hold', version: 1, on, fields: { chair: '党委书记', agenda: '听取法治建设工作汇报', ...f } });

describe('rule-of-law meetings and law study', () => {
  it('counts the demo town\'s 2023 meetings as the seed report has them, each with its records', async () => {
    const township = await h.orgId('zhangbaqiao');
    const figure = async (code: string) => (await clerk.get(`/api/metrics/governance.${code}?year=2023&orgId=${township}`)).body.value as number;
    // 一: four rule-of-law work reports a year at the leadership group, the leaders' monthly study, 述法 at the year's end.
    expect(await figure('leadershipMeetings')).toBe(4);
    expect(await figure('ruleOfLawReports')).toBe(5);
    expect(await figure('studySessions')).toBe(12);
    expect(await figure('shufa')).toBe(1);
    const records = (await clerk.get(`/api/metrics/governance.leadershipMeetings/records?year=2023&orgId=${township}`)).body.items as { ref: string; title: string }[];
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.ref.includes('-会-2023-') && r.title.includes('法治建设工作领导小组会议'))).toBe(true);
    // The register lists one kind at a time.
    const byKind = (await clerk.get(`/api/cases?type=meeting&category=${encodeURIComponent('法治建设领导小组会议')}&pageSize=50`)).body as { items: { category: string }[]; total: number };
    expect(byKind.total).toBe(4);
    expect(byKind.items.every((i) => i.category === '法治建设领导小组会议')).toBe(true);
  });

  it('refuses a deciding body without a quorum and a list that does not name those present; a study session records as it was', async () => {
    const party = await call('镇党委会议', '2025年第3次党委会议', '2025-03-03');
    const thin = await hold(party, '2025-03-05', { membersDue: 9, present: 4, attendees: '甲、乙、丙、丁' });
    expect(thin.status).toBe(422);
    expect(thin.body.error.code).toBe('DECISION_NO_QUORUM');
    const mismatch = await hold(party, '2025-03-05', { membersDue: 9, present: 6, attendees: '甲、乙、丙、丁、戊' });
    expect(mismatch.body.error.code).toBe('DECISION_ATTENDANCE_MISMATCH');
    expect((await hold(party, '2025-03-05', { membersDue: 9, present: 10, attendees: '甲、乙、丙、丁、戊、己、庚、辛、壬、癸' })).status).toBe(400);
    expect((await clerk.get(`/api/cases/${party}`)).body.status).toBe('called');
    const held = await hold(party, '2025-03-05', { membersDue: 9, present: 5, attendees: '甲、乙、丙、丁、戊', ruleOfLawReport: true });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    const signed = await clerk.post(`/api/cases/${party}/transitions`, { transition: 'sign_minutes', version: held.body.version, on: '2025-03-06', fields: { minutes: '会议听取了法治建设工作汇报。', signedBy: '党委书记' } });
    expect(signed.body.status).toBe('filed');
    const study = await call('中心组学法', '2025年3月中心组学法', '2025-03-10');
    expect((await hold(study, '2025-03-14', { membersDue: 9, present: 3, attendees: '甲、乙、丙', lecturer: '县司法局讲师' })).status).toBe(200);
    const township = await h.orgId('zhangbaqiao');
    expect((await clerk.get(`/api/metrics/governance.ruleOfLawReports?year=2025&orgId=${township}`)).body.value).toBe(1);
  });

  it('writes the year\'s counts into section 一 of a new annual report', () => {
    const parts = modules.flatMap((m) => m.reportParts ?? []);
    const content = draftContent(2023, '张八桥镇', parts, new Set(['governance', 'mediation']));
    const duties = content.sections.find((s) => s.key === 'duties');
    expect(JSON.stringify(duties)).toContain('{{governance.leadershipMeetings}}');
    expect(JSON.stringify(content.sections.find((s) => s.key === 'measures'))).not.toContain('governance.');
  });

  it("keeps them from another township's clerk", async () => {
    const id = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'meeting' ORDER BY ref LIMIT 1")).rows[0]?.id;
    const other = await anotherTownshipClerk(h);
    expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
    expect((await other.post(`/api/cases/${id}/transitions`, { transition: 'cancel', version: 1, fields: { reason: '越权' } })).status).toBe(404);
    const list = (await other.get('/api/cases?type=meeting')).body.items as unknown[];
    expect(list).toHaveLength(0);
  });
});
