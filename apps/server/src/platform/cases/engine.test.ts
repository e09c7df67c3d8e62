import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';
import { runSystem } from '../platform.ts';
import { auditor } from '../platform.ts';
import { createCase, queryCodeHash } from './create-case.ts';

let h: Harness;
let today = '2025-12-19';
/** The attempt throttles' clock: moved on instead of waited for. */
let clock = Date.now();
let clerk: Agent;
let s01: string;

beforeAll(async () => {
  h = await createHarness({}, { caseTypes: [sampleCaseType], today: () => today, now: () => new Date(clock) });
  clerk = await h.signIn('xinfang');
  s01 = await h.orgId('S01');
});
afterAll(async () => { await h.close(); });

const open = async (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  clerk.request('POST', '/api/cases', { type: 'sample', orgId: s01, title: '东营村宅基地边界纠纷', body: '村民张某与李某因宅基地边界发生争执，请求调处。', category: '宅基地', ...body }, headers);

describe('opening a case', () => {
  it('gives a readable, gapless reference per township, type and year', async () => {
    today = '2025-12-19';
    const a = await open();
    expect(a.status).toBe(200);
    expect(a.body.ref).toBe('张八桥-样-2025-0001');
    const bad = await open({ category: '不存在的类别' });
    expect(bad.status).toBe(400);
    const b = await open();
    expect(b.body.ref).toBe('张八桥-样-2025-0002');
  });

  it('starts the statutory clock with an explanation a clerk can read', async () => {
    today = '2026-02-05';
    const res = await open({ receivedOn: '2026-02-05' });
    const view = (await clerk.get(`/api/cases/${res.body.id}`)).body;
    const clock = view.deadlines.find((d: { key: string }) => d.key === 'accept');
    // 15 days from 2026-02-05 is 2026-02-20, inside the 2026 Spring Festival holiday (02-15…02-23): rolls to 02-24.
    expect(clock.dueDate).toBe('2026-02-24');
    expect(clock.explanation.join('')).toContain('信访工作条例 第二十三条');
    expect(clock.explanation.join('')).toMatch(/顺延/);
    expect(view.statusLabel.zh).toBe('已登记');
    expect(view.actions.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['accept', 'refuse', 'comment']));
    expect(view.timeline[0].kind).toBe('created');
  });

  it('protects parties\' personal data: sealed, masked, revealed only with a logged view', async () => {
    const res = await open({ parties: [{ kind: 'person', role: '申请人', name: '张某', idNumber: '410421199001011234', phone: '13803751234', address: '宝丰县张八桥镇东营村三组12号' }] });
    const view = (await clerk.get(`/api/cases/${res.body.id}`)).body;
    expect(view.parties[0]).toMatchObject({ name: '张某', idNumberMasked: '4104**********1234', phoneMasked: '138****1234', addressMasked: '宝丰县张八桥镇东营村****' });
    const raw = await h.db.query('SELECT id_number_enc::text || phone_enc::text AS t FROM case_parties WHERE case_id = $1', [res.body.id]);
    expect(raw.rows[0].t).not.toContain('410421');
    const revealed = await clerk.post(`/api/cases/${res.body.id}/parties/${view.parties[0].id}/reveal`, { field: 'idNumber' });
    expect(revealed.body.value).toBe('410421199001011234');
    const logged = await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.view' AND entity_id = $1", [view.parties[0].id]);
    expect(logged.rows[0]?.n).toBe(1);
  });

  it('creates exactly one case for concurrent retries with the same Idempotency-Key', async () => {
    const key = 'submit-20251219-abcdef';
    const results = await Promise.all(Array.from({ length: 6 }, () => open({ title: '重复提交测试' }, { 'idempotency-key': key })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.body.replayed === false)).toHaveLength(1);
    const { rows } = await h.db.query("SELECT count(*)::int AS n FROM cases WHERE title = '重复提交测试'");
    expect(rows[0]?.n).toBe(1);
  });
});

