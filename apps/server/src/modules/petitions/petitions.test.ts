import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';

/**
 * Petitions (信访工作条例 2022) on the engine: every clock with dates across the 2025 National
 * Day (10-01 to 10-08) and the 2026 Spring Festival (02-15 to 02-23) holidays, the head's
 * extension, routing with its notice, the repeat rules, 复查 then 复核 then no further
 * acceptance, recusal, the public side, and another township's clerk.
 */
let h: Harness;
let clerk: Agent;
let leader: Agent;
let office: string;
let s01: string;
let today = '2025-09-20';
beforeAll(async () => {
  h = await createHarness({ lateEntryDays: 3650 }, { today: () => today });
  clerk = await h.signIn('xinfang');
  leader = await h.signIn('leader');
  office = await h.orgId('xfb');
  s01 = await h.orgId('S01');
});
afterAll(async () => { await h.close(); });

let phoneSeq = 0;
const newPhone = (): string => `1390000${String(++phoneSeq).padStart(4, '0')}`;
type Clock = { key: string; kind: string; status: string; dueDate: string; onTime: boolean | null; explanation: string[] };
type View = { version: number; status: string; deadlines: Clock[]; timeline: { label: string; kind: string; payload: Record<string, unknown> }[] };
const view = async (id: string, as = clerk): Promise<View> => (await as.get(`/api/cases/${id}`)).body as View;
const clock = async (id: string, key: string): Promise<Clock | undefined> => (await view(id)).deadlines.find((d) => d.key === key);
const register = (receivedOn: string, o: { phone?: string; title?: string; request?: string; newMatterReason?: string; representatives?: number } = {}) => {
  today = receivedOn;
  return clerk.post('/api/cases', {
    type: 'petition', orgId: office, title: o.title ?? '反映承包地被邻组村民占用', category: '农村土地承包', receivedOn,
    parties: [{ kind: 'person', role: '信访人', name: '王建国', phone: o.phone ?? newPhone() }],
    data: { channel: '走访', villageId: s01, request: o.request ?? '请求责令占地人退还承包地', ...(o.newMatterReason ? { newMatterReason: o.newMatterReason } : {}),
      ...(o.representatives ? { group: true, representatives: o.representatives } : {}) },
  });
};
const open = async (receivedOn: string, o: Parameters<typeof register>[1] = {}): Promise<string> => {
  const res = await register(receivedOn, o);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id as string;
};
const step = async (id: string, transition: string, on: string, fields: Record<string, unknown> = {}) => {
  today = on;
  return clerk.post(`/api/cases/${id}/transitions`, { transition, version: (await view(id)).version, on, fields });
};
const ok = async (id: string, transition: string, on: string, fields: Record<string, unknown> = {}): Promise<void> => {
  const res = await step(id, transition, on, fields);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const accept = (id: string, on: string) => ok(id, 'accept', on, { kind: '申诉求决', noticeMethod: '书面告知' });
const answer = (id: string, on: string) => ok(id, 'answer', on, { outcome: '不予支持', facts: '经实地核查，争议地块属于邻组集体土地。', decision: '信访人请求缺乏事实根据。', legalBasis: '《中华人民共和国农村土地承包法》第二十三条' });

describe('the petition case type', () => {
  it('lists every clock with its article (fazhi case-types)', async () => {
    const types = (await clerk.get('/api/case-types')).body.items as { code: string; deadlines: { key: string; length: number; unit: string; kind: string; basis: string; extension: unknown }[] }[];
    const petition = types.find((t) => t.code === 'petition');
    expect(petition?.deadlines.map((d) => [d.key, d.length, d.unit, d.kind])).toEqual([
      ['notice', 15, 'cd', 'duty'], ['handling', 60, 'cd', 'duty'], ['review_window', 30, 'cd', 'party'], ['review', 30, 'cd', 'duty'],
      ['recheck_window', 30, 'cd', 'party'], ['recheck', 30, 'cd', 'duty'],
    ]);
    expect(petition?.deadlines.find((d) => d.key === 'handling')?.extension).toEqual({ max: 30, approver: 'petition.approve', notifyParty: true });
    for (const d of petition?.deadlines ?? []) expect(d.basis).toMatch(/^信访工作条例 第(二十三|三十四|三十五|三十六)条/);
  });
});

describe('deadlines across the holidays', () => {
  it('tells the petitioner within 15 days: a last day in the National Day holiday gives way to 10-09 (第二十三条)', async () => {
    const id = await open('2025-09-20');
    const notice = await clock(id, 'notice');
    expect(notice).toMatchObject({ status: 'running', dueDate: '2025-10-09' });
    expect(notice?.explanation[0]).toContain('第二十三条');
    await accept(id, '2025-10-09');
    expect(await clock(id, 'notice')).toMatchObject({ status: 'met', onTime: true });
    expect(await clock(id, 'handling')).toMatchObject({ status: 'running', dueDate: '2025-12-08' });
  });

  it('handles within 60 days of acceptance (a last day in the Spring Festival gives way to 02-24); only the head extends, by at most 30 days, and the petitioner is told', async () => {
    const id = await open('2025-12-18');
    await accept(id, '2025-12-20');
    expect(await clock(id, 'handling')).toMatchObject({ dueDate: '2026-02-24' });
    today = '2026-02-10';
    const byClerk = await clerk.post(`/api/cases/${id}/deadlines/handling/extend`, { length: 10, reason: '需调取土地确权档案' });
    expect(byClerk.status).toBe(403);
    const tooLong = await leader.post(`/api/cases/${id}/deadlines/handling/extend`, { length: 31, reason: '需调取土地确权档案' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('EXTENSION_EXCEEDS_CAP');
    expect((await leader.post(`/api/cases/${id}/deadlines/handling/extend`, { length: 20, reason: '需调取土地确权档案' })).status).toBeLessThan(300);
    expect((await leader.post(`/api/cases/${id}/deadlines/handling/extend`, { length: 11, reason: '另需现场测绘' })).body.error.code).toBe('EXTENSION_EXCEEDS_CAP');
    const handling = await clock(id, 'handling');
    // The 20 days approved run on from the due date as it stood (02-24).
    expect(handling?.dueDate).toBe('2026-03-16');
    expect(handling?.explanation.join(' ')).toContain('需调取土地确权档案');
    const timeline = (await view(id)).timeline;
    expect(timeline.some((e) => e.kind === 'notice' && String(e.payload.text).includes('2026-03-16'))).toBe(true);
    const doc = await clerk.post(`/api/petitions/cases/${id}/documents/extension_notice/download`);
    expect(doc.status).toBe(200);
    await answer(id, '2026-03-16');
    expect(await clock(id, 'handling')).toMatchObject({ status: 'met', onTime: true });
  });

  it('gives 30 days to ask for 复查 and 30 to answer it, then 30 for 复核 with the hearing not counted; after 复核 the same matter is not accepted again', async () => {
    const phone = newPhone();
    const id = await open('2025-07-01', { phone, title: '反映宅基地审批迟迟未办理', request: '请求尽快办理宅基地审批手续' });
    await accept(id, '2025-07-03');
    await answer(id, '2025-08-29');
    await ok(id, 'deliver', '2025-09-05', { method: '直接送达', recipient: '王建国' });
    // The window's last day (10-05) is in the National Day holiday: it gives way to 10-09.
    expect(await clock(id, 'review_window')).toMatchObject({ kind: 'party', dueDate: '2025-10-09' });
    await ok(id, 'request_review', '2025-10-09', { reason: '对处理意见不服' });
    expect(await clock(id, 'review_window')).toMatchObject({ status: 'met', onTime: null });
    // 11-08 is a Saturday: the review is due Monday 11-10.
    expect(await clock(id, 'review')).toMatchObject({ kind: 'duty', dueDate: '2025-11-10' });
    await ok(id, 'review_answer', '2025-11-10', { result: '维持', opinion: '维持原处理意见', method: '直接送达' });
    expect(await clock(id, 'review')).toMatchObject({ status: 'met', onTime: true });
    expect(await clock(id, 'recheck_window')).toMatchObject({ kind: 'party', dueDate: '2025-12-10' });
    await ok(id, 'request_recheck', '2025-12-10', { reason: '对复查意见不服' });
    expect(await clock(id, 'recheck')).toMatchObject({ dueDate: '2026-01-09' });
    await ok(id, 'hearing_start', '2025-12-20', { place: '镇信访接待中心' });
    await ok(id, 'hearing_end', '2026-01-20', {});
    // 31 days of hearing are not counted: 2026-01-09 + 31 = 02-09.
    expect(await clock(id, 'recheck')).toMatchObject({ status: 'running', dueDate: '2026-02-09' });
    await ok(id, 'recheck_answer', '2026-02-09', { result: '维持', opinion: '维持复查意见，信访事项终结', method: '直接送达' });
    const done = await view(id);
    expect(done.status).toBe('finalized');
    expect(done.deadlines.find((d) => d.key === 'recheck')).toMatchObject({ status: 'met', onTime: true });
    // No step leads out of 复核: the same petitioner's same matter is refused at the door (第三十六条).
    expect((await step(id, 'request_recheck', '2026-02-10', { reason: '再次请求' })).status).toBe(409);
    const again = await register('2026-02-26', { phone, title: '反映宅基地审批迟迟未办理', request: '请求尽快办理宅基地审批手续' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PETITION_FINAL');
    expect(again.body.error.message).toContain('第三十六条');
    expect(again.body.error.details.repeats[0].id).toBe(id);
    const newFacts = await register('2026-02-26', { phone, title: '反映宅基地审批迟迟未办理', request: '请求尽快办理宅基地审批手续', newMatterReason: '信访人提交了新的审批材料' });
    expect(newFacts.status).toBe(200);
  });
});

describe('objecting to a transferred matter (第二十三条第三款)', () => {
  const transferred = async (receivedOn: string, channel = '转送交办'): Promise<string> => {
    today = receivedOn;
    const res = await clerk.post('/api/cases', {
      type: 'petition', orgId: office, title: '反映县道施工占用耕地', category: '农村土地承包', receivedOn,
      parties: [{ kind: 'person', role: '信访人', name: '刘明', phone: newPhone() }],
      data: { channel, ...(channel === '转送交办' ? { referredBy: '宝丰县信访局' } : {}), villageId: s01, request: '请求恢复耕地' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id as string;
  };

  it('is open within 5 working days of receipt, counted across National Day, and not a day later', async () => {
    // Received Monday 2025-09-29: 9-30, then 10-09, 10-10, 10-11 (a Saturday worked) and 10-13 are the five working days.
    const inTime = await transferred('2025-09-29');
    await ok(inTime, 'object_transfer', '2025-10-13', { reason: '反映事项属于县交通运输局职权范围，不属于本镇职权。' });
    expect((await view(inTime)).status).toBe('objected');
    await ok(inTime, 'objection_agreed', '2025-10-15', { confirmedBy: '县信访局电话核实同意，材料已交还' });
    const closed = await view(inTime);
    expect(closed.status).toBe('returned');
    expect(closed.deadlines.find((d) => d.key === 'notice')?.status).not.toBe('running');

    const late = await transferred('2025-09-29');
    const refused = await step(late, 'object_transfer', '2025-10-14', { reason: '不属于本镇职权。' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('PETITION_OBJECTION_LATE');
    expect((await view(late)).status).toBe('registered');
  });

  it('is only for a matter transferred or assigned from above; a refused objection leaves it to be handled here', async () => {
    const direct = await transferred('2025-11-03', '走访');
    const res = await step(direct, 'object_transfer', '2025-11-04', { reason: '不属于本镇职权。' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PETITION_OBJECTION_NOT_TRANSFERRED');

    const kept = await transferred('2025-11-03');
    await ok(kept, 'object_transfer', '2025-11-05', { reason: '属于县自然资源局职权。' });
    await ok(kept, 'objection_refused', '2025-11-07', { note: '县信访局认为属本镇职权，请依法办理' });
    expect((await view(kept)).status).toBe('registered');
    expect((await clock(kept, 'notice'))?.status).toBe('running');
    await accept(kept, '2025-11-10');
  });
});

describe('a dispute referred to people\'s mediation (第三十三条)', () => {
  it('registers a linked mediation case at the village with the petitioner as applicant, only with consent, once, and the petition stays in hand', async () => {
    const id = await open('2025-11-17', { title: '反映邻居建房占用通道' });
    const refer = (body: Record<string, unknown>) => clerk.post(`/api/petitions/${id}/mediation`, { orgId: s01, category: '邻里', respondent: '赵某', note: '双方均同意由村调委会调解', consent: true, ...body });
    // Not before it is accepted (a matter not ours is routed, not mediated).
    expect((await refer({})).body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
    await accept(id, '2025-11-18');
    today = '2025-11-20';
    const noConsent = await refer({ consent: false });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.code).toBe('PETITION_MEDIATION_CONSENT');
    expect((await refer({ category: '不存在的类别' })).status).toBe(400);
    const elsewhere = await refer({ orgId: await h.orgId('baofeng') });
    expect(elsewhere.status).toBe(400);

    const made = await refer({ respondentPhone: '13912345678' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.ref).toMatch(/^张八桥-调-2025-\d{4}$/);
    expect((await refer({})).body.error.code).toBe('PETITION_MEDIATION_EXISTS');

    const m = (await h.db.query<{ case_type: string; org_id: string; status: string; category: string; source: string }>(
      'SELECT case_type, org_id, status, category, source FROM cases WHERE id = $1', [made.body.id])).rows[0];
    expect(m).toMatchObject({ case_type: 'mediation', org_id: s01, status: 'registered', category: '邻里', source: 'transfer' });
    const parties = (await h.db.query<{ role: string; name: string; has_phone: boolean }>('SELECT role, name, phone_enc IS NOT NULL AS has_phone FROM case_parties WHERE case_id = $1 ORDER BY sort_order', [made.body.id])).rows;
    expect(parties).toEqual([{ role: '申请人', name: '王建国', has_phone: true }, { role: '被申请人', name: '赵某', has_phone: true }]);
    const links = (await h.db.query<{ kind: string }>('SELECT kind FROM case_links WHERE (case_id = $1 AND other_case_id = $2) OR (case_id = $2 AND other_case_id = $1) ORDER BY kind', [id, made.body.id])).rows.map((r) => r.kind);
    expect(links).toEqual(['related']);
    // The village's mediator is told, and finds the case; the petition stays accepted on its handling clock.
    const mediator = await h.signIn('tiaojie1');
    expect((await mediator.get(`/api/cases/${made.body.id}`)).status).toBe(200);
    expect((await h.db.query("SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'tiaojie1' AND n.case_id = $1", [made.body.id])).rowCount).toBe(1);
    const v = await view(id);
    expect(v.status).toBe('accepted');
    expect(v.deadlines.find((d) => d.key === 'handling')?.status).toBe('running');
    expect(v.timeline.some((e) => e.kind === 'mediation_referral')).toBe(true);
  });
});

describe('routing by legal channel (第三十一条)', () => {
  it('closes a matter for the courts as routed, with the route, the body and a written notice, and the petitioner sees the step', async () => {
    const id = await open('2025-11-03', { title: '对民事判决执行不满', request: '请求督促法院执行判决' });
    const missing = await step(id, 'route', '2025-11-05', { route: '诉讼' });
    expect(missing.status).toBe(422);
    await ok(id, 'route', '2025-11-05', { route: '诉讼', routedTo: '宝丰县人民法院', notice: '已告知信访人依法向宝丰县人民法院申请强制执行。' });
    const v = await view(id);
    expect(v.status).toBe('routed');
    expect(v.deadlines.find((d) => d.key === 'notice')).toMatchObject({ status: 'met', onTime: true });
    const doc = await clerk.post(`/api/petitions/cases/${id}/documents/routing_notice/download`);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect((await clerk.post(`/api/petitions/cases/${id}/documents/opinion/download`)).body.error.code).toBe('DOCUMENT_NOT_AVAILABLE');
  });
});

describe('repeat petitions (第十九条)', () => {
  it('refuses the same petitioner\'s same matter while it is accepted and within its limit, unless registered as a new matter with a reason; flags similar matters', async () => {
    const phone = newPhone();
    const first = await open('2025-11-10', { phone, title: '反映村道破损影响出行', request: '请求维修村内主干道路' });
    // Registered but not yet accepted: not a repeat yet.
    expect((await register('2025-11-11', { phone, title: '反映村道破损影响出行', request: '请求维修村内主干道路' })).status).toBe(200);
    await accept(first, '2025-11-12');
    const check = await clerk.post('/api/petitions/repeats', { orgId: office, title: '村道破损影响出行', request: '请求维修村内道路', phone });
    expect(check.status).toBe(200);
    expect(check.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: first, samePerson: true, standing: 'in_hand' })]));
    const again = await register('2025-11-20', { phone, title: '反映村道破损影响出行', request: '请求维修村内主干道路' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'PETITION_REPEAT' });
    expect(again.body.error.message).toContain('第十九条');
    // Another villager on the same road: flagged as similar, registered.
    const other = await register('2025-11-20', { title: '反映村道破损影响出行', request: '请求维修村内主干道路' });
    expect(other.status).toBe(200);
    const flagged = (await clerk.get(`/api/petitions/${other.body.id}/repeats`)).body.items as { id: string; samePerson: boolean; similarity: number }[];
    expect(flagged).toEqual(expect.arrayContaining([expect.objectContaining({ id: first, samePerson: false })]));
    // The same person with another matter is registered (and shown as the same petitioner).
    const another = await register('2025-11-20', { phone, title: '反映低保资格认定有异议', request: '请求重新审核家庭低保资格' });
    expect(another.status).toBe(200);
    expect(((await clerk.get(`/api/petitions/${another.body.id}/repeats`)).body.items as { id: string; samePerson: boolean }[]).find((r) => r.id === first)?.samePerson).toBe(true);
    const reasoned = await register('2025-11-20', { phone, title: '反映村道破损影响出行', request: '请求维修村内主干道路', newMatterReason: '原路段已修复，本次反映的是新塌陷路段' });
    expect(reasoned.status).toBe(200);
  });

  it('refuses a group visit with more than 5 representatives (第二十条)', async () => {
    const res = await register('2025-11-21', { representatives: 6 });
    expect(res.status).toBe(422);
    expect((await register('2025-11-21', { representatives: 5 })).status).toBe(200);
  });
});

describe('recusal (回避)', () => {
  it('takes a conflicted handler off the matter and keeps them from being assigned again', async () => {
    const id = await open('2025-11-24');
    const xinfang = await h.userId('xinfang');
    expect((await clerk.put(`/api/cases/${id}/assignees`, { userIds: [xinfang] })).status).toBeLessThan(300);
    const rec = await clerk.post(`/api/petitions/${id}/recusals`, { userId: xinfang, reason: '承办人系信访人的近亲属' });
    expect(rec.status).toBe(200);
    expect(rec.body.items).toEqual([expect.objectContaining({ userId: xinfang, reason: '承办人系信访人的近亲属' })]);
    expect((await h.db.query('SELECT 1 FROM case_assignees WHERE case_id = $1', [id])).rowCount).toBe(0);
    const back = await clerk.put(`/api/cases/${id}/assignees`, { userIds: [xinfang] });
    expect(back.status).toBe(422);
    expect(back.body.error.details.constraint).toBe('petition_handler_recused');
  });
});

describe('the public side', () => {
  it('takes a petition from the portal, shows only the public steps, throttles wrong codes, and takes the rating at the end', async () => {
    today = '2025-12-01';
    const body = { villageId: s01, category: '城乡建设', petitioner: { name: '赵春燕', phone: newPhone() }, title: '反映路灯损坏', request: '请求修复村口路灯', facts: '村口三盏路灯损坏已有两个月，夜间出行不便。', truthful: true };
    const sub = await h.app.inject({ method: 'POST', url: '/api/public/petitions', payload: body });
    expect(sub.statusCode, sub.body).toBe(200);
    const { id, trackingNo, queryCode } = sub.json<{ id: string; trackingNo: string; queryCode: string }>();
    expect(trackingNo).toMatch(/^2025/);
    const track = (code: string, remoteAddress = '127.0.0.1') => h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: trackingNo, code }, remoteAddress });
    await clerk.post(`/api/cases/${id}/comments`, { text: '内部备注：需联系供电所' });
    await ok(id, 'accept', '2025-12-02', { kind: '申诉求决', noticeMethod: '书面告知' });
    const seen = (await track(queryCode)).json().view;
    expect(seen.timeline.map((e: { label: { zh: string } }) => e.label.zh)).toEqual(['已登记', '已受理，正在办理']);
    expect(JSON.stringify(seen)).not.toContain('内部备注');
    const wrong = queryCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await track(wrong, '10.9.0.1')).json().code).toBe('TRACK_NOT_FOUND');
    // Throttled: 429 with the seconds to wait, through the platform's error path.
    const throttled = await track(queryCode, '10.9.0.1');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe('TRACK_THROTTLED');
    await ok(id, 'answer', '2025-12-10', { outcome: '支持', facts: '经查路灯确已损坏。', decision: '责成村委会于10日内修复。', legalBasis: '《村民委员会组织法》第二条' });
    await ok(id, 'deliver', '2025-12-11', { method: '电子送达', recipient: '赵春燕' });
    await ok(id, 'conclude', '2025-12-12', { note: '信访人表示满意' });
    const rate = await h.app.inject({ method: 'POST', url: '/api/public/track/rating', payload: { no: trackingNo, code: queryCode, score: 5 } });
    expect(rate.statusCode).toBe(204);
    const satisfied = await clerk.get(`/api/metrics/petition.satisfied/records?year=2025&orgId=${await h.orgId('zhangbaqiao')}`);
    expect(satisfied.body.items.map((r: { id: string }) => r.id)).toContain(id);
  });
});

describe('the counter, supervision and the figures', () => {
  it('gives a walk-in petitioner a tracking number and query code; only the head supervises; the year is counted by channel and route', async () => {
    today = '2025-12-03';
    const res = await clerk.request('POST', '/api/petitions', {
      type: 'petition', orgId: office, title: '反映村务公开不及时', category: '村务管理',
      parties: [{ kind: 'person', role: '信访人', name: '孙卫东', phone: newPhone() }], data: { channel: '走访', request: '请求公开村集体收支账目' },
    }, { 'idempotency-key': 'counter-000001' });
    expect(res.status).toBe(200);
    expect(res.body.trackingNo).toMatch(/^2025/);
    expect(res.body.queryCode).toMatch(/^\d{6}$/);
    const id = res.body.id as string;
    await clerk.put(`/api/cases/${id}/assignees`, { userIds: [await h.userId('xinfang')] });
    expect((await clerk.post(`/api/petitions/${id}/supervise`, { note: '请于本周内书面告知' })).status).toBe(403);
    expect((await leader.post(`/api/petitions/${id}/supervise`, { note: '请于本周内书面告知' })).status).toBe(204);
    expect((await view(id)).timeline.some((e) => e.kind === 'supervision' && e.payload.text === '请于本周内书面告知')).toBe(true);
    const notices = await h.db.query("SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'case.supervision'", [id]);
    expect(notices.rowCount).toBe(1);
    const town = await h.orgId('zhangbaqiao');
    const b = (await clerk.get(`/api/petitions/breakdowns?year=2025&orgId=${town}`)).body;
    expect(b.byChannel['走访']).toBeGreaterThan(0);
    expect(b.byRoute['诉讼']).toBe(1);
    const routed = await clerk.get(`/api/metrics/petition.routedLitigation/records?year=2025&orgId=${town}`);
    expect(routed.body.items.map((r: { title: string }) => r.title)).toEqual(['对民事判决执行不满']);
    const value = await clerk.get(`/api/metrics/petition.routedLitigation?year=2025&orgId=${town}`);
    expect(value.body.value).toBe(1);
  });
});

describe('another township', () => {
  it('shows its clerk none of these petitions, their documents or their figures', async () => {
    const admin = await h.signIn('admin');
    const lizhuang = (await admin.post('/api/orgs', { parentId: await h.orgId('baofeng'), kind: 'township', name: '李庄乡', code: 'lizhuang' })).body.id as string;
    const hash = (await h.db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'xinfang'")).rows[0]?.password_hash;
    const { rows } = await h.db.query<{ id: string }>(
      `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password) VALUES ($1, $1, 'lz_xinfang', '李庄乡 信访办', $2, false) RETURNING id`, [lizhuang, hash]);
    await h.db.query(`INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) SELECT $1, r.id, $2, $2, 'subtree' FROM roles r WHERE r.code = 'petition_clerk'`, [rows[0]?.id, lizhuang]);
    const other = await h.signIn('lz_xinfang');
    const mine = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'petition' LIMIT 1")).rows[0]?.id ?? '';
    expect((await other.get(`/api/cases/${mine}`)).status).toBe(404);
    expect((await other.post(`/api/petitions/cases/${mine}/documents/routing_notice/download`)).status).toBe(404);
    expect((await other.get(`/api/petitions/${mine}/repeats`)).status).toBe(404);
    expect((await other.get('/api/cases?type=petition')).body.items).toEqual([]);
    expect((await other.get('/api/metrics/petition.received?year=2025')).body.value).toBe(0);
  });
});
