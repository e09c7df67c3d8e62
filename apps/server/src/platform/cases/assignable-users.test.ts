import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';

let h: Harness;
let sifa: Agent;
let caseId = '';
beforeAll(async () => {
  h = await createHarness({}, { today: () => '2026-11-26' });
  sifa = await h.signIn('sifa');
  const created = await sifa.post('/api/cases', { type: 'mediation', orgId: await h.orgId('S01'), title: '东营村林地界址纠纷', category: '邻里' });
  expect(created.status).toBe(200);
  caseId = created.body.id;
});
afterAll(async () => { await h.close(); });

type Item = { userId: string; displayName: string; orgName: string; assigned: boolean; openCases: number };
const names = (items: Item[]) => items.map((i) => i.displayName);

describe('assignable users', () => {
  it('lists the active users who hold the handling permission at the case\'s org, as far as the caller can see', async () => {
    const res = await sifa.get(`/api/cases/${caseId}/assignable-users`);
    expect(res.status).toBe(200);
    const list = names(res.body.items);
    // The village's own mediator and the town's judicial office reach 东营村; 西营村's mediator,
    // 综治中心 (reads mediation, does not handle it) and 信访办 do not.
    expect(list).toEqual(expect.arrayContaining(['东营村 李调解', '司法所 王芳']));
    for (const other of ['西营村 赵调解', '综治中心 陈明', '信访办 刘洋']) expect(list).not.toContain(other);
    expect(res.body.items.find((i: Item) => i.displayName === '东营村 李调解')).toMatchObject({ orgName: '东营村', assigned: false });
    expect(names((await sifa.get(`/api/cases/${caseId}/assignable-users?q=${encodeURIComponent('李调解')}`)).body.items)).toEqual(['东营村 李调解']);
    // The village mediator sees only people of the village: the town's office is out of sight.
    const village = names((await (await h.signIn('tiaojie1')).get(`/api/cases/${caseId}/assignable-users`)).body.items);
    expect(village).toContain('东营村 李调解');
    expect(village).not.toContain('司法所 王芳');
  });

  it('leaves out a disabled user, and refuses to assign someone who may not handle the case', async () => {
    const mediator = await h.userId('tiaojie1');
    const neighbour = await h.userId('tiaojie2');
    const bad = await sifa.put(`/api/cases/${caseId}/assignees`, { userIds: [mediator, neighbour] });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'ASSIGNEE_NOT_ELIGIBLE', message: expect.stringContaining('没有办理该事项的权限') });
    const ok = await sifa.put(`/api/cases/${caseId}/assignees`, { userIds: [mediator] });
    expect(ok.status).toBe(200);
    expect(ok.body.assignees.map((a: { displayName: string }) => a.displayName)).toEqual(['东营村 李调解']);
    const first = (await sifa.get(`/api/cases/${caseId}/assignable-users`)).body.items[0];
    expect(first).toMatchObject({ displayName: '东营村 李调解', assigned: true });
    expect(first.openCases).toBeGreaterThan(0);
    await h.db.query("UPDATE users SET status = 'disabled' WHERE id = $1", [mediator]);
    try {
      expect(names((await sifa.get(`/api/cases/${caseId}/assignable-users`)).body.items)).not.toContain('东营村 李调解');
      expect((await sifa.put(`/api/cases/${caseId}/assignees`, { userIds: [mediator] })).body.error.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    } finally {
      await h.db.query("UPDATE users SET status = 'active' WHERE id = $1", [mediator]);
    }
  });

  it('answers 403 to a reader who may not handle the case and 404 outside the scope', async () => {
    expect((await (await h.signIn('zongzhi')).get(`/api/cases/${caseId}/assignable-users`)).status).toBe(403);
    expect((await (await h.signIn('tiaojie2')).get(`/api/cases/${caseId}/assignable-users`)).status).toBe(404);
  });
});