describe('transitions', () => {
  it('refuses a role without the transition\'s permission, and hides the case from roles that cannot read the type', async () => {
    const res = await open();
    const leader = await h.signIn('leader');
    const seen = await leader.get(`/api/cases/${res.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toEqual([]);
    const attempt = await leader.post(`/api/cases/${res.body.id}/transitions`, { transition: 'accept', version: 1 });
    expect(attempt.status).toBe(403);
    const mediator = await h.signIn('tiaojie1');
    expect((await mediator.get(`/api/cases/${res.body.id}`)).status).toBe(404);
    expect((await mediator.post(`/api/cases/${res.body.id}/transitions`, { transition: 'accept', version: 1 })).status).toBe(404);
  });

  it('enforces required fields', async () => {
    const res = await open();
    const r = await clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'refuse', version: 1, fields: { reason: '  ' } });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'CASE_FIELDS_REQUIRED', details: { missing: ['reason'] } });
    const ok = await clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'refuse', version: 1, fields: { reason: '不属于本机关职责' } });
    expect(ok.status).toBe(200);
    expect(ok.body.statusKind).toBe('terminal');
    const again = await clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'accept', version: 2 });
    expect(again.body.error.code).toBe('CASE_TRANSITION_UNAVAILABLE');
  });

  it('lets exactly one of two clerks acting at once win; the other gets a clear conflict', async () => {
    const res = await open();
    const other = await h.signIn('xinfang');
    const [a, b] = await Promise.all([
      clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'accept', version: 1 }),
      other.post(`/api/cases/${res.body.id}/transitions`, { transition: 'refuse', version: 1, fields: { reason: '重复' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('CASE_STALE');
    expect(loser.body.error.message).toContain('已被他人处理');
    const events = await h.db.query("SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND kind = 'transition'", [res.body.id]);
    expect(events.rows[0]?.n).toBe(1);
  });

  it('records at each step whether it was on time, and pauses, resumes and extends the clock', async () => {
    today = '2025-12-01';
    const res = await open({ receivedOn: '2025-12-01' });
    // Accepted late: the 15-day clock ended 2025-12-16.
    today = '2025-12-17';
    let v = (await clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'accept', version: 1 })).body;
    expect(v.deadlines.find((d: { key: string }) => d.key === 'accept')).toMatchObject({ status: 'missed', onTime: false, state: 'missed' });
    const reply = v.deadlines.find((d: { key: string }) => d.key === 'reply');
    // 20 working days after 2025-12-17: 12-18…12-31 (10), 2026-01-01…01-03 holiday, 01-04 make-up Sunday (11), 01-05…01-16 (21) → 01-15.
    expect(reply.dueDate).toBe('2026-01-15');
    // Paused from 12-22 (consultation) to 12-28; 5 working days (12-22…12-26) do not count.
    today = '2025-12-22';
    v = (await clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'consult', version: 2 })).body;
    expect(v.deadlines.find((d: { key: string }) => d.key === 'reply').state).toBe('paused');
    today = '2025-12-29';
    v = (await clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'resume', version: 3 })).body;
    expect(v.deadlines.find((d: { key: string }) => d.key === 'reply').dueDate).toBe('2026-01-22');
    // An extension needs the approver's permission, and stays within the 20-day cap.
    expect((await clerk.post(`/api/cases/${res.body.id}/deadlines/reply/extend`, { length: 5, reason: '需调取档案' })).status).toBe(403);
    const leader = await h.signIn('leader');
    const over = await leader.post(`/api/cases/${res.body.id}/deadlines/reply/extend`, { length: 25, reason: '需调取档案' });
    expect(over.body.error.code).toBe('EXTENSION_EXCEEDS_CAP');
    v = (await leader.post(`/api/cases/${res.body.id}/deadlines/reply/extend`, { length: 5, reason: '需调取档案' })).body;
    const extended = v.deadlines.find((d: { key: string }) => d.key === 'reply');
    expect(extended.dueDate).toBe('2026-01-29');
    expect(extended.extensions[0]).toMatchObject({ length: 5, reason: '需调取档案', approverId: leader.me.user.id });
    expect(v.timeline.some((e: { kind: string; public: boolean }) => e.kind === 'notice' && e.public)).toBe(true);
    today = '2026-01-20';
    v = (await clerk.post(`/api/cases/${res.body.id}/transitions`, { transition: 'reply', version: 4, fields: { outcome: '予以公开' } })).body;
    expect(v.deadlines.find((d: { key: string }) => d.key === 'reply')).toMatchObject({ status: 'met', onTime: true });
    const last = v.timeline.at(-1);
    expect(last.payload.deadlines).toEqual([{ key: 'reply', onTime: true, due: '2026-01-29' }]);
    const audit = await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action LIKE 'case.%'", [res.body.id]);
    expect(audit.rows[0]?.n).toBe(6);
  });
});

describe('search and lists', () => {
  it('finds a case by a Chinese word from its text, ranked and highlighted, only within scope', async () => {
    today = '2025-12-19';
    await open({ title: '占道经营投诉', body: '集市东口有商户长期占道经营，影响通行。' });
    const found = await clerk.get(`/api/cases?q=${encodeURIComponent('占道经营')}`);
    expect(found.body.items[0].title).toBe('占道经营投诉');
    const snip = found.body.items[0].snippet;
    const [a, b] = snip.marks[0];
    expect(snip.text.slice(a, b)).toBe('占道经营');
    const byWord = await clerk.get(`/api/cases?q=${encodeURIComponent('通行')}`);
    expect(byWord.body.items.map((i: { title: string }) => i.title)).toContain('占道经营投诉');
    const outsider = await h.signIn('tiaojie2');
    expect((await outsider.get(`/api/cases?q=${encodeURIComponent('占道经营')}`)).body.total).toBe(0);
  });

  it('lists my tasks and filters due-soon and overdue cases', async () => {
    today = '2025-12-01';
    const res = await open({ receivedOn: '2025-12-01', assigneeIds: [clerk.me.user.id], title: '指派给我的事项' });
    const tasks = (await clerk.get('/api/tasks')).body.items.map((i: { id: string }) => i.id);
    expect(tasks).toContain(res.body.id);
    today = '2025-12-12';
    const soon = (await clerk.get('/api/cases?due=soon&pageSize=200')).body.items.map((i: { id: string }) => i.id);
    expect(soon).toContain(res.body.id);
    today = '2025-12-17';
    const overdue = (await clerk.get('/api/cases?due=overdue&pageSize=200')).body.items;
    expect(overdue.find((i: { id: string }) => i.id === res.body.id).dueState).toBe('overdue');
    const board = (await clerk.get('/api/cases/overdue')).body.items;
    expect(board.find((i: { caseId: string }) => i.caseId === res.body.id)).toMatchObject({ dueDate: '2025-12-16', daysOverdue: 1 });
  });
});

describe('public tracking', () => {
  it('shows the public part of the timeline to the holder of the query code, slows guessing at the guessing address only, and takes one rating after closing', async () => {
    today = '2025-12-19';
    const created = await runSystem(h.platform, (c) => createCase({
      client: c, actor: { principal: null, ip: '127.0.0.1', requestId: 'test' }, principal: null, engine: h.platform.cases,
      audit: auditor(c, { principal: null, ip: '127.0.0.1', requestId: 'test' }),
    }, { type: 'sample', orgId: s01, title: '网上申请：邻里纠纷', body: '相邻通道被堵', category: '邻里', source: 'public' }));
    expect(created.trackingNo).toMatch(/^2025[0-9A-Z]{8}$/);
    expect(created.queryCode).toMatch(/^\d{6}$/);
    const no = created.trackingNo ?? '';
    const track = (code: string, remoteAddress = '127.0.0.1', number = no) => h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: number, code }, remoteAddress });
    const good = await track(created.queryCode ?? '');
    expect(good.statusCode).toBe(200);
    expect(good.json().view).toMatchObject({ statusLabel: { zh: '已登记' }, closed: false, canRate: false });
    await clerk.post(`/api/cases/${created.id}/comments`, { text: '内部备注：当事人情绪激动' });
    await clerk.post(`/api/cases/${created.id}/transitions`, { transition: 'accept', version: 1 });
    const after = (await track(created.queryCode ?? '')).json().view;
    expect(after.timeline.map((e: { label: { zh: string } }) => e.label.zh)).toEqual(['已登记', '正在办理']);
    expect(JSON.stringify(after)).not.toContain('内部备注');
    const wrong = created.queryCode === '000000' ? '111111' : '000000';
    const guesser = '10.3.0.1';
    // A miss is an ordinary answer of the lookup, not a failed request; an unknown number is the same miss.
    const miss = await track(wrong, guesser);
    expect(miss.statusCode).toBe(200);
    expect(miss.json()).toEqual({ found: false, code: 'TRACK_NOT_FOUND', message: '受理编号或查询码不正确' });
    const unknown = await track(wrong, '10.3.0.2', '2025ZZZZZZZZ');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual(miss.json());
    for (let i = 0; i < 3; i++) expect((await track(wrong, guesser)).json()).toMatchObject({ found: false, code: 'TRACK_NOT_FOUND' });
    // The guessing address is slowed down for this number, even with the right code…
    const throttled = await track(created.queryCode ?? '', guesser);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error).toMatchObject({ code: 'TRACK_THROTTLED', message: '查询错误次数过多，请稍后再试', details: { retryAfter: 2 } });
    expect(throttled.headers['retry-after']).toBe('2');
    // …while the citizen, elsewhere, still follows the case.
    expect((await track(created.queryCode ?? '', '10.3.0.9')).json().found).toBe(true);
    // An address guessing across numbers is slowed down too.
    for (let i = 0; i < 10; i++) expect((await track(wrong, '10.4.0.1', `2025ZZZZZZ${String(i).padStart(2, '0')}`)).json().code).toBe('TRACK_NOT_FOUND');
    expect((await track(created.queryCode ?? '', '10.4.0.1')).json().error.code).toBe('TRACK_THROTTLED');
    // A wait, not a lock: later the right code gets in from the guessing address as well.
    clock += 60_000;
    expect((await track(created.queryCode ?? '', guesser)).json().found).toBe(true);
    const rate = (score: number) => h.app.inject({ method: 'POST', url: '/api/public/track/rating', payload: { no, code: created.queryCode, score } });
    expect((await rate(5)).json().error.code).toBe('RATING_NOT_ALLOWED');
    await clerk.post(`/api/cases/${created.id}/transitions`, { transition: 'reply', version: 2, fields: { outcome: '已调处' } });
    expect((await rate(4)).statusCode).toBe(204);
    expect((await rate(5)).json().error.code).toBe('RATING_NOT_ALLOWED');
    const { rows } = await h.db.query('SELECT score FROM case_ratings WHERE case_id = $1', [created.id]);
    expect(rows).toEqual([{ score: 4 }]);
  });

  it('tells apart two townships\' cases that drew the same tracking number by their query codes', async () => {
    today = '2025-12-19';
    const admin = await h.signIn('admin');
    const other = (await admin.post('/api/orgs', { parentId: await h.orgId('baofeng'), kind: 'township', name: '李庄乡', code: 'lizhuang-track' })).body.id as string;
    const submit = (orgId: string, title: string) => runSystem(h.platform, (c) => createCase({
      client: c, actor: { principal: null, ip: '127.0.0.1', requestId: 'test' }, principal: null, engine: h.platform.cases,
      audit: auditor(c, { principal: null, ip: '127.0.0.1', requestId: 'test' }),
    }, { type: 'sample', orgId, title, source: 'public' }));
    const here = await submit(s01, '东营村：通道被堵');
    const there = await submit(other, '李庄乡：邻里纠纷');
    // Unique within a township only (the key a Citus layout needs): the second draws the first's number.
    await h.db.query('UPDATE cases SET tracking_no = $1, query_code_hash = $2 WHERE id = $3',
      [here.trackingNo, queryCodeHash(here.trackingNo ?? '', there.queryCode ?? ''), there.id]);
    const track = (code: string) => h.app.inject({ method: 'POST', url: '/api/public/track', payload: { no: here.trackingNo, code }, remoteAddress: '10.5.0.1' });
    expect((await track(here.queryCode ?? '')).json().view.title).toBe('东营村：通道被堵');
    expect((await track(there.queryCode ?? '')).json().view.title).toBe('李庄乡：邻里纠纷');
  });
});

describe('calendar changes', () => {
  it('recomputes open clocks when an administrator enters a closure, and explains it', async () => {
    today = '2025-12-01';
    const res = await open({ receivedOn: '2025-12-01' });
    const before = (await clerk.get(`/api/cases/${res.body.id}`)).body.deadlines[0];
    expect(before.dueDate).toBe('2025-12-16');
    const admin = await h.signIn('admin');
    const added = await admin.post('/api/calendar/overrides', { day: '2025-12-16', kind: 'holiday', name: '本地停止办公', note: '测试' });
    expect(added.status).toBe(200);
    expect(added.body.recomputed).toBeGreaterThan(0);
    const after = (await clerk.get(`/api/cases/${res.body.id}`)).body.deadlines[0];
    expect(after.dueDate).toBe('2025-12-17');
    expect(after.explanation.join('')).toContain('本地停止办公');
    expect((await admin.post('/api/calendar/overrides', { day: '2025-12-16', kind: 'workday', name: '重复' })).body.error.code).toBe('CALENDAR_DAY_TAKEN');
    expect((await clerk.post('/api/calendar/overrides', { day: '2025-12-18', kind: 'holiday', name: '越权' })).status).toBe(403);
  });

  it('answers the due-date question, marking years without official data as provisional', async () => {
    const a = await clerk.get('/api/calendar/due?from=2024-09-27&days=20&unit=wd');
    expect(a.body).toMatchObject({ due: '2024-10-30', provisional: false });
    const b = await clerk.get('/api/calendar/due?from=2029-03-01&days=10&unit=cd');
    expect(b.body.provisional).toBe(true);
    expect(b.body.explanation.join('')).toContain('暂定');
  });
});
