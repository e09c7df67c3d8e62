import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, secondInstance, type Harness } from '../../test/harness.ts';
import type { TypedApp } from '../http/types.ts';

// Two server instances on one database: the harness's, and a second one (another process in
// production: its own pools, its own kept principals, its own notifications connection).
let h: Harness;
let other: Awaited<ReturnType<typeof secondInstance>>;
beforeAll(async () => {
  h = await createHarness();
  other = await secondInstance(h);
});
afterAll(async () => {
  await other.close();
  await h.close();
});

type Seen = { status: number; permissions: string[] };
const me = async (app: TypedApp, cookie: string): Promise<Seen> => {
  const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  return { status: res.statusCode, permissions: res.statusCode === 200 ? res.json<{ permissions: string[] }>().permissions : [] };
};

describe('signed-in users\' principals kept between requests', () => {
  it('takes a revoked grant, a deactivation and a sign-out into account on the next request, in both server instances', async () => {
    const sifa = await h.signIn('sifa');
    const id = await h.userId('sifa');
    const before = await me(h.app, sifa.cookie);
    expect(before.status).toBe(200);
    expect(before.permissions).toContain('mediation.handle');
    expect(await me(other.app, sifa.cookie)).toEqual(before);
    // Both instances now keep the principal.
    expect(h.platform.principals.size()).toBeGreaterThan(0);
    expect(other.platform.principals.size()).toBeGreaterThan(0);

    // The grant revoked (by whatever writer: here the owner's SQL, no notification awaited).
    const grants = (await h.db.query('SELECT role_id, org_id, township_id, scope FROM user_grants WHERE user_id = $1', [id])).rows;
    await h.db.query('DELETE FROM user_grants WHERE user_id = $1', [id]);
    for (const app of [h.app, other.app]) expect(await me(app, sifa.cookie)).toEqual({ status: 200, permissions: [] });
    const list = await sifa.get('/api/cases?type=mediation');
    expect(list.body.items).toEqual([]);

    // Given back: the next request has it again.
    for (const g of grants) await h.db.query('INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) VALUES ($1, $2, $3, $4, $5)', [id, g.role_id, g.org_id, g.township_id, g.scope]);
    for (const app of [h.app, other.app]) expect(await me(app, sifa.cookie)).toEqual(before);

    // A role's permissions changed: every holder, at once.
    await h.db.query("UPDATE roles SET permissions = array_remove(permissions, 'mediation.handle') WHERE code = 'judicial_staff'");
    for (const app of [h.app, other.app]) expect((await me(app, sifa.cookie)).permissions).not.toContain('mediation.handle');
    await h.db.query("UPDATE roles SET permissions = array_append(permissions, 'mediation.handle') WHERE code = 'judicial_staff'");
    for (const app of [h.app, other.app]) expect(await me(app, sifa.cookie)).toEqual(before);

    // Deactivated: signed out everywhere at the next request, even before the sessions are ended.
    await h.db.query("UPDATE users SET status = 'disabled' WHERE id = $1", [id]);
    for (const app of [h.app, other.app]) expect((await me(app, sifa.cookie)).status).toBe(401);
    await h.db.query("UPDATE users SET status = 'active' WHERE id = $1", [id]);
    for (const app of [h.app, other.app]) expect((await me(app, sifa.cookie)).status).toBe(200);

    // Signed out through one instance: the other refuses the session at its next request.
    expect((await sifa.post('/api/auth/sign-out')).status).toBe(204);
    expect((await me(other.app, sifa.cookie)).status).toBe(401);
    expect((await me(h.app, sifa.cookie)).status).toBe(401);
  });

  it('tells the other instance to drop a changed user\'s principal (LISTEN/NOTIFY)', async () => {
    const agent = await h.signIn('tiaojie1');
    const id = await h.userId('tiaojie1');
    expect((await me(other.app, agent.cookie)).status).toBe(200);
    const version = Number((await h.db.query<{ v: string }>('SELECT auth_version AS v FROM users WHERE id = $1', [id])).rows[0]?.v);
    expect(other.platform.principals.get(id, version)).toBeDefined();
    await other.platform.principals.whenListening();
    const told = once(other.platform.principals.events, 'notified');
    // A change made through the first instance's API: the display name.
    const admin = await h.signIn('admin');
    expect((await admin.patch(`/api/users/${id}`, { displayName: '东营村 李调解员' })).status).toBe(200);
    const [ids] = (await told) as [string[] | '*'];
    expect(ids === '*' || ids.includes(id)).toBe(true);
    expect(other.platform.principals.get(id, version)).toBeUndefined();
    expect(Number((await h.db.query<{ v: string }>('SELECT auth_version AS v FROM users WHERE id = $1', [id])).rows[0]?.v)).toBe(version + 1);
    const after = await other.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: agent.cookie } });
    expect(after.json<{ user: { displayName: string } }>().user.displayName).toBe('东营村 李调解员');
  });
});
