import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import { anotherTownshipClerk } from '../disclosure/disclosure.test-support.ts';

/**
 * The decision catalogue (重大行政决策程序暂行条例 第三条第三款: set by the deciding body, published
 * after the party committee agrees, adjusted as things change), the township's "三重一大"
 * thresholds per body, the meeting record whose agenda lists the decision it decides, the
 * register's minimum periods, and another township's clerk seeing and writing none of it.
 */
let h: Harness;
let clerk: Agent;
let advisor: Agent;
let leader: Agent;
let admin: Agent;
let dzb: string;
let township: string;
let today = '2025-03-03';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { today: () => today });
  clerk = await h.signIn('dangzheng');
  advisor = await h.signIn('guwen');
  leader = await h.signIn('leader');
  admin = await h.signIn('admin');
  dzb = await h.orgId('dzb');
  township = await h.orgId('zhangbaqiao');
});
afterAll(async () => { await h.close(); });

type Catalogue = { id: string; status: string; items: number; started: number; decided: number; itemList: { id: string; seq: number; title: string; addedOn: string | null; withdrawnOn: string | null; decision: { id: string; ref: string; decided: boolean } | null }[] };
const view = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body as { version: number; status: string };
const step = async (agent: Agent, id: string, transition: string, on: string, fields: Record<string, unknown> = {}) => {
  today = on;
  return agent.post(`/api/cases/${id}/transitions`, { transition, version: (await view(id)).version, on, fields });
};
const ok = async (agent: Agent, id: string, transition: string, on: string, fields: Record<string, unknown> = {}) => {
  const res = await step(agent, id, transition, on, fields);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
};
const item = { title: '镇卫生院迁建项目', category: '重大公共建设项目', leadUnit: '镇村建设办', quarter: 2, hearingPlanned: true, body: '镇党委会议' };
const figure = async (code: string, year: number) => (await clerk.get(`/api/metrics/decisions.${code}?year=${year}&orgId=${township}`)).body as { value: number };

/** A decision through review, ready for the agenda (skipping public comment with its reason, 第十四条). */
const reviewed = async (title: string, on: string, start: Record<string, unknown>, category = '重大公共建设项目'): Promise<{ id: string; agendaDay: string }> => {
  today = on;
  const made = await clerk.post('/api/cases', { type: 'decision', orgId: dzb, title, category, receivedOn: on });
  expect(made.status, JSON.stringify(made.body)).toBe(200);
  const id = made.body.id as string;
  await ok(clerk, id, 'start', on, { leadUnit: '镇村建设办', matter: title, ...start });
  await ok(clerk, id, 'draft', on, { draft: `${title}方案`, explanation: '依据有关规定拟订。' });
  await ok(clerk, id, 'skip_comment', on, { reason: '涉及财政资金安排，依法不公开征求意见。', otherWays: '征求了镇人大主席团意见。' });
  await ok(clerk, id, 'risk_assessment', on, { report: '风险可控。', controllable: '风险可控' });
  await ok(clerk, id, 'submit_review', on, { materials: '草案、依据' });
  const cal = await h.platform.cases.calendars.forTownship(township);
  await ok(advisor, id, 'legal_opinion', addWorkingDays(cal, on, 1), { conclusion: '合法', opinion: '符合法定权限和程序。', reviewer: '冯律师' });
  return { id, agendaDay: addWorkingDays(cal, on, 8) };
};

/** A meeting record of the governance module: called and held with its attendance and the decisions on its agenda. */
const heldMeeting = async (kind: string, on: string, attendees: string[], decisionIds: string[], membersDue = 9): Promise<{ id: string; status: number; body: { error?: { code: string } } }> => {
  today = on;
  const m = await clerk.post('/api/cases', { type: 'meeting', orgId: dzb, title: `${on}${kind}`, category: kind, receivedOn: on, data: { topics: '研究重大事项' } });
  expect(m.status, JSON.stringify(m.body)).toBe(200);
  const held = await clerk.post(`/api/cases/${m.body.id}/transitions`, { transition: 'hold', version: 1, on, fields: {
    chair: '党委书记', membersDue, present: attendees.length, attendees: attendees.join('、'), agenda: '研究重大事项', ...(decisionIds.length ? { decisionIds } : {}),
  } });
  return { id: m.body.id as string, status: held.status, body: held.body as { error?: { code: string } } };
};
const seven = ['党委书记', '杨镇长', '李副镇长', '王副镇长', '赵委员', '钱委员', '孙委员'];

