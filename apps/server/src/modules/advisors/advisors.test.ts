import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { anotherTownshipClerk } from '../disclosure/disclosure.test-support.ts';
import { draftContent } from '../annual-report/annual-report.outline.ts';
import { modules } from '../index.ts';

/**
 * The legal advisors: a review through every step with the refusals a clerk and an advisor meet,
 * the queue routed by each village's advisor, the service log and its hours, the figures of the
 * demo town's 2023 and the annual report's sentence; a village sees its own items only and another
 * township's clerk sees and writes nothing.
 */
let h: Harness;
let clerk: Agent;
let north: Agent;
let south: Agent;
let cadre: Agent;
let dzb = '';
let s01 = '';
let s12 = '';
let township = '';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 });
  [clerk, north, south, cadre] = await Promise.all([h.signIn('dangzheng'), h.signIn('guwen'), h.signIn('guwen2'), h.signIn('cunwei')]);
  [dzb, s01, s12, township] = await Promise.all([h.orgId('dzb'), h.orgId('S01'), h.orgId('S12'), h.orgId('zhangbaqiao')]);
});
afterAll(async () => { await h.close(); });

const submit = async (agent: Agent, orgId: string, category: string, title: string, extra: Record<string, unknown> = {}): Promise<string> => {
  const res = await agent.post('/api/cases', { type: 'legal_review', orgId, title, category, data: { documentName: title, matter: '请审查', ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id as string;
};
const step = (agent: Agent, id: string, version: number, transition: string, fields: Record<string, unknown>) =>
  agent.post(`/api/cases/${id}/transitions`, { transition, version, fields });
const queue = async (agent: Agent, view: string) => (await agent.get(`/api/advisors/queue?view=${view}&pageSize=100`)).body as { items: { id: string; advisorName: string | null; daysLeft: number | null; routed: boolean }[]; counts: Record<string, number> };

describe('a legal review through its steps', () => {
  it('goes from the village to its advisor, gets an opinion with issues and hours, and each issue its resolution', async () => {
    const id = await submit(cadre, s01, '村规民约', '东营村村规民约补充条款审查');
    // Routed to 东营村's advisor (guwen), not to the southern villages' (guwen2).
    const routed = (await queue(north, 'unaccepted')).items.find((i) => i.id === id);
    expect(routed).toMatchObject({ routed: true, advisorName: '法律顾问 冯律师' });
    expect(routed?.daysLeft).toBeGreaterThan(0);
    expect((await queue(south, 'unaccepted')).items.some((i) => i.id === id)).toBe(false);
    // The clerk and the cadre cannot give an opinion; the advisor cannot resolve.
    expect((await step(cadre, id, 1, 'accept', {})).status).toBe(403);
    const accepted = await step(north, id, 1, 'accept', {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await queue(north, 'mine')).items.some((i) => i.id === id)).toBe(true);
    const v = accepted.body.version as number;
    // A conclusion for contracts on village rules, one asking for changes without its issues, hours out of bounds: refused, nothing written.
    expect((await step(north, id, v, 'opinion', { conclusion: '同意', opinion: '同意', hours: 1 })).body.error.code).toBe('ADVISOR_CONCLUSION_MISMATCH');
    expect((await step(north, id, v, 'opinion', { conclusion: '修改后合法', opinion: '需修改', hours: 1 })).body.error.code).toBe('ADVISOR_ISSUES_REQUIRED');
    for (const hours of [0, 25, -1]) expect((await step(north, id, v, 'opinion', { conclusion: '合法', opinion: '合法', hours })).status, String(hours)).toBe(422);
    expect((await step(north, id, v, 'opinion', { conclusion: '合法', opinion: '合法', hours: 1.25 })).body.error.code).toBe('ADVISOR_HOURS_INVALID');
    // The client may not write what the engine owns: unknown keys in the step are refused.
    const sneaky = await step(north, id, v, 'opinion', { conclusion: '合法', opinion: '合法', hours: 1, onTime: true, steps: {} });
    expect(sneaky.body.error.code).toBe('CASE_DATA_INVALID');
    expect((await clerk.post('/api/cases', { type: 'legal_review', orgId: dzb, title: '越权', category: '合同', data: { documentName: '合同', matter: '审查', facts: { advisor: 'x' } } })).body.error.code).toBe('CASE_DATA_INVALID');
    expect((await h.db.query('SELECT count(*)::int AS n FROM legal_review_issues WHERE case_id = $1', [id])).rows[0].n).toBe(0);
    const opined = await step(cadre, id, v, 'opinion', { conclusion: '合法', opinion: '合法', hours: 1 });
    expect(opined.status).toBe(403);
    const given = await step(north, id, v, 'opinion', {
      conclusion: '修改后合法', opinion: '个别条款设定罚款，应予修改。', hours: 2.5,
      issues: [{ problem: '对乱倒垃圾者罚款200元', suggestion: '改为批评教育、积分扣减', basis: '村民委员会组织法第二十七条' }, { problem: '限制外嫁女分配', suggestion: '删除' }],
    });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    const issues = (await h.db.query('SELECT seq, problem, outcome FROM legal_review_issues WHERE case_id = $1 ORDER BY seq', [id])).rows;
    expect(issues.map((r) => r.seq)).toEqual([1, 2]);
    // The review's hours are in the service log, once, as the advisor's.
    const logged = (await h.db.query("SELECT hours::text, kind, source FROM advisor_services WHERE case_id = $1", [id])).rows;
    expect(logged).toEqual([{ hours: '2.5', kind: '村规民约审查', source: 'review' }]);
    const w = given.body.version as number;
    // Every issue needs its outcome; one not adopted needs its reason; an unknown number is refused.
    expect((await step(cadre, id, w, 'resolve', { resolutions: [{ issueNo: 1, outcome: '采纳' }] })).body.error.code).toBe('ADVISOR_ISSUES_UNRESOLVED');
    expect((await step(cadre, id, w, 'resolve', { resolutions: [{ issueNo: 1, outcome: '采纳' }, { issueNo: 2, outcome: '未采纳' }] })).body.error.code).toBe('ADVISOR_RESOLUTION_REASON');
    expect((await step(cadre, id, w, 'resolve', { resolutions: [{ issueNo: 1, outcome: '采纳' }, { issueNo: 3, outcome: '采纳' }] })).body.error.code).toBe('ADVISOR_RESOLUTION_INVALID');
    expect((await step(north, id, w, 'resolve', { resolutions: [] })).status).toBe(403);
    const resolved = await step(cadre, id, w, 'resolve', { resolutions: [{ issueNo: 1, outcome: '采纳', handling: '已改为积分扣减' }, { issueNo: 2, outcome: '未采纳', handling: '村民会议另行讨论' }] });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const after = (await h.db.query('SELECT outcome, handling, resolved_on IS NOT NULL AS dated FROM legal_review_issues WHERE case_id = $1 ORDER BY seq', [id])).rows;
    expect(after).toEqual([{ outcome: '采纳', handling: '已改为积分扣减', dated: true }, { outcome: '未采纳', handling: '村民会议另行讨论', dated: true }]);
    const closed = await step(cadre, id, resolved.body.version, 'close', { result: '经村民会议通过，已报镇人民政府备案' });
    expect(closed.body.status).toBe('closed');
    // The opinion's clock stopped on time, as the engine recorded it.
    expect((await h.db.query("SELECT status, on_time FROM case_deadlines WHERE case_id = $1 AND key = 'opinion'", [id])).rows[0]).toEqual({ status: 'met', on_time: true });
  });

  it('lets the office name another advisor, only one who may review there', async () => {
    const id = await submit(clerk, s12, '合同', '杨庄村土地流转合同审查', { counterparty: '（示例）农业合作社', amount: 20 });
    expect((await queue(south, 'unaccepted')).items.some((i) => i.id === id)).toBe(true);
    const notAdvisor = await step(clerk, id, 1, 'assign', { advisorId: await h.userId('dangzheng') });
    expect(notAdvisor.body.error.code).toBe('ADVISOR_NOT_ADVISOR');
    const named = await step(clerk, id, 1, 'assign', { advisorId: await h.userId('guwen') });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body.facts.advisor).toMatchObject({ name: '法律顾问 冯律师', how: 'assigned' });
    expect((await queue(south, 'unaccepted')).items.some((i) => i.id === id)).toBe(false);
    expect((await queue(north, 'unaccepted')).items.find((i) => i.id === id)?.routed).toBe(false);
    const withdrawn = await step(clerk, id, named.body.version, 'withdraw', { reason: '合同暂缓签订' });
    expect(withdrawn.body.status).toBe('withdrawn');
  });

  it('keeps a village to its own items and another township out of everything', async () => {
    const s02Item = (await h.db.query<{ id: string }>("SELECT k.id FROM cases k JOIN orgs o ON o.id = k.org_id WHERE k.case_type = 'legal_review' AND o.code = 'S02' LIMIT 1")).rows[0]?.id ?? '';
    expect(s02Item).toHaveLength(36);
    expect((await cadre.get(`/api/cases/${s02Item}`)).status).toBe(404);
    const own = (await cadre.get('/api/cases?type=legal_review&pageSize=100')).body.items as { orgName: string }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((i) => i.orgName === '东营村')).toBe(true);
    expect((await queue(cadre, 'open')).items.length).toBeLessThanOrEqual(own.length);
    const other = await anotherTownshipClerk(h);
    expect((await other.get(`/api/cases/${s02Item}`)).status).toBe(404);
    expect((await other.post(`/api/cases/${s02Item}/transitions`, { transition: 'withdraw', version: 1, fields: { reason: '越权' } })).status).toBe(404);
    expect((await other.get('/api/cases?type=legal_review')).body.items).toHaveLength(0);
    const before = (await h.db.query('SELECT count(*)::int AS n FROM advisor_services')).rows[0].n;
    expect([403, 404]).toContain((await other.post('/api/advisors/services', { orgId: s01, servedOn: '2025-01-02', kind: '法律咨询', hours: 1, summary: '越权' })).status);
    expect([403, 404]).toContain((await other.post('/api/advisors/advisors', { orgId: s01, name: '越权', fromOn: '2025-01-01' })).status);
    expect([403, 404]).toContain((await other.get(`/api/advisors/services?orgId=${township}`)).status);
    expect((await h.db.query('SELECT count(*)::int AS n FROM advisor_services')).rows[0].n).toBe(before);
  });
});

describe('the villages\' advisors and the service log', () => {
  it('lists an advisor for every village, lets the office name one and end it, masks a personal mobile', async () => {
    const list = (await clerk.get(`/api/advisors/advisors?orgId=${township}`)).body as { items: { orgName: string; phone: string | null; current: boolean }[]; villages: { advisor: string | null }[]; canManage: boolean };
    expect(list.villages).toHaveLength(18);
    expect(list.villages.every((v) => v.advisor !== null)).toBe(true);
    expect(list.canManage).toBe(true);
    expect(list.items.find((i) => i.orgName === '杨庄村')?.phone).toMatch(/^139\*{4}\d{4}$/);
    expect((await north.get(`/api/advisors/advisors?orgId=${township}`)).body.canManage).toBe(false);
    expect((await north.post('/api/advisors/advisors', { orgId: s01, name: '冯律师', fromOn: '2025-01-01' })).status).toBe(403);
    expect((await cadre.post('/api/advisors/advisors', { orgId: s01, name: '冯律师', fromOn: '2025-01-01' })).status).toBe(403);
    expect((await clerk.post('/api/advisors/advisors', { orgId: s01, name: '周静', userId: await h.userId('dangzheng'), fromOn: '2025-01-01' })).body.error.code).toBe('ADVISOR_NOT_ADVISOR');
    expect((await clerk.post('/api/advisors/advisors', { orgId: s01, name: '冯律师', fromOn: '2025-01-01', untilOn: '2024-12-31' })).body.error.code).toBe('ADVISOR_DATE_INVALID');
    const made = await clerk.post('/api/advisors/advisors', { orgId: s01, name: '韩律师', userId: await h.userId('guwen2'), firm: '（示例）律师事务所', phone: '13912345678', fromOn: '2025-01-01' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.phone).toBe('139****5678');
    const sealed = (await h.db.query('SELECT phone_enc IS NOT NULL AS sealed, official_phone FROM legal_advisors WHERE id = $1', [made.body.id])).rows[0];
    expect(sealed).toEqual({ sealed: true, official_phone: null });
    const ended = await clerk.patch(`/api/advisors/advisors/${made.body.id}`, { untilOn: '2025-06-30' });
    expect(ended.body.untilOn).toBe('2025-06-30');
  });

  it('logs an advisor\'s services with hours in bounds and totals them by advisor and by village', async () => {
    const bad = async (b: Record<string, unknown>) => (await north.post('/api/advisors/services', { orgId: s01, servedOn: '2025-03-03', kind: '法律咨询', summary: '解答土地承包问题', ...b })).status;
    expect(await bad({ hours: 0 })).toBe(400);
    expect(await bad({ hours: 24.5 })).toBe(400);
    expect((await north.post('/api/advisors/services', { orgId: s01, servedOn: '2025-03-03', kind: '法律咨询', summary: '咨询', hours: 1.55 })).body.error.code).toBe('ADVISOR_HOURS_INVALID');
    expect((await north.post('/api/advisors/services', { orgId: s01, servedOn: '2099-01-01', kind: '法律咨询', summary: '咨询', hours: 1 })).body.error.code).toBe('ADVISOR_DATE_INVALID');
    expect((await clerk.post('/api/advisors/services', { orgId: s01, servedOn: '2025-03-03', kind: '法律咨询', summary: '咨询', hours: 1 })).status).toBe(403);
    const ok = await north.post('/api/advisors/services', { orgId: s01, servedOn: '2025-03-03', kind: '参与调解', summary: '参与调解邻里纠纷', hours: 24 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.item).toMatchObject({ hours: 24, advisorName: '法律顾问 冯律师', orgName: '东营村', source: 'entry' });
    const year = (await clerk.get(`/api/advisors/services?year=2023&orgId=${township}&pageSize=200`)).body as { total: number; totals: { hours: number; byAdvisor: { name: string; hours: number; entries: number }[]; byOrg: { name: string; hours: number }[] } };
    // 2023: 18 villages × 4 services, 12 consultations at the township, 14 reviews' opinions.
    expect(year.total).toBe(18 * 4 + 12 + 14);
    expect(year.totals.byAdvisor.map((a) => a.name).sort()).toEqual(['法律顾问 冯律师', '法律顾问 韩律师']);
    expect(year.totals.byAdvisor.reduce((n, a) => n + a.entries, 0)).toBe(year.total);
    expect(Math.round(year.totals.byOrg.reduce((n, o) => n + o.hours, 0) * 10) / 10).toBe(year.totals.hours);
    // A village reads its own services only.
    const village = (await cadre.get('/api/advisors/services?year=2023')).body as { items: { orgName: string }[] };
    expect(village.items.length).toBeGreaterThan(0);
    expect(village.items.every((i) => i.orgName === '东营村')).toBe(true);
  });
});

describe('figures', () => {
  it('counts the demo town\'s 2023 reviews, issues, services and coverage from the records', async () => {
    const figure = async (code: string) => (await clerk.get(`/api/metrics/advisors.${code}?year=2023&orgId=${township}`)).body as { value: number; numerator?: number; denominator?: number };
    expect((await figure('reviewed')).value).toBe(14);
    expect((await figure('reviewedContracts')).value).toBe(5);
    expect((await figure('reviewedNormative')).value).toBe(2);
    expect((await figure('reviewedVillageRules')).value).toBe(5);
    expect((await figure('reviewedOther')).value).toBe(2);
    expect((await figure('onTimeRate'))).toMatchObject({ numerator: 13, denominator: 14 });
    expect((await figure('issuesFound')).value).toBe(15);
    expect((await figure('adoptionRate'))).toMatchObject({ numerator: 13, denominator: 15 });
    expect((await figure('services')).value).toBe(18 * 4 + 12 + 14);
    expect((await figure('coverage'))).toMatchObject({ value: 1, numerator: 18, denominator: 18 });
    const records = (await clerk.get(`/api/metrics/advisors.reviewedVillageRules/records?year=2023&orgId=${township}`)).body.items as { ref: string }[];
    expect(records.every((r) => r.ref.includes('-审-2023-'))).toBe(true);
    // The town leader reads the figures and the queue but may take no step.
    const leader = await h.signIn('leader');
    expect((await leader.get(`/api/metrics/advisors.reviewed?year=2023&orgId=${township}`)).status).toBe(200);
    expect(leader.me.permissions.filter((p: string) => p.startsWith('advisor.'))).toEqual(['advisor.read']);
  });

  it('writes the advisors\' sentence into section 二(五) of a new annual report', () => {
    const parts = modules.flatMap((m) => m.reportParts ?? []);
    const content = draftContent(2023, '张八桥镇', parts, new Set(['advisors', 'decisions']));
    expect(JSON.stringify(content.sections.find((s) => s.key === 'measures'))).toContain('{{advisors.coverage}}');
  });
});
