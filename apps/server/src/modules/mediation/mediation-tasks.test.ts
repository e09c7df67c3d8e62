import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { installJobSchema } from '../../platform/jobs/jobs.ts';
import { applyOnlineAs } from './mediation.test-support.ts';

/** 我的待办 is what awaits me: my own cases and the new ones nobody has taken on that I may take on. */
let h: Harness;
let mediator: Agent;
let neighbour: Agent;
let sifa: Agent;
beforeAll(async () => {
  h = await createHarness({}, { today: () => '2026-11-26' });
  await installJobSchema(h.ownerUrl, h.platform.log);
  [mediator, neighbour, sifa] = await Promise.all([h.signIn('tiaojie1'), h.signIn('tiaojie2'), h.signIn('sifa')]);
});
afterAll(async () => { await h.close(); });

const taskIds = async (agent: Agent): Promise<string[]> => {
  const res = await agent.get('/api/tasks?pageSize=100');
  expect(res.status).toBe(200);
  return res.body.items.map((c: { id: string }) => c.id);
};

describe('my to-do list', () => {
  it('brings a citizen\'s application to the office that may take it on, with a notice, and not to a neighbour village', async () => {
    const app = await applyOnlineAs(h, 'tasks-apply-0001');
    expect(await taskIds(mediator)).toContain(app.id);
    expect(await taskIds(sifa)).toContain(app.id);
    expect(await taskIds(neighbour)).not.toContain(app.id);
    const notices = (await h.db.query<{ user_id: string; title: string }>("SELECT user_id, title FROM notifications WHERE case_id = $1 AND kind = 'case.new_application'", [app.id])).rows;
    const told = new Set(notices.map((n) => n.user_id));
    expect(told.has(mediator.me.user.id) && told.has(sifa.me.user.id)).toBe(true);
    expect(told.has(neighbour.me.user.id)).toBe(false);
    expect(notices[0]?.title).toBe(`新的网上申请：${app.ref}`);
    // Once someone takes it on, it is theirs: it leaves the others' lists.
    expect((await mediator.put(`/api/cases/${app.id}/assignees`, { userIds: [mediator.me.user.id] })).status).toBe(200);
    expect(await taskIds(mediator)).toContain(app.id);
    expect(await taskIds(sifa)).not.toContain(app.id);
  });

  it('answers the ones nobody has taken on, and my own, apart (assignee=none, assignee=me), each with its exact total', async () => {
    const free = await applyOnlineAs(h, 'tasks-apply-0003');
    const mine = await applyOnlineAs(h, 'tasks-apply-0004');
    expect((await mediator.put(`/api/cases/${mine.id}/assignees`, { userIds: [mediator.me.user.id] })).status).toBe(200);
    const all = (await mediator.get('/api/tasks?pageSize=100')).body as { total: number; items: { id: string; assignees: string[] }[] };
    const unclaimed = (await mediator.get('/api/tasks?assignee=none&pageSize=1')).body as { total: number; items: { id: string }[] };
    const own = (await mediator.get('/api/tasks?assignee=me&pageSize=100')).body as { total: number; items: { id: string; assignees: string[] }[] };
    // The count the home page shows, from one row's request: the same as counting the whole list.
    expect(unclaimed.total).toBe(all.items.filter((c) => c.assignees.length === 0).length);
    expect(unclaimed.total).toBeGreaterThan(0);
    expect(own.total + unclaimed.total).toBe(all.total);
    expect(own.items.map((c) => c.id)).toContain(mine.id);
    expect(own.items.map((c) => c.id)).not.toContain(free.id);
    expect(((await mediator.get('/api/tasks?assignee=none&pageSize=100')).body.items as { id: string }[]).map((c) => c.id)).toContain(free.id);
    // The case list takes the same word: cases nobody handles.
    const list = (await sifa.get('/api/cases?type=mediation&assignee=none&pageSize=100')).body.items as { id: string; assignees: string[] }[];
    expect(list.map((c) => c.id)).toContain(free.id);
    expect(list.every((c) => c.assignees.length === 0)).toBe(true);
  });

  it('puts the most urgent first: overdue clocks on top, then the nearest due date', async () => {
    const items = (await sifa.get('/api/tasks?pageSize=100')).body.items as { id: string; nextDue: string | null; dueState: string | null; remaining: number | null; nextDueUnit: string | null }[];
    expect(items.length).toBeGreaterThan(2);
    const dues = items.map((c) => c.nextDue).filter((d): d is string => d !== null);
    expect(dues).toEqual([...dues].sort());
    // Cases without a running clock come after every dated one.
    const firstUndated = items.findIndex((c) => c.nextDue === null);
    if (firstUndated >= 0) expect(items.slice(firstUndated).every((c) => c.nextDue === null)).toBe(true);
    expect(items[0]?.dueState).toBe('overdue');
    // The list and the case page say the same time left, in the clock's own unit (mediation's month: calendar days).
    const first = items[0] ?? { id: '', nextDue: null, dueState: null, remaining: null, nextDueUnit: null };
    const page = (await sifa.get(`/api/cases/${first.id}`)).body as { deadlines: { dueDate: string; unit: string; remaining: number | null }[] };
    const clock = page.deadlines.find((d) => d.dueDate === first.nextDue);
    expect(first.nextDueUnit).toBe(clock?.unit);
    expect(first.remaining).toBe(clock?.remaining);
    expect(first.remaining).toBeLessThan(0);
  });
});