describe('the decision catalogue, thresholds and meetings', () => {
  it("holds the demo town's 2023 catalogue, published and amended, each decided item at its meeting", async () => {
    expect((await figure('catalogueItems', 2023)).value).toBe(5);
    expect((await figure('catalogueStarted', 2023)).value).toBe(5);
    expect((await figure('catalogueDecided', 2023)).value).toBe(5);
    const records = (await clerk.get(`/api/metrics/decisions.catalogueDecided/records?year=2023&orgId=${township}`)).body.items as { ref: string; title: string }[];
    expect(records.map((r) => r.ref)).toContain('2023年目录第1项');
    // Collective discussion stays 100 % (seed 二(五)).
    expect((await clerk.get(`/api/metrics/decisions.collectiveRate?year=2023&orgId=${township}`)).body).toMatchObject({ value: 1, numerator: 6, denominator: 6 });
    // On the portal: the published catalogue with its amendments, each with its day and reason.
    const portal = (await h.app.inject({ method: 'GET', url: '/api/public/decision-catalogues' })).json<{ catalogues: { year: number; agreedOn: string; items: { title: string; withdrawnReason: string | null; addedReason: string | null }[] }[] }>();
    const y2023 = portal.catalogues.find((c) => c.year === 2023);
    expect(y2023?.agreedOn).toBe('2023-01-16');
    expect(y2023?.items).toHaveLength(6);
    expect(y2023?.items.find((i) => i.title.includes('停车场'))?.withdrawnReason).toContain('县发展改革委');
    expect(y2023?.items.find((i) => i.title.includes('集贸市场'))?.addedReason).toContain('增补');
    // The decision names its item and its meeting; the meeting's agenda lists the decision, decided there.
    const sewer = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'decision' AND title LIKE '%污水管网%'")).rows[0]?.id ?? '';
    const links = (await clerk.get(`/api/decisions/${sewer}/links`)).body as { catalogueItem: { year: number; seq: number }; meetings: { id: string; kind: string; decidedHere: boolean }[] };
    expect(links.catalogueItem).toMatchObject({ year: 2023, seq: 1 });
    expect(links.meetings).toEqual([expect.objectContaining({ kind: '镇党委会议', decidedHere: true })]);
    const agenda = (await leader.get(`/api/decisions/meetings/${links.meetings[0]?.id ?? ''}/agenda`)).body as { items: { id: string; status: string; decidedHere: boolean }[] };
    expect(agenda.items).toEqual([expect.objectContaining({ id: sewer, decidedHere: true })]);
    // The personnel item was started outside the catalogue, with its reason.
    const personnel = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'decision' AND category = '三重一大：重要干部任免'")).rows[0]?.id ?? '';
    expect(((await clerk.get(`/api/decisions/${personnel}/links`)).body as { catalogueItem: null; outsideReason: string }).outsideReason).toContain('干部管理权限');
  });

  it('drafts a catalogue, has it agreed by the party committee, publishes it and amends it with reasons', async () => {
    today = '2025-01-06';
    const made = await clerk.post('/api/decisions/catalogues', { townshipId: township, year: 2025 });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const id = made.body.id as string;
    expect((await clerk.post('/api/decisions/catalogues', { townshipId: township, year: 2025 })).body.error.code).toBe('DECISION_CATALOGUE_EXISTS');
    expect((await clerk.post(`/api/decisions/catalogues/${id}/agree`, { on: '2025-01-06' })).body.error.code).toBe('DECISION_CATALOGUE_EMPTY');
    const added = await clerk.post(`/api/decisions/catalogues/${id}/items`, item);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const spare = (await clerk.post(`/api/decisions/catalogues/${id}/items`, { ...item, title: '镇文化广场建设', quarter: 3 })).body as Catalogue;
    expect(spare.itemList.map((i) => i.seq)).toEqual([1, 2]);
    // A draft's item may be removed.
    expect((await clerk.delete(`/api/decisions/catalogues/${id}/items/${spare.itemList[1]?.id ?? ''}`)).status).toBe(200);
    // Not published before the party committee agreed (第三条第三款).
    expect((await leader.post(`/api/decisions/catalogues/${id}/publish`, { on: '2025-01-06', channels: '镇政府网站' })).body.error.code).toBe('DECISION_CATALOGUE_STATE');
    // The committee's meeting must be a held 镇党委会议 of the township.
    const exec = await heldMeeting('镇政府常务会议', '2025-01-06', seven, []);
    expect((await clerk.post(`/api/decisions/catalogues/${id}/agree`, { on: '2025-01-06', meetingId: exec.id })).body.error.code).toBe('DECISION_CATALOGUE_MEETING_INVALID');
    const party = await heldMeeting('镇党委会议', '2025-01-06', seven, []);
    expect((await clerk.post(`/api/decisions/catalogues/${id}/agree`, { on: '2025-01-07', meetingId: party.id })).body.error.code).toBe('DECISION_CATALOGUE_DATE_INVALID');
    const agreed = await clerk.post(`/api/decisions/catalogues/${id}/agree`, { on: '2025-01-06', meetingId: party.id });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect(agreed.body).toMatchObject({ status: 'agreed', agreedOn: '2025-01-06', agreedMeeting: { id: party.id } });
    // Agreed, not yet published: not on the portal, and no more edits.
    const portalYears = async () => (await h.app.inject({ method: 'GET', url: '/api/public/decision-catalogues' })).json<{ catalogues: { year: number }[] }>().catalogues.map((c) => c.year);
    expect(await portalYears()).not.toContain(2025);
    expect((await clerk.post(`/api/decisions/catalogues/${id}/items`, item)).body.error.code).toBe('DECISION_CATALOGUE_STATE');
    // Published by the head (decision.approve), not by the clerk.
    today = '2025-01-10';
    expect((await clerk.post(`/api/decisions/catalogues/${id}/publish`, { on: '2025-01-10', channels: '镇政府网站' })).status).toBe(403);
    expect((await leader.post(`/api/decisions/catalogues/${id}/publish`, { on: '2025-01-11', channels: '镇政府网站' })).body.error.code).toBe('DECISION_CATALOGUE_DATE_INVALID');
    const published = await leader.post(`/api/decisions/catalogues/${id}/publish`, { on: '2025-01-10', channels: '镇政府网站、各村公告栏' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await portalYears()).toContain(2025);
    // After publication: an item added or withdrawn only with its day and reason.
    today = '2025-03-03';
    expect((await clerk.post(`/api/decisions/catalogues/${id}/items`, { ...item, title: '镇区路灯改造' })).body.error.code).toBe('DECISION_CATALOGUE_AMENDMENT_REASON');
    const amended = (await clerk.post(`/api/decisions/catalogues/${id}/items`, { ...item, title: '镇区路灯改造', on: '2025-03-03', reason: '群众反映夜间出行不便，经镇党委同意增补。' })).body as Catalogue;
    expect(amended.itemList.find((i) => i.title === '镇区路灯改造')?.addedOn).toBe('2025-03-03');
    expect((await clerk.delete(`/api/decisions/catalogues/${id}/items/${amended.itemList[0]?.id ?? ''}`)).body.error.code).toBe('DECISION_CATALOGUE_STATE');
    const lamp = amended.itemList.find((i) => i.title === '镇区路灯改造')?.id ?? '';
    const withdrawn = (await clerk.post(`/api/decisions/catalogues/${id}/items/${lamp}/withdraw`, { on: '2025-03-03', reason: '改由县住建局统一实施。' })).body as Catalogue;
    expect(withdrawn.itemList.find((i) => i.id === lamp)?.withdrawnOn).toBe('2025-03-03');
    expect(withdrawn.items).toBe(1);

    // A decision starts on a catalogue item, or outside it with a reason (第三条); a withdrawn item is refused.
    const hospital = amended.itemList[0]?.id ?? '';
    today = '2025-03-03';
    const made2 = await clerk.post('/api/cases', { type: 'decision', orgId: dzb, title: '镇卫生院迁建项目', category: '重大公共建设项目', receivedOn: '2025-03-03' });
    const d = made2.body.id as string;
    expect((await step(clerk, d, 'start', '2025-03-03', { leadUnit: '镇村建设办', matter: '迁建' })).body.error.code).toBe('DECISION_CATALOGUE_REASON_REQUIRED');
    expect((await step(clerk, d, 'start', '2025-03-03', { leadUnit: '镇村建设办', matter: '迁建', catalogueItemId: lamp })).body.error.code).toBe('DECISION_CATALOGUE_ITEM_INVALID');
    await ok(clerk, d, 'start', '2025-03-03', { leadUnit: '镇村建设办', matter: '迁建', catalogueItemId: hospital });
    const after = (await clerk.get(`/api/decisions/catalogues/${id}`)).body as Catalogue;
    expect(after.itemList.find((i) => i.id === hospital)?.decision).toMatchObject({ id: d, decided: false });
    expect(after).toMatchObject({ items: 1, started: 1, decided: 0 });
    expect((await figure('catalogueStarted', 2025)).value).toBe(1);
    expect(((await clerk.get(`/api/decisions/${d}/links`)).body as { catalogueItem: { year: number } }).catalogueItem.year).toBe(2025);
  });

  it("sends a matter whose amount reaches a body's threshold to that body, and registers under the township's categories", async () => {
    // The setting is settings.manage's: the clerk cannot change it.
    const setting = { townshipId: township, categories: ['重大公共建设项目', '三重一大：大额资金使用', '三重一大：重要干部任免', '四重一大：重大改革事项'],
      thresholds: [{ body: '镇党委会议', fromWan: 50 }, { body: '镇政府常务会议', fromWan: 10 }] };
    expect((await clerk.put('/api/decisions/settings', setting)).status).toBe(403);
    const saved = await admin.put('/api/decisions/settings', setting);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await clerk.get('/api/decisions/settings')).body).toMatchObject({ own: true, categories: setting.categories });
    // Registration takes the township's list: a category it dropped is refused, its own new one accepted.
    today = '2025-04-01';
    expect((await clerk.post('/api/cases', { type: 'decision', orgId: dzb, title: '镇区规划修编', category: '重大规划' })).status).toBe(400);
    expect((await clerk.post('/api/cases', { type: 'decision', orgId: dzb, title: '镇属企业改制', category: '四重一大：重大改革事项' })).status).toBe(200);

    const { id, agendaDay } = await reviewed('镇区道路硬化大额资金使用', '2025-04-01', { outsideReason: '汛后道路损毁，急需修复。', amountWan: 80 }, '三重一大：大额资金使用');
    const refused = await step(clerk, id, 'put_on_agenda', agendaDay, { meeting: '镇政府常务会议', meetingDate: agendaDay });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'DECISION_BODY_REQUIRED', details: { body: '镇党委会议', fromWan: 50, amountWan: 80 } });
    await ok(clerk, id, 'put_on_agenda', agendaDay, { meeting: '镇党委会议', meetingDate: agendaDay });
    const decide = { meeting: '镇政府常务会议', membersDue: 9, present: 7, attendees: seven.join('、'), votesFor: 7, votesAgainst: 0, votesAbstain: 0, leaderSpokeLast: true, decision: '同意。' };
    expect((await step(leader, id, 'decide', agendaDay, decide)).body.error.code).toBe('DECISION_BODY_REQUIRED');

    // The meeting named must be held, of the body the step names, of this township, list the decision, and match the attendance.
    const called = await clerk.post('/api/cases', { type: 'meeting', orgId: dzb, title: '未召开的党委会议', category: '镇党委会议', receivedOn: agendaDay });
    const asParty = { ...decide, meeting: '镇党委会议' };
    expect((await step(leader, id, 'decide', agendaDay, { ...asParty, meetingId: called.body.id })).body.error.code).toBe('DECISION_MEETING_INVALID');
    const exec = await heldMeeting('镇政府常务会议', agendaDay, seven, [id]);
    expect(exec.status).toBe(200);
    expect((await step(leader, id, 'decide', agendaDay, { ...asParty, meetingId: exec.id })).body.error.code).toBe('DECISION_MEETING_INVALID');
    const other = await heldMeeting('镇党委会议', agendaDay, seven, []);
    expect((await step(leader, id, 'decide', agendaDay, { ...asParty, meetingId: other.id })).body.error.code).toBe('DECISION_MEETING_NOT_ON_AGENDA');
    // A study session lists no decisions.
    expect((await heldMeeting('中心组学法', agendaDay, seven, [id])).body.error?.code).toBe('DECISION_AGENDA_INVALID');
    const party = await heldMeeting('镇党委会议', agendaDay, seven, [id]);
    expect(party.status, JSON.stringify(party.body)).toBe(200);
    const choices = (await leader.get(`/api/decisions/${id}/meetings`)).body as { items: { id: string; listsDecision: boolean; present: number }[] };
    expect(choices.items.find((m) => m.id === party.id)).toMatchObject({ listsDecision: true, present: 7 });
    const mismatch = await step(leader, id, 'decide', agendaDay, { ...asParty, meetingId: party.id, present: 6, attendees: seven.slice(0, 6).join('、'), votesFor: 6 });
    expect(mismatch.body.error.code).toBe('DECISION_MEETING_MISMATCH');
    // The item's own gates still hold with a meeting named (the head speaks last).
    expect((await step(leader, id, 'decide', agendaDay, { ...asParty, meetingId: party.id, leaderSpokeLast: false })).body.error.code).toBe('DECISION_LEADER_NOT_LAST');
    await ok(leader, id, 'decide', agendaDay, { ...asParty, meetingId: party.id, attendees: [...seven].reverse().join('，') });
    const links = (await clerk.get(`/api/decisions/${id}/links`)).body as { meetings: { id: string; decidedHere: boolean }[] };
    expect(links.meetings.find((m) => m.id === party.id)?.decidedHere).toBe(true);
    const agenda = (await clerk.get(`/api/decisions/meetings/${party.id}/agenda`)).body as { items: { id: string; status: string; decidedHere: boolean }[] };
    expect(agenda.items).toEqual([expect.objectContaining({ id, status: 'decided', decidedHere: true })]);
  });

  it('shows on the register the minimum periods still running, with the day they end and the days left', async () => {
    today = '2025-09-01';
    const made = await clerk.post('/api/cases', { type: 'decision', orgId: dzb, title: '镇区集中供热规划', category: '重大公共建设项目', receivedOn: '2025-09-01' });
    const id = made.body.id as string;
    await ok(clerk, id, 'start', '2025-09-01', { leadUnit: '镇村建设办', matter: '供热', outsideReason: '新提出的事项。' });
    await ok(clerk, id, 'draft', '2025-09-01', { draft: '建设集中供热站1座。', explanation: '依据县供热规划。' });
    await ok(clerk, id, 'open_comment', '2025-09-01', { channels: '镇政府网站' });
    today = '2025-09-29';
    const row = ((await clerk.get('/api/cases?type=decision&pageSize=100')).body as { items: { id: string; waiting?: { key: string; until: string; remaining: number; label: { zh: string } }[] }[] }).items.find((r) => r.id === id);
    // 第十五条: 30 days from 09-01 run into the National Day holiday and end on 10-09.
    expect(row?.waiting).toEqual([{ key: 'comment', label: expect.objectContaining({ zh: '公开征求意见期间' }), until: '2025-10-09', unit: 'cd', remaining: 10 }]);
    today = '2025-10-10';
    const later = ((await clerk.get('/api/cases?type=decision&pageSize=100')).body as { items: { id: string; waiting?: unknown }[] }).items.find((r) => r.id === id);
    expect(later?.waiting).toBeUndefined();
  });

  it("keeps another township's clerk from the catalogue, the setting, the links and the agenda", async () => {
    const other = await anotherTownshipClerk(h);
    const cat = (await h.db.query<{ id: string }>('SELECT id FROM decision_catalogues WHERE year = 2023')).rows[0]?.id ?? '';
    const itemId = (await h.db.query<{ id: string }>('SELECT id FROM decision_catalogue_items WHERE catalogue_id = $1 ORDER BY seq LIMIT 1', [cat])).rows[0]?.id ?? '';
    const decision = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'decision' AND title LIKE '%污水管网%'")).rows[0]?.id ?? '';
    const meeting = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'meeting' AND steps -> 'hold' ? 'decisionIds' LIMIT 1")).rows[0]?.id ?? '';
    const before = (await h.db.query<{ s: string }>("SELECT md5(string_agg(x::text, '|' ORDER BY id)) AS s FROM decision_catalogue_items x")).rows[0]?.s;
    expect((await other.get(`/api/decisions/catalogues/${cat}`)).status).toBe(404);
    expect(((await other.get('/api/decisions/catalogues')).body as { items: unknown[] }).items).toEqual([]);
    expect((await other.post(`/api/decisions/catalogues/${cat}/items`, { ...item, on: '2023-06-01', reason: '越权' })).status).toBe(404);
    expect((await other.post(`/api/decisions/catalogues/${cat}/items/${itemId}/withdraw`, { on: '2023-06-01', reason: '越权' })).status).toBe(404);
    expect([403, 404]).toContain((await other.get(`/api/decisions/settings?townshipId=${township}`)).status);
    expect((await other.get(`/api/decisions/${decision}/links`)).status).toBe(404);
    expect((await other.get(`/api/decisions/meetings/${meeting}/agenda`)).status).toBe(404);
    // Its own decision cannot name our catalogue's item, nor its meeting list our decision.
    const theirs = await other.post('/api/cases', { type: 'decision', orgId: (await h.orgId('lz_dzb')), title: '李庄乡事项', category: '重大规划', receivedOn: today });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    const start = await other.post(`/api/cases/${theirs.body.id}/transitions`, { transition: 'start', version: 1, on: today, fields: { leadUnit: '党政办', matter: '越权', catalogueItemId: itemId } });
    expect(start.body.error.code).toBe('DECISION_CATALOGUE_ITEM_INVALID');
    const m = await other.post('/api/cases', { type: 'meeting', orgId: (await h.orgId('lz_dzb')), title: '李庄乡党委会议', category: '镇党委会议', receivedOn: today });
    const hold = await other.post(`/api/cases/${m.body.id}/transitions`, { transition: 'hold', version: 1, on: today, fields: {
      chair: '书记', membersDue: 5, present: 3, attendees: '甲、乙、丙', agenda: '越权', decisionIds: [decision] } });
    expect(hold.body.error.code).toBe('DECISION_AGENDA_INVALID');
    expect((await h.db.query<{ s: string }>("SELECT md5(string_agg(x::text, '|' ORDER BY id)) AS s FROM decision_catalogue_items x")).rows[0]?.s).toBe(before);
    // Nothing of 张八桥镇's catalogue on 李庄乡's portal page.
    expect((await h.app.inject({ method: 'GET', url: '/api/public/decision-catalogues?township=lizhuang' })).json<{ catalogues: unknown[] }>().catalogues).toEqual([]);
  });
});
