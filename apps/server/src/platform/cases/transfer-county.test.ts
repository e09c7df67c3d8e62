import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { modules } from '../../modules/index.ts';
import { installJobSchema } from '../jobs/jobs.ts';
import type { FazhiModule } from '../modules.ts';
import { exampleModule } from '../../test/example-module/example.module.ts';

/**
 * 转送/交办 beyond the township (信访工作条例 第三十一条): a case type that allows it is passed
 * from 张八桥镇 to another township of 宝丰县 and back, and to the county's office; a third
 * township sees nothing of it at any time. The type is the example module's, with the rule on.
 */
const [example] = exampleModule.caseTypes ?? [];
if (!example) throw new Error('the example module has no case type');
const relayModule: FazhiModule = {
  key: 'relay', label: { zh: '转送示例', en: 'Relay example' },
  caseTypes: [{ ...example, code: 'relay', refCode: '送', label: { zh: '转送示例', en: 'Relay example' }, transfer: { beyondTownship: true } }],
};

let h: Harness;
let zongzhi: Agent; // 张八桥镇综治中心 (grid.handle over 张八桥镇)
let lizhuang: Agent; // 李庄镇综治中心 (another township of 宝丰县)
let zhouzhuang: Agent; // 周庄镇综治中心 (a third township: sees nothing)
let countyClerk: Agent; // 宝丰县司法局, at the county office only
let leader: Agent; // 张八桥镇's leader (reads the township)
const org: Record<string, string> = {};

/** A township of the county with one office, and a clerk there who may handle grid events. */
const township = async (admin: Agent, code: string, name: string): Promise<void> => {
  const t = await admin.post('/api/orgs', { parentId: await h.orgId('baofeng'), kind: 'township', name, code });
  expect(t.status, JSON.stringify(t.body)).toBe(200);
  const o = await admin.post('/api/orgs', { parentId: t.body.id, kind: 'office', name: `${name}综治中心`, code: `${code}-zzzx` });
  expect(o.status, JSON.stringify(o.body)).toBe(200);
  org[code] = t.body.id as string;
  org[`${code}-zzzx`] = o.body.id as string;
  await clerk(`${code}1`, `${name} 网格员`, o.body.id as string, t.body.id as string, t.body.id as string, 'subtree');
};

/** A signed-in user with the demo password and the 综治中心 role, arranged on the owner connection. */
const clerk = async (username: string, name: string, orgId: string, townshipId: string | null, grantAt: string, scope: 'org' | 'subtree'): Promise<void> => {
  const u = await h.db.query<{ id: string }>(
    `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password)
     SELECT $1, $2, $3, $4, password_hash, false FROM users WHERE username = 'zongzhi' RETURNING id`, [orgId, townshipId, username, name]);
  await h.db.query(
    `INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope)
     SELECT $1, r.id, $2, $3, $4 FROM roles r WHERE r.code = 'grid_center'`, [u.rows[0]?.id, grantAt, townshipId, scope]);
};

beforeAll(async () => {
  h = await createHarness({}, { modules: [...modules, relayModule], today: () => '2026-11-26' });
  await installJobSchema(h.ownerUrl, h.platform.log);
  const admin = await h.signIn('admin');
  await township(admin, 'lizhuang', '李庄镇');
  await township(admin, 'zhouzhuang', '周庄镇');
  const sfj = await h.orgId('sfj');
  await clerk('sfj1', '县司法局 办事员', sfj, null, sfj, 'org');
  [zongzhi, lizhuang, zhouzhuang, countyClerk, leader] = await Promise.all([
    h.signIn('zongzhi'), h.signIn('lizhuang1'), h.signIn('zhouzhuang1'), h.signIn('sfj1'), h.signIn('leader')]);
});
afterAll(async () => { await h.close(); });

