import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, secondInstance, type Agent, type Harness } from '../../test/harness.ts';
import { sessionIdHash } from '../auth/sessions.ts';

// The case routes check a session this process checked less than 50 s ago inside their own
// transaction (sessionInTransaction, platform/http/access.ts). Two server instances on one
// database: changes go through the harness's, requests through the second, whose principal
// notifications are switched off so that what it keeps goes stale exactly as it would while a
// notification is on its way: only the check in the transaction can find the change.
let h: Harness;
let other: Awaited<ReturnType<typeof secondInstance>>;
let ownerCheckouts = 0;
beforeAll(async () => {
  h = await createHarness();
  other = await secondInstance(h, async (platform) => {
    await platform.principals.close();
    const connect = platform.system.connect.bind(platform.system);
    platform.system.connect = ((...args: unknown[]) => { ownerCheckouts++; return (connect as (...a: unknown[]) => unknown)(...args); }) as typeof platform.system.connect;
  });
});
afterAll(async () => {
  await other.close();
  await h.close();
});

type Answer = { status: number; code: string | null; body: Record<string, unknown> };
const call = async (agent: Agent, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<Answer> => {
  const res = await other.app.inject({ method, url, headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const body = res.json<Record<string, unknown>>();
  return { status: res.statusCode, code: (body.error as { code?: string } | undefined)?.code ?? null, body };
};
const list = (agent: Agent): Promise<Answer> => call(agent, 'GET', '/api/cases?type=mediation&pageSize=5');
const countCases = async (title: string): Promise<number> => Number((await h.db.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE title = $1', [title])).rows[0]?.n);
const sifaOrg = async (): Promise<string> => (await h.db.query<{ org_id: string }>("SELECT org_id FROM users WHERE username = 'sifa'")).rows[0]?.org_id ?? '';
const newCase = async (title: string): Promise<Record<string, unknown>> => ({
  type: 'mediation', orgId: await sifaOrg(), title, category: '邻里',
  parties: [{ kind: 'person', role: '申请人', name: '甲某' }, { kind: 'person', role: '被申请人', name: '乙某' }],
});
/** A session of sifa's that the second instance has checked on the owner pool and keeps. */
const kept = async (): Promise<Agent> => {
  const agent = await h.signIn('sifa');
  expect((await list(agent)).status).toBe(200);
  return agent;
};

describe('a kept session checked in the route\'s own transaction', () => {
  it('answers a kept session\'s case requests without a statement on the owner pool', async () => {
    const agent = await kept();
    ownerCheckouts = 0;
    const first = await list(agent);
    expect(first.status).toBe(200);
    const items = first.body.items as { id: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect((await call(agent, 'GET', `/api/cases/${items[0]?.id ?? ''}`)).status).toBe(200);
    const created = await call(agent, 'POST', '/api/cases', await newCase('会话检查 一号'));
    expect(created.status).toBe(200);
    expect(ownerCheckouts).toBe(0);
    // A route that does not declare it still checks the session on its own first.
    expect((await call(agent, 'GET', '/api/auth/me')).status).toBe(200);
    expect(ownerCheckouts).toBeGreaterThan(0);
  });

  it('refuses a session signed out through the other instance at the next request: reads, writes, and answers from memory', async () => {
    // A read.
    const a = await kept();
    expect((await a.post('/api/auth/sign-out')).status).toBe(204);
    expect(await list(a)).toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });

    // A write: refused before it runs.
    const b = await kept();
    expect((await b.post('/api/auth/sign-out')).status).toBe(204);
    expect(await call(b, 'POST', '/api/cases', await newCase('会话检查 已退出'))).toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });
    expect(await countCases('会话检查 已退出')).toBe(0);

    // An answer that needs no database (the case types): checked before it is sent.
    const c = await kept();
    expect((await c.post('/api/auth/sign-out')).status).toBe(204);
    const types = await call(c, 'GET', '/api/case-types');
    expect(types).toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });
    expect(types.body.items).toBeUndefined();
  });

  it('takes a revoked grant and a deactivation into account at the next request, the route run under the new principal', async () => {
    const agent = await kept();
    const id = await h.userId('sifa');
    const version = Number((await h.db.query<{ v: string }>('SELECT auth_version AS v FROM users WHERE id = $1', [id])).rows[0]?.v);
    expect(other.platform.principals.get(id, version)).toBeDefined();

    const grants = (await h.db.query('SELECT role_id, org_id, township_id, scope FROM user_grants WHERE user_id = $1', [id])).rows;
    await h.db.query('DELETE FROM user_grants WHERE user_id = $1', [id]);
    // The old principal is still kept (no notification reaches this instance) ...
    expect(other.platform.principals.get(id, version)).toBeDefined();
    // ... but the request runs under the new one: no cases, and no case opened.
    expect(await list(agent)).toMatchObject({ status: 200, body: { items: [], total: 0 } });
    const refused = await call(agent, 'POST', '/api/cases', await newCase('会话检查 无授权'));
    // Refused as for a user without grants: the org is out of reach.
    expect([403, 404]).toContain(refused.status);
    expect(await countCases('会话检查 无授权')).toBe(0);

    for (const g of grants) await h.db.query('INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) VALUES ($1, $2, $3, $4, $5)', [id, g.role_id, g.org_id, g.township_id, g.scope]);
    expect(((await list(agent)).body.items as unknown[]).length).toBeGreaterThan(0);

    await h.db.query("UPDATE users SET status = 'disabled' WHERE id = $1", [id]);
    expect(await list(agent)).toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });
    await h.db.query("UPDATE users SET status = 'active' WHERE id = $1", [id]);
    expect((await list(agent)).status).toBe(200);
  });

  it('admits a kept session to a route that a change has just opened to it', async () => {
    const agent = await h.signIn('sifa');
    // sifa holds the permission through the 司法所 role alone.
    await h.db.query("UPDATE roles SET permissions = array_remove(permissions, 'mediation.read') WHERE code = 'judicial_staff'");
    // Checked on the owner pool and kept, with a principal without the permission.
    expect((await call(agent, 'GET', '/api/mediation/committees')).status).toBe(403);
    await h.db.query("UPDATE roles SET permissions = array_append(permissions, 'mediation.read') WHERE code = 'judicial_staff'");
    // The kept principal would refuse it; the session is checked again, and the new one admits it.
    expect((await call(agent, 'GET', '/api/mediation/committees')).status).toBe(200);
  });

  it('refuses a kept session that has been idle past the timeout', async () => {
    const agent = await kept();
    const id = await h.userId('sifa');
    await h.db.query("UPDATE sessions SET last_seen_at = now() - interval '2 days' WHERE user_id = $1", [id]);
    expect(await list(agent)).toMatchObject({ status: 401, code: 'AUTH_SESSION_EXPIRED' });
    // Forgotten: the next request checks it on the owner pool, which ends it.
    expect((await list(agent)).status).toBe(401);
    const sid = /fazhi_sid=([^;]+)/.exec(agent.cookie)?.[1] ?? '';
    expect(sid).not.toBe('');
    expect((await h.db.query('SELECT 1 FROM sessions WHERE id_hash = $1', [sessionIdHash(sid)])).rowCount).toBe(0);
  });
});
