import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import { anotherTownshipClerk } from '../disclosure/disclosure.test-support.ts';
import { quorumOf, personnelCategory } from './decisions.workflow.ts';

/**
 * A major administrative decision through the steps of 重大行政决策程序暂行条例: the 30-day
 * public comment (第十五条) across the 2025 National Day, the comment on the portal with the
 * commenter's name and phone sealed, the legality review (第二十五、二十六条: at least 7 working
 * days, not on the agenda without it or when found unlawful), the meeting's quorum and the head
 * speaking last (第三十条), the answers published with the decision (第三十二条), the figures,
 * and another township's staff seeing none of it.
 */
let h: Harness;
let clerk: Agent;
let advisor: Agent;
let leader: Agent;
let dzb: string;
let township: string;
let today = '2025-08-01';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { today: () => today });
  clerk = await h.signIn('dangzheng');
  advisor = await h.signIn('guwen');
  leader = await h.signIn('leader');
  dzb = await h.orgId('dzb');
  township = await h.orgId('zhangbaqiao');
});
afterAll(async () => { await h.close(); });

type Clock = { key: string; kind: string; status: string; state: string; dueDate: string };
const view = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body as { version: number; status: string; deadlines: Clock[]; facts: Record<string, unknown> };
const step = async (agent: Agent, id: string, transition: string, on: string, fields: Record<string, unknown> = {}) => {
  today = on;
  return agent.post(`/api/cases/${id}/transitions`, { transition, version: (await view(id)).version, on, fields });
};
const ok = async (agent: Agent, id: string, transition: string, on: string, fields: Record<string, unknown> = {}) => {
  const res = await step(agent, id, transition, on, fields);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
};
const propose = async (title: string, on: string, category = '重大公共建设项目'): Promise<string> => {
  today = on;
  const res = await clerk.post('/api/cases', { type: 'decision', orgId: dzb, title, category, receivedOn: on, body: '群众反映强烈，列入年度决策事项目录。' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
};
const drafted = async (id: string, on: string) => {
  await ok(clerk, id, 'start', on, { leadUnit: '镇村建设办', matter: '镇区道路改造', outsideReason: '年度目录公布后新提出的事项。' });
  await ok(clerk, id, 'draft', on, { draft: '改造镇区主干道2.4公里，总投资420万元。', explanation: '依据县交通规划拟订。', options: '方案二：分两年实施。' });
};
const pub = (url: string, payload?: unknown) => h.app.inject({ method: payload === undefined ? 'GET' : 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
const meeting = (over: Record<string, unknown> = {}) => ({
  meeting: '镇政府常务会议', membersDue: 9, present: 5, attendees: '杨镇长、李副镇长、王副镇长、赵委员、钱委员',
  votesFor: 4, votesAgainst: 1, votesAbstain: 0, leaderSpokeLast: true, decision: '同意实施镇区道路改造。', dissent: '钱委员建议分两年实施。', ...over,
});

describe('major administrative decisions', () => {
  it('takes a decision through every statutory step, each gate holding', async () => {
    const id = await propose('张八桥镇区主干道改造工程', '2025-08-20');
    await drafted(id, '2025-08-25');
    // 第十五条: at least 30 days. From 09-01 the 30th day is 10-01, inside the National Day holiday, so the period ends on 10-09.
    await ok(clerk, id, 'open_comment', '2025-09-01', { channels: '镇政府网站、各村公告栏' });
    const comment = (await view(id)).deadlines.find((d) => d.key === 'comment');
    expect(comment).toMatchObject({ kind: 'minimum', dueDate: '2025-10-09', state: 'waiting' });

    // On the portal: listed as open with its last day, the draft readable, a comment taken with its name and phone sealed.
    today = '2025-09-05';
    const listed = (await pub('/api/public/decisions')).json<{ open: { id: string; commentUntil: string }[] }>();
    expect(listed.open.find((d) => d.id === id)?.commentUntil).toBe('2025-10-09');
    expect((await pub(`/api/public/decisions/${id}`)).json()).toMatchObject({ status: 'commenting', draft: expect.stringContaining('2.4公里'), options: '方案二：分两年实施。', comments: [] });
    const sent = await pub(`/api/public/decisions/${id}/comments`, { body: '施工期间请保留便道，方便沿街商户。', name: '王建国', phone: '13800138000' });
    expect(sent.statusCode, sent.body).toBe(200);
    const stored = (await h.db.query<{ name_enc: Buffer; phone_enc: Buffer }>('SELECT name_enc, phone_enc FROM decision_comments WHERE id = $1', [sent.json<{ id: string }>().id])).rows[0];
    expect(stored?.phone_enc.toString('latin1')).not.toContain('13800138000');
    expect(Buffer.from(stored?.name_enc ?? []).includes(Buffer.from('王建国'))).toBe(false);
    const staffList = (await clerk.get(`/api/decisions/${id}/comments`)).body as { items: { id: string; name: string; phone: string }[]; unanswered: number };
    expect(staffList).toMatchObject({ unanswered: 1, items: [{ name: '王**', phone: '138****8000' }] });
    // The name and phone in full only by a POST (logged as a pii.view), for a holder of pii.unmask:
    // the office clerk has none; the old GET address is gone.
    const reveal = await clerk.post(`/api/decisions/${id}/comments/${staffList.items[0]!.id}/reveal`);
    expect(reveal.status).toBe(403);
    expect((await clerk.get(`/api/decisions/${id}/comments/${staffList.items[0]!.id}/contact`)).status).toBe(404);
    expect((await pub(`/api/public/decisions/${id}/comments`, { body: '  ' })).statusCode).toBe(400);

    // Not closed on the period's last day (the day after it is the earliest), nor before.
    const early = await step(clerk, id, 'close_comment', '2025-10-09', { adoption: '已研究' });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'CASE_MINIMUM_PERIOD', details: { until: '2025-10-09', earliest: '2025-10-10' } });
    await ok(clerk, id, 'close_comment', '2025-10-10', { adoption: '收到意见1条，已研究采纳。' });
    today = '2025-10-10';
    expect((await pub(`/api/public/decisions/${id}/comments`, { body: '再提一条意见' })).statusCode).toBe(404);

    // 第十六条: a hearing's papers reach the participants 7 days before it.
    const hearing = { participants: '沿街商户代表8人', record: '商户要求保留便道。', recordSigned: true };
    expect((await step(clerk, id, 'hearing', '2025-10-10', { ...hearing, papersSentOn: '2025-10-04' })).body.error.code).toBe('DECISION_HEARING_PAPERS_LATE');
    await ok(clerk, id, 'hearing', '2025-10-10', { ...hearing, papersSentOn: '2025-10-03' });
    await ok(clerk, id, 'risk_assessment', '2025-10-10', { report: '风险点：施工扰民；措施：分段施工。', controllable: '风险可控' });
    // Without a finished legality review the item cannot reach the agenda (第二十五条).
    expect((await step(clerk, id, 'put_on_agenda', '2025-10-10', { meeting: '镇政府常务会议', meetingDate: '2025-10-30' })).body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    await ok(clerk, id, 'submit_review', '2025-10-10', { materials: '草案、依据、程序说明' });
    // The legal adviser's queue: the drafts sent for review.
    const queue = (await advisor.get('/api/cases?type=decision&status=reviewing')).body as { items: { id: string }[] };
    expect(queue.items.map((c) => c.id)).toContain(id);
    // The opinion is the legal advisor's.
    expect((await step(clerk, id, 'legal_opinion', '2025-10-13', { conclusion: '合法', opinion: '合法', reviewer: '周静' })).status).toBe(403);
    await ok(advisor, id, 'legal_opinion', '2025-10-13', { conclusion: '不合法', opinion: '超越镇政府权限：涉及征收事项。', issues: '征收应由县政府决定', reviewer: '冯律师' });
    const cal = await h.platform.cases.calendars.forTownship(township);
    const reviewEnds = addWorkingDays(cal, '2025-10-10', 7);
    const afterReview = addWorkingDays(cal, reviewEnds, 1);
    // Found unlawful: not put before the meeting (第二十五条第二款).
    expect((await step(clerk, id, 'put_on_agenda', afterReview, { meeting: '镇政府常务会议', meetingDate: '2025-11-10' })).body.error.code).toBe('DECISION_NOT_LAWFUL');
    await ok(clerk, id, 'revise', afterReview, { changes: '删除征收内容，改为协议置换。' });
    await ok(clerk, id, 'submit_review', afterReview, { materials: '修改后的草案' });
    // Sent again: the reviewer has the whole 7 working days again, even with the opinion in the next day.
    const second = addWorkingDays(cal, afterReview, 1);
    await ok(advisor, id, 'legal_opinion', second, { conclusion: '合法', opinion: '修改后符合法定权限和程序。', reviewer: '冯律师' });
    const tooSoon = await step(clerk, id, 'put_on_agenda', addWorkingDays(cal, afterReview, 7), { meeting: '镇政府常务会议', meetingDate: '2025-12-01' });
    expect(tooSoon.body.error).toMatchObject({ code: 'CASE_MINIMUM_PERIOD', details: { clock: 'legal_review' } });
    const agendaDay = addWorkingDays(cal, afterReview, 8);
    await ok(clerk, id, 'put_on_agenda', agendaDay, { meeting: '镇政府常务会议', meetingDate: agendaDay });

    // The meeting: the head decides; a quorum, a true attendance list, the head last, reasons against the majority.
    expect((await step(clerk, id, 'decide', agendaDay, meeting())).status).toBe(403);
    const refused = async (over: Record<string, unknown>) => (await step(leader, id, 'decide', agendaDay, meeting(over))).body.error.code as string;
    expect(await refused({ present: 4, attendees: '杨镇长、李副镇长、王副镇长、赵委员', votesFor: 4, votesAgainst: 0 })).toBe('DECISION_NO_QUORUM');
    expect(await refused({ present: 6 })).toBe('DECISION_ATTENDANCE_MISMATCH');
    expect(await refused({ votesFor: 5, votesAgainst: 1 })).toBe('DECISION_VOTES_INVALID');
    expect(await refused({ leaderSpokeLast: false })).toBe('DECISION_LEADER_NOT_LAST');
    expect(await refused({ votesFor: 2, votesAgainst: 3 })).toBe('DECISION_MAJORITY_REASON_REQUIRED');
    await ok(leader, id, 'decide', agendaDay, meeting({ votesFor: 2, votesAgainst: 3, againstMajorityReason: '项目已列入县重点工程，时间紧迫。' }));
    expect((await view(id)).facts.meeting).toMatchObject({ membersDue: 9, present: 5, needed: 5, quorate: true, againstMajority: true });

    await ok(clerk, id, 'report_party', agendaDay, { reply: '镇党委同意。' });
    // Published only with every comment answered (第三十二条).
    const publish = { channels: '镇政府网站', docNo: '张政〔2025〕30号', adoptionNote: '公众意见已逐条答复。', executor: '镇村建设办' };
    expect((await step(leader, id, 'publish', agendaDay, publish)).body.error.code).toBe('DECISION_COMMENTS_UNANSWERED');
    const commentId = staffList.items[0]?.id ?? '';
    const answered = await clerk.post(`/api/decisions/${id}/comments/${commentId}/answer`, { answer: '施工方案已明确分段封闭、留出便道。', adoption: '采纳' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.unanswered).toBe(0);
    expect((await clerk.post(`/api/decisions/${id}/comments/${commentId}/answer`, { answer: '再答', adoption: '采纳' })).body.error.code).toBe('DECISION_COMMENT_ANSWERED');
    await ok(leader, id, 'publish', agendaDay, publish);

    // On the portal: the decision with the answers, never who commented.
    const page = (await pub(`/api/public/decisions/${id}`)).json<Record<string, unknown>>();
    expect(page).toMatchObject({ status: 'published', publishedOn: agendaDay, decision: '同意实施镇区道路改造。', docNo: '张政〔2025〕30号',
      comments: [{ body: '施工期间请保留便道，方便沿街商户。', answer: '施工方案已明确分段封闭、留出便道。', adoption: '采纳' }] });
    expect(JSON.stringify(page)).not.toContain('王');
    expect((await pub('/api/public/decisions')).json<{ published: { id: string }[] }>().published.map((d) => d.id)).toContain(id);

    // The figures: taken, collectively, reviewed, after public comment.
    const figure = async (code: string) => (await clerk.get(`/api/metrics/${code}?year=2025&orgId=${township}`)).body as { value: number; numerator?: number; denominator?: number };
    expect((await figure('decisions.taken')).value).toBe(1);
    expect((await figure('decisions.collectiveRate'))).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect((await figure('decisions.reviewRate'))).toMatchObject({ value: 1 });
    expect((await figure('decisions.publicComment')).value).toBe(1);
    const records = (await clerk.get(`/api/metrics/decisions.collective/records?year=2025&orgId=${township}`)).body as { items: { id: string }[] };
    expect(records.items.map((r) => r.id)).toEqual([id]);
    // The annual report drafted for the year carries the part, its figures live fields (二(五)).
    const report = await clerk.post('/api/annual-reports', { year: 2025, townshipId: township });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(JSON.stringify(report.body)).toContain('{{decisions.collectiveRate}}');

    await ok(clerk, id, 'report_execution', '2025-12-20', { report: '已开工，完成30%。' });
    await ok(clerk, id, 'archive', '2025-12-30', { archiveNo: 'WS2025-001' });
  });

  it('allows a shorter comment period only with its reason stated when it opens', async () => {
    const id = await propose('张八桥镇冬季供暖应急方案', '2025-11-03', '重大公共政策和措施');
    await drafted(id, '2025-11-03');
    const bare = await step(clerk, id, 'open_comment_short', '2025-11-04', { channels: '镇政府网站' });
    expect(bare.status).toBe(422);
    await ok(clerk, id, 'open_comment_short', '2025-11-04', { channels: '镇政府网站', shortReason: '寒潮将至，供暖须在11月中旬启动。' });
    expect((await view(id)).deadlines.find((d) => d.key === 'comment_short')).toMatchObject({ kind: 'minimum', dueDate: '2025-11-11' });
    expect((await pub(`/api/public/decisions/${id}`)).json()).toMatchObject({ shortReason: '寒潮将至，供暖须在11月中旬启动。', commentUntil: '2025-11-11' });
    expect((await step(clerk, id, 'close_comment', '2025-11-11', { adoption: '无意见' })).body.error.code).toBe('CASE_MINIMUM_PERIOD');
    await ok(clerk, id, 'close_comment', '2025-11-12', { adoption: '无意见' });
  });

  it('needs two thirds present for an item on personnel, more than half otherwise', () => {
    expect(quorumOf(9, 5, '重大规划')).toMatchObject({ needed: 5, quorate: true });
    expect(quorumOf(9, 4, '重大规划').quorate).toBe(false);
    expect(quorumOf(8, 4, null).quorate).toBe(false);
    expect(quorumOf(9, 5, personnelCategory)).toMatchObject({ needed: 6, quorate: false });
    expect(quorumOf(9, 6, personnelCategory).quorate).toBe(true);
    expect(quorumOf(9, 10, null).quorate).toBe(false);
  });

  it("holds the demo town's 2023 decisions as the seed reports them: all decided collectively and reviewed", async () => {
    const figure = async (code: string) => (await leader.get(`/api/metrics/${code}?year=2023&orgId=${township}`)).body as { value: number; numerator?: number; denominator?: number };
    expect((await figure('decisions.taken')).value).toBe(6);
    expect(await figure('decisions.collectiveRate')).toMatchObject({ value: 1, numerator: 6, denominator: 6 });
    expect(await figure('decisions.reviewRate')).toMatchObject({ value: 1, numerator: 6 });
    expect((await figure('decisions.publicComment')).value).toBe(4);
    expect((await figure('decisions.hearings')).value).toBe(1);
    // One draft open for comment on the portal now, its comment waiting for an answer.
    const open = (await pub('/api/public/decisions')).json<{ open: { id: string; title: string }[]; published: { id: string }[] }>();
    expect(open.open.some((d) => d.title.includes('公益性公墓'))).toBe(true);
    expect(open.published.length).toBeGreaterThanOrEqual(6);
    // A matter not put to public comment (第十四条: personnel) is published as decided, without its draft.
    const personnel = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'decision' AND category = '三重一大：重要干部任免' LIMIT 1")).rows[0]?.id ?? '';
    expect((await pub(`/api/public/decisions/${personnel}`)).json()).toMatchObject({ status: 'published', draft: '', options: null, decision: expect.stringContaining('党组织书记') });
  });

  it("shows another township's staff nothing of a decision or its comments", async () => {
    const id = await propose('张八桥镇垃圾中转站选址', '2025-11-10');
    await drafted(id, '2025-11-10');
    await ok(clerk, id, 'open_comment', '2025-11-10', { channels: '镇政府网站' });
    expect((await pub(`/api/public/decisions/${id}/comments`, { body: '建议远离学校。', phone: '13900001111' })).statusCode).toBe(200);
    const other = await anotherTownshipClerk(h);
    expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
    expect((await other.get(`/api/decisions/${id}/comments`)).status).toBe(404);
    const commentId = ((await clerk.get(`/api/decisions/${id}/comments`)).body as { items: { id: string }[] }).items[0]?.id ?? '';
    expect((await other.post(`/api/decisions/${id}/comments/${commentId}/answer`, { answer: '答复', adoption: '采纳' })).status).toBe(404);
    const theirs = (await other.get('/api/cases?type=decision')).body as { items: { id: string }[] };
    expect(theirs.items.map((c) => c.id)).not.toContain(id);
    expect((await pub('/api/public/decisions?township=lizhuang')).json<{ open: unknown[]; published: unknown[] }>()).toMatchObject({ open: [], published: [] });
    const figure = (await other.get(`/api/metrics/decisions.taken?year=2023&orgId=${township}`)).status;
    expect([403, 404]).toContain(figure);
  });
});
