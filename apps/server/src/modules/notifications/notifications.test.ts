import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { runSystem } from '../../platform/platform.ts';
import { notifyUsers } from '../../platform/notifications/notify.ts';
import { render } from '../../platform/notifications/templates.ts';

let h: Harness;
let xinfang: Agent;
let mediator: Agent;
let township: string;

beforeAll(async () => {
  h = await createHarness();
  [xinfang, mediator] = await Promise.all([h.signIn('xinfang'), h.signIn('tiaojie1')]);
  township = await h.orgId('zhangbaqiao');
});
afterAll(async () => { await h.close(); });

const remind = (userIds: string[], ref: string): Promise<number> => runSystem(h.platform, (c) => notifyUsers(c, userIds, {
  kind: 'deadline.reminder', townshipId: township, link: '/console/cases/00000000-0000-4000-8000-000000000001',
  params: { township: '张八桥镇', ref, title: '宅基地纠纷', deadline: { zh: '受理期限', en: 'acceptance' }, due: '2025-12-16' },
}));

describe('the inbox', () => {
  it('lists my notices newest first, pages them, filters the unread, and moves the unread count', async () => {
    await remind([xinfang.me.user.id], '张八桥-样-2025-0001');
    await remind([xinfang.me.user.id], '张八桥-样-2025-0002');
    await remind([xinfang.me.user.id], '张八桥-样-2025-0003');
    expect((await xinfang.get('/api/notifications/unread-count')).body).toEqual({ count: 3 });
    const page1 = (await xinfang.get('/api/notifications?pageSize=2')).body;
    expect(page1).toMatchObject({ total: 3, unread: 3 });
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({ kind: 'deadline.reminder', title: '期限提醒：张八桥-样-2025-0003', readAt: null });
    expect(page1.items[0].body).toBe('【张八桥镇】事项张八桥-样-2025-0003「宅基地纠纷」的受理期限将于2025年12月16日届满，请及时办理。');
    expect((await xinfang.get('/api/notifications?pageSize=2&page=2')).body.items).toHaveLength(1);

    const read = await xinfang.post(`/api/notifications/${page1.items[1].id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await xinfang.post(`/api/notifications/${page1.items[1].id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await xinfang.get('/api/notifications/unread-count')).body.count).toBe(2);
    const unread = (await xinfang.get('/api/notifications?unread=true')).body;
    expect(unread.total).toBe(2);
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(page1.items[1].id);

    expect((await xinfang.post('/api/notifications/read-all', {})).body).toEqual({ updated: 2 });
    expect((await xinfang.get('/api/notifications/unread-count')).body.count).toBe(0);
    expect((await xinfang.get('/api/notifications')).body).toMatchObject({ total: 3, unread: 0 });
  });

  it('leaves a notice that arrived after the reader looked unread when marking all read up to then', async () => {
    const upTo = new Date(Date.now() - 60_000).toISOString();
    await remind([xinfang.me.user.id], '张八桥-样-2025-0004');
    expect((await xinfang.post('/api/notifications/read-all', { upTo })).body).toEqual({ updated: 0 });
    expect((await xinfang.get('/api/notifications/unread-count')).body.count).toBe(1);
    await xinfang.post('/api/notifications/read-all', {});
  });

  it('is personal: another user\'s notice is invisible, even to an administrator, and cannot be marked read', async () => {
    await remind([xinfang.me.user.id], '张八桥-样-2025-0005');
    const mine = (await xinfang.get('/api/notifications?unread=true')).body.items[0];
    expect(mine.title).toContain('0005');
    const admin = await h.signIn('admin');
    for (const other of [mediator, admin]) {
      expect((await other.get('/api/notifications')).body).toEqual({ items: [], total: 0, unread: 0 });
      expect((await other.get('/api/notifications/unread-count')).body.count).toBe(0);
      const res = await other.post(`/api/notifications/${mine.id}/read`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect((await other.post('/api/notifications/read-all', {})).body.updated).toBe(0);
    }
    const row = await h.db.query('SELECT read_at FROM notifications WHERE id = $1', [mine.id]);
    expect(row.rows[0]?.read_at).toBeNull();
    // Even a direct query as the request role sees only the caller's own notices.
    await expect(h.platform.app.query("UPDATE notifications SET title = 'x' WHERE id = $1", [mine.id])).rejects.toThrow(/permission denied/);
  });

  it('speaks English to an English reader', async () => {
    await remind([mediator.me.user.id], '张八桥-样-2025-0006');
    const res = await mediator.request('GET', '/api/notifications', undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.body.items[0]).toMatchObject({
      title: 'Deadline reminder: 张八桥-样-2025-0006',
      body: '[张八桥镇] The acceptance period of case 张八桥-样-2025-0006 "宅基地纠纷" ends on 2025-12-16. Please act in time.',
    });
  });
});

describe('templates', () => {
  it('writes dates in Chinese prose, takes labels in either language, and refuses a missing parameter', () => {
    const text = { zh: '{what}于{due}届满', en: '{what} ends on {due}' };
    expect(render(text, { what: { zh: '答复期限', en: 'The reply period' }, due: '2026-01-05' }, 'zh')).toBe('答复期限于2026年1月5日届满');
    expect(render(text, { what: { zh: '答复期限', en: 'The reply period' }, due: '2026-01-05' }, 'en')).toBe('The reply period ends on 2026-01-05');
    expect(() => render(text, { what: '答复期限' }, 'zh')).toThrow(/\{due\} missing/);
  });
});
