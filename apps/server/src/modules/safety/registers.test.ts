import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { idCheckDigit, isValidIdNumber } from './identity.ts';

/**
 * The focus-group registers: a village's 网格长 registers and visits his people; another
 * village's staff, and anyone without the register's permission, see nothing of them; the
 * full data is shown only through the logged reveal; the database never holds an ID number
 * in the clear; bad input is refused with a stable code and changes nothing.
 */
let h: Harness;
let leader: Agent;
let s01: string;
let s01g1: string;
const today = '2026-11-30';
const idNumber = `41042119850312123${idCheckDigit('41042119850312123')}`;

beforeAll(async () => {
  h = await createHarness({}, { today: () => today });
  leader = await h.signIn('wanggezhang');
  s01 = await h.orgId('S01');
  s01g1 = await h.orgId('S01G1');
});
afterAll(async () => { await h.close(); });

const person = (over: Record<string, unknown> = {}) => ({
  kind: 'resettlement', orgId: s01g1, name: '韩立新', idNumber, phone: '13937512345', address: '河南省宝丰县张八桥镇东营村3组18号', riskLevel: 'medium', ...over,
});
const tableState = async (): Promise<string> => JSON.stringify((await h.db.query(`SELECT
  (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY id), '')) FROM safety_persons p) AS persons,
  (SELECT md5(coalesce(string_agg(v::text, '|' ORDER BY id), '')) FROM safety_visits v) AS visits`)).rows[0]);

describe('the ID number check', () => {
  it('takes a number whose check digit and birth date are right, and refuses others', () => {
    expect(isValidIdNumber(idNumber)).toBe(true);
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber(`41042119850230123${idCheckDigit('41042119850230123')}`)).toBe(false);
  });
});