const newCase = async (title: string): Promise<{ id: string; ref: string }> => {
  const res = await zongzhi.post('/api/cases', { type: 'relay', orgId: await h.orgId('zzzx'), title, data: { place: '张八桥村东口' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; ref: string };
};
const listed = async (a: Agent, id: string, query = ''): Promise<boolean> =>
  ((await a.get(`/api/cases?type=relay&pageSize=100${query}`)).body.items as { id: string }[]).some((r) => r.id === id);
const actionKeys = async (a: Agent, id: string): Promise<string[]> => ((await a.get(`/api/cases/${id}`)).body.actions as { key: string }[]).map((x) => x.key);

describe('passing a case beyond the township', () => {
  it('offers the county\'s offices and the county\'s other townships\' offices only where the case type allows it', async () => {
    const kase = await newCase('跨镇转送示例一');
    const items = (await zongzhi.get(`/api/cases/${kase.id}/transfer-targets`)).body.items as { id: string; reach: string; townshipName: string | null; canHandle: boolean }[];
    const byId = new Map(items.map((o) => [o.id, o]));
    expect(byId.get(await h.orgId('sfs'))).toMatchObject({ reach: 'township', townshipName: '张八桥镇' });
    expect(byId.get(await h.orgId('sfj'))).toMatchObject({ reach: 'county', townshipName: null, canHandle: true });
    expect(byId.get(org['lizhuang-zzzx'] ?? '')).toMatchObject({ reach: 'other', townshipName: '李庄镇', canHandle: true });
    // Offices only, never another township's villages or the townships themselves.
    expect(byId.has(org.lizhuang ?? '')).toBe(false);
    // Own township first, then the county, then the other townships.
    expect(items.map((o) => o.reach)).toEqual([...items.map((o) => o.reach)].sort((a, b) => ['township', 'county', 'other'].indexOf(a) - ['township', 'county', 'other'].indexOf(b)));

    // Mediation declares no such rule: its cases stay in the township, in the list and at the door.
    const med = await h.signIn('tiaojie1');
    const app = await med.post('/api/cases', { type: 'mediation', orgId: await h.orgId('S01'), title: '东营村宅基地纠纷', category: '邻里' });
    const mTargets = (await med.get(`/api/cases/${app.body.id}/transfer-targets`)).body.items as { reach: string }[];
    expect(mTargets.every((o) => o.reach === 'township')).toBe(true);
    const refused = await med.post(`/api/cases/${app.body.id}/transfer`, { toOrgId: org['lizhuang-zzzx'], reason: '当事人住李庄镇' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('CASE_TRANSFER_OUTSIDE_TOWNSHIP');
  });

  it('moves the case to another township and back, the reference kept, both offices told, a third township seeing nothing', async () => {
    const kase = await newCase('跨镇转送示例二');
    const events = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [kase.id]);
    expect(await listed(zhouzhuang, kase.id)).toBe(false);
    // Not to a township itself, nor to a village of another township.
    const notOffice = await zongzhi.post(`/api/cases/${kase.id}/transfer`, { toOrgId: org.lizhuang, reason: '转李庄镇' });
    expect(notOffice.body.error.code).toBe('CASE_TRANSFER_OUTSIDE_COUNTY');

    const res = await zongzhi.post(`/api/cases/${kase.id}/transfer`, { toOrgId: org['lizhuang-zzzx'], reason: '事发地在李庄镇辖区，转送属地办理' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = (await h.db.query<{ ref: string; org_id: string; township_id: string }>('SELECT ref, org_id, township_id FROM cases WHERE id = $1', [kase.id])).rows[0];
    expect(row).toEqual({ ref: kase.ref, org_id: org['lizhuang-zzzx'], township_id: org.lizhuang });
    // Every row hanging off the case went with it, into the receiving township.
    const stray = await h.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM case_events WHERE case_id = $1 AND (org_id <> $2 OR township_id <> $3))
            + (SELECT count(*) FROM case_deadlines WHERE case_id = $1 AND (org_id <> $2 OR township_id <> $3)) AS n`, [kase.id, org['lizhuang-zzzx'], org.lizhuang]);
    expect(Number(stray.rows[0]?.n)).toBe(0);
    expect((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [kase.id])).rows[0]?.n).toBe((events.rows[0]?.n ?? 0) + 1);

    // The receiving township has it to handle, in its list; the sender reads it; the third township sees nothing.
    const there = await lizhuang.get(`/api/cases/${kase.id}`);
    expect(there.status).toBe(200);
    expect(there.body).toMatchObject({ ref: kase.ref, orgName: '李庄镇综治中心' });
    expect(there.body.actions.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['finish', 'transfer']));
    expect(await listed(lizhuang, kase.id)).toBe(true);
    expect(await actionKeys(zongzhi, kase.id)).toEqual([]);
    const sentPage = (await zongzhi.get(`/api/cases/${kase.id}`)).body;
    // The sender cannot see the receiving township's org: the transfer on the timeline names it.
    expect(sentPage.orgName).toBe('李庄镇综治中心');
    expect(sentPage.timeline.at(-1)).toMatchObject({
      kind: 'transfer', payload: { fromOrg: '综治中心', toOrg: '李庄镇综治中心', fromTownship: '张八桥镇', toTownship: '李庄镇', keepRead: true },
    });
    expect((await zongzhi.post(`/api/cases/${kase.id}/transitions`, { transition: 'finish', version: there.body.version, fields: { result: '越权办结' } })).status).toBe(403);
    expect((await zhouzhuang.get(`/api/cases/${kase.id}`)).status).toBe(404);
    expect(await listed(zhouzhuang, kase.id)).toBe(false);
    expect(await listed(zhouzhuang, kase.id, '&transferred=out')).toBe(false);
    expect((await zhouzhuang.post(`/api/cases/${kase.id}/transfer`, { toOrgId: org['zhouzhuang-zzzx'], reason: '越权转送' })).status).toBe(404);

    const told = (await h.db.query<{ kind: string; user_id: string; township_id: string }>(
      "SELECT kind, user_id, township_id FROM notifications WHERE case_id = $1 AND kind LIKE 'case.transferred%'", [kase.id])).rows;
    expect(told.some((n) => n.kind === 'case.transferred_in' && n.user_id === lizhuang.me.user.id)).toBe(true);
    expect(told.some((n) => n.kind === 'case.transferred_out' && n.user_id === zongzhi.me.user.id)).toBe(true);
    expect(told.some((n) => n.user_id === zhouzhuang.me.user.id)).toBe(false);
    // One audit row in each township's chain.
    const audit = (await h.db.query<{ township_id: string }>("SELECT township_id FROM audit_log WHERE entity_id = $1 AND action = 'case.transfer' ORDER BY id", [kase.id])).rows;
    expect(audit.map((a) => a.township_id).sort()).toEqual([org.lizhuang, await h.orgId('zhangbaqiao')].sort());

    // And back, the receiving township keeping read access this time.
    const back = await lizhuang.post(`/api/cases/${kase.id}/transfer`, { toOrgId: await h.orgId('zzzx'), reason: '经核实属张八桥镇管辖，退回' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect((await h.db.query<{ township_id: string }>('SELECT township_id FROM cases WHERE id = $1', [kase.id])).rows[0]?.township_id).toBe(await h.orgId('zhangbaqiao'));
    expect(await actionKeys(zongzhi, kase.id)).toContain('finish');
    expect(await listed(zongzhi, kase.id)).toBe(true);
    expect(await listed(zongzhi, kase.id, '&transferred=out')).toBe(false);
    expect((await lizhuang.get(`/api/cases/${kase.id}`)).status).toBe(200);
    expect(await actionKeys(lizhuang, kase.id)).toEqual([]);
    expect(await listed(lizhuang, kase.id)).toBe(false);
    expect(await listed(lizhuang, kase.id, '&transferred=out')).toBe(true);
    expect((await zhouzhuang.get(`/api/cases/${kase.id}`)).status).toBe(404);
  });

  it('passes a case up to the county office, whose scope takes it over while the case stays the township\'s', async () => {
    const kase = await newCase('跨镇转送示例三');
    expect((await countyClerk.get(`/api/cases/${kase.id}`)).status).toBe(404);
    const res = await zongzhi.post(`/api/cases/${kase.id}/transfer`, { toOrgId: await h.orgId('sfj'), reason: '涉及县直部门职责，报县司法局交办', keepRead: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = (await h.db.query<{ ref: string; org_id: string; township_id: string }>('SELECT ref, org_id, township_id FROM cases WHERE id = $1', [kase.id])).rows[0];
    expect(row).toEqual({ ref: kase.ref, org_id: await h.orgId('sfj'), township_id: await h.orgId('zhangbaqiao') });
    expect(await actionKeys(countyClerk, kase.id)).toContain('finish');
    expect(await listed(countyClerk, kase.id)).toBe(true);
    // Found by its words too, in the county office's scope (which has no township of its own).
    expect(((await countyClerk.get(`/api/cases?q=${encodeURIComponent('转送示例三')}`)).body.items as { id: string }[]).map((r) => r.id)).toContain(kase.id);
    // Given up whole: the sender, and its township's leader, no longer see it; nor does another township.
    expect((await zongzhi.get(`/api/cases/${kase.id}`)).status).toBe(404);
    expect((await leader.get(`/api/cases/${kase.id}`)).status).toBe(404);
    expect((await zhouzhuang.get(`/api/cases/${kase.id}`)).status).toBe(404);
    // The county hands it down to another township (交办).
    const down = await countyClerk.post(`/api/cases/${kase.id}/transfer`, { toOrgId: org['zhouzhuang-zzzx'], reason: '交周庄镇办理' });
    expect(down.status, JSON.stringify(down.body)).toBe(200);
    expect(await actionKeys(zhouzhuang, kase.id)).toContain('finish');
    expect(await listed(countyClerk, kase.id, '&transferred=out')).toBe(true);
    expect((await lizhuang.get(`/api/cases/${kase.id}`)).status).toBe(404);
  });
});

describe('已转出: the cases an office passed on, in its lists', () => {
  it('lists them read-only under the filter, found by words too, and nowhere else', async () => {
    const kase = await newCase('李庄镇路口积水转送');
    expect((await zongzhi.post(`/api/cases/${kase.id}/transfer`, { toOrgId: org['lizhuang-zzzx'], reason: '属地办理' })).status).toBe(200);
    expect(await listed(zongzhi, kase.id)).toBe(false);
    const sent = await zongzhi.get('/api/cases?transferred=out&pageSize=100');
    expect(sent.status).toBe(200);
    expect(sent.body.items).toContainEqual(expect.objectContaining({ id: kase.id, orgName: '李庄镇综治中心' }));
    expect(((await zongzhi.get(`/api/cases?transferred=out&q=${encodeURIComponent('积水')}`)).body.items as { id: string }[]).map((r) => r.id)).toContain(kase.id);
    expect(((await zongzhi.get(`/api/cases?transferred=out&q=${encodeURIComponent('不相干的词')}`)).body.items as { id: string }[]).map((r) => r.id)).not.toContain(kase.id);
    // The township's leader reads what its offices sent on, too; the receiver's own list is its list.
    expect(await listed(leader, kase.id, '&transferred=out')).toBe(true);
    expect(await listed(lizhuang, kase.id, '&transferred=out')).toBe(false);
    expect((await zongzhi.get('/api/cases?transferred=in')).status).toBe(400);
  });
});