describe('a village register', () => {
  let id = '';
  it('registers a person with the data sealed, and lists them masked', async () => {
    const res = await leader.post('/api/safety/persons', person());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    id = res.body.id;
    expect(res.body.ref).toMatch(/^ZD[0-9]{6}$/);
    const list = await leader.get('/api/safety/persons?kind=resettlement&pageSize=200');
    const item = list.body.items.find((x: { id: string }) => x.id === id);
    expect(item).toMatchObject({ nameMasked: '韩**', idNumberMasked: `4104**********${idNumber.slice(-4)}`, phoneMasked: '139****2345', riskLevel: 'medium', orgName: '东营村第1网格' });
    expect(JSON.stringify(list.body)).not.toContain(idNumber);
    expect(JSON.stringify(list.body)).not.toContain('韩立新');
    // The database holds no ID number, name or phone in the clear, in any column of the register or the audit trail.
    const plain = await h.db.query(`SELECT 1 FROM safety_persons p WHERE p::text LIKE '%' || $1 || '%' OR p::text LIKE '%' || $2 || '%'
      OR encode(id_number_enc, 'escape') LIKE '%' || $1 || '%' OR encode(name_enc, 'escape') LIKE '%' || $3 || '%'`, [idNumber, '13937512345', '韩立新']);
    expect(plain.rowCount).toBe(0);
    expect((await h.db.query(`SELECT 1 FROM audit_log WHERE before::text LIKE '%' || $1 || '%' OR after::text LIKE '%' || $1 || '%'`, [idNumber])).rowCount).toBe(0);
  });

  it('logs the opening of a person\'s page, and every view of the full data as a pii.view', async () => {
    const before = (await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'safety_person' AND entity_id = $1", [id])).rows[0].n;
    const page = await leader.get(`/api/safety/persons/${id}`);
    expect(page.status).toBe(200);
    expect(page.body.actions).toEqual({ visit: true, reveal: true });
    expect(JSON.stringify(page.body)).not.toContain(idNumber);
    const full = await leader.post(`/api/safety/persons/${id}/reveal`);
    expect(full.status).toBe(200);
    expect(full.body).toEqual({ name: '韩立新', idNumber, phone: '13937512345', address: '河南省宝丰县张八桥镇东营村3组18号' });
    const rows = (await h.db.query("SELECT action, actor_id FROM audit_log WHERE entity = 'safety_person' AND entity_id = $1 ORDER BY id", [id])).rows;
    expect(rows.length).toBe(before + 2);
    expect(rows.slice(-2).map((r) => r.action)).toEqual(['safety.person.view', 'pii.view']);
    expect(rows.at(-1)?.actor_id).toBe(leader.me.user.id);
  });

  it('records a visit with the risk found and the follow-up due, which the list then shows', async () => {
    const res = await leader.post(`/api/safety/persons/${id}/visits`, { visitedOn: '2026-11-28', findings: '在县城务工，情绪稳定，已告知按月报告去向。', riskLevel: 'high', followUpDue: '2026-11-29' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.visits[0]).toMatchObject({ visitedOn: '2026-11-28', visitor: '网格长 王建国', riskLevel: 'high', followUpDue: '2026-11-29', onSchedule: true });
    expect(res.body.person).toMatchObject({ riskLevel: 'high', followUpDue: '2026-11-29', followUpOverdue: true, lastVisitOn: '2026-11-28', nextVisitDue: '2027-02-26' });
    const overdue = await leader.get('/api/safety/persons?overdue=true&pageSize=200');
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('refuses a visit dated after today, a follow-up before the visit, a wrong check digit and a second registration, changing nothing', async () => {
    const before = await tableState();
    const future = await leader.post(`/api/safety/persons/${id}/visits`, { visitedOn: '2026-12-01', findings: '未来的走访' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('SAFETY_DATE_IN_FUTURE');
    expect(future.body.error.message).toMatch(/不能晚于今天/);
    const back = await leader.post(`/api/safety/persons/${id}/visits`, { visitedOn: '2026-11-20', findings: '回访', followUpDue: '2026-11-19' });
    expect(back.body.error.code).toBe('SAFETY_FOLLOW_UP_IN_PAST');
    const wrong = await leader.post('/api/safety/persons', person({ idNumber: `${idNumber.slice(0, 17)}${idNumber.endsWith('1') ? '2' : '1'}` }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('SAFETY_ID_NUMBER_INVALID');
    expect(wrong.body.error.message).toMatch(/校验码/);
    const again = await leader.post('/api/safety/persons', person({ idNumber: idNumber.toLowerCase() }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SAFETY_PERSON_REGISTERED');
    const township = await leader.post('/api/safety/persons', person({ orgId: await h.orgId('zhangbaqiao') }));
    expect([403, 404, 422]).toContain(township.status);
    expect(await tableState()).toBe(before);
  });

  it('shows another village\'s staff nothing, on reads and writes', async () => {
    const other = await h.signIn('wanggezhang2');
    const before = await tableState();
    const list = await other.get('/api/safety/persons?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((x: { orgName: string }) => x.orgName.startsWith('西营村'))).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(id);
    expect((await other.get(`/api/safety/persons?orgId=${s01}`)).body.items).toEqual([]);
    expect((await other.get(`/api/safety/persons/${id}`)).status).toBe(404);
    expect((await other.post(`/api/safety/persons/${id}/reveal`)).status).toBe(404);
    expect((await other.post(`/api/safety/persons/${id}/visits`, { visitedOn: '2026-11-28', findings: '越权走访' })).status).toBe(404);
    expect((await other.post('/api/safety/persons', person({ idNumber: `41042119900101456${idCheckDigit('41042119900101456')}` }))).status).toBe(404);
    expect(await tableState()).toBe(before);
  });

  it('shows nothing to a user without the register permission, even where his grant reaches the village', async () => {
    const mediator = await h.signIn('tiaojie1');
    expect((await mediator.get('/api/safety/persons')).status).toBe(403);
    expect((await mediator.get(`/api/safety/persons/${id}`)).status).toBe(403);
    // A user who holds the register at 西营村 and mediation at 东营村: 东营村's register stays closed to him.
    const admin = await h.signIn('admin');
    const roles = (await admin.get('/api/roles')).body.items as { id: string; code: string }[];
    const created = await admin.post('/api/users', { username: 'two_villages', displayName: '两村兼职', orgId: await h.orgId('S02') });
    await admin.put(`/api/users/${created.body.userId}/grants`, { grants: [
      { roleId: roles.find((r) => r.code === 'grid_leader')?.id, orgId: await h.orgId('S02'), scope: 'subtree' },
      { roleId: roles.find((r) => r.code === 'mediator')?.id, orgId: s01, scope: 'subtree' },
    ] });
    await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [created.body.userId]);
    const both = await h.signIn('two_villages', created.body.initialPassword);
    const list = await both.get('/api/safety/persons?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.items.some((x: { orgName: string }) => x.orgName.startsWith('东营村'))).toBe(false);
    expect((await both.get(`/api/safety/persons/${id}`)).status).toBe(404);
    expect((await both.post(`/api/safety/persons/${id}/reveal`)).status).toBe(404);
  });

  it('lets the 综治中心 read every village\'s register; the county viewer reads none', async () => {
    const center = await h.signIn('zongzhi');
    const list = await center.get('/api/safety/persons?pageSize=200');
    expect(new Set(list.body.items.map((x: { orgName: string }) => x.orgName.slice(0, 3))).size).toBeGreaterThan(10);
    const county = await h.signIn('county');
    expect((await county.get('/api/safety/persons')).status).toBe(403);
  });
});
