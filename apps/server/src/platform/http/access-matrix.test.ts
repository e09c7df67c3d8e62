import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { allPermissions } from '@fazhi/contracts';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { requireAccessDeclaration } from './access.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';

/**
 * Every API endpoint, tried as someone with every permission but the wrong org: a user of
 * another village, and a user of a township office with scope "this org only". Each must
 * get 404 or 403 on the neighbour's records (lists must leave them out) and nothing may
 * change in the database. A new endpoint without a case here fails the suite.
 */
type Targets = { org: string; grid: string; user: string; role: string; token: string; kase: string; kase2: string; party: string; township: string; override: string };
type Case = (t: Targets) => { url: string; body?: unknown; kind: 'record' | 'list' | 'self' };

const cases: Record<string, Case> = {
  'GET /api/auth/me': () => ({ url: '/api/auth/me', kind: 'list' }),
  'POST /api/auth/change-password': () => ({ url: '/api/auth/change-password', kind: 'self' }),
  'POST /api/auth/sign-out': () => ({ url: '/api/auth/sign-out', kind: 'self' }),
  'POST /api/auth/sign-out-all': () => ({ url: '/api/auth/sign-out-all', kind: 'self' }),
  'GET /api/permissions': () => ({ url: '/api/permissions', kind: 'list' }),
  'GET /api/orgs/tree': () => ({ url: '/api/orgs/tree', kind: 'list' }),
  'GET /api/orgs/:id': (t) => ({ url: `/api/orgs/${t.grid}`, kind: 'record' }),
  'POST /api/orgs': (t) => ({ url: '/api/orgs', body: { parentId: t.org, kind: 'grid', name: '越权网格', code: 'X1' }, kind: 'record' }),
  'PATCH /api/orgs/:id': (t) => ({ url: `/api/orgs/${t.org}`, body: { name: '被改名村' }, kind: 'record' }),
  'GET /api/users': (t) => ({ url: `/api/users?pageSize=200&orgId=${t.org}`, kind: 'list' }),
  'GET /api/users/:id': (t) => ({ url: `/api/users/${t.user}`, kind: 'record' }),
  'POST /api/users': (t) => ({ url: '/api/users', body: { username: 'intruder', displayName: '越权用户', orgId: t.org }, kind: 'record' }),
  'PATCH /api/users/:id': (t) => ({ url: `/api/users/${t.user}`, body: { status: 'disabled' }, kind: 'record' }),
  'POST /api/users/:id/reset-password': (t) => ({ url: `/api/users/${t.user}/reset-password`, kind: 'record' }),
  'POST /api/users/:id/reveal': (t) => ({ url: `/api/users/${t.user}/reveal`, body: { field: 'phone' }, kind: 'record' }),
  'PUT /api/users/:id/grants': (t) => ({ url: `/api/users/${t.user}/grants`, body: { grants: [] }, kind: 'record' }),
  'GET /api/roles': () => ({ url: '/api/roles', kind: 'list' }),
  'POST /api/roles': () => ({ url: '/api/roles', body: { code: 'sneaky', name: '越权角色', permissions: ['org.read'] }, kind: 'record' }),
  'PATCH /api/roles/:id': (t) => ({ url: `/api/roles/${t.role}`, body: { code: 'spare', name: '改名', permissions: allPermissions }, kind: 'record' }),
  'DELETE /api/roles/:id': (t) => ({ url: `/api/roles/${t.role}`, kind: 'record' }),
  'GET /api/audit': () => ({ url: '/api/audit?pageSize=200', kind: 'list' }),
  'GET /api/audit/verify': () => ({ url: '/api/audit/verify', kind: 'list' }),
  'GET /api/sign-ins': () => ({ url: '/api/sign-ins?pageSize=200', kind: 'list' }),
  'GET /api/case-types': () => ({ url: '/api/case-types', kind: 'list' }),
  'POST /api/cases': (t) => ({ url: '/api/cases', body: { type: 'sample', orgId: t.org, title: '越权登记' }, kind: 'record' }),
  'GET /api/cases': () => ({ url: '/api/cases?pageSize=200', kind: 'list' }),
  'GET /api/tasks': () => ({ url: '/api/tasks', kind: 'list' }),
  'GET /api/cases/overdue': () => ({ url: '/api/cases/overdue', kind: 'list' }),
  'GET /api/cases/:id': (t) => ({ url: `/api/cases/${t.kase}`, kind: 'record' }),
  'POST /api/cases/:id/transitions': (t) => ({ url: `/api/cases/${t.kase}/transitions`, body: { transition: 'accept', version: 1 }, kind: 'record' }),
  'POST /api/cases/:id/comments': (t) => ({ url: `/api/cases/${t.kase}/comments`, body: { text: '越权备注' }, kind: 'record' }),
  'PUT /api/cases/:id/assignees': (t) => ({ url: `/api/cases/${t.kase}/assignees`, body: { userIds: [] }, kind: 'record' }),
  'POST /api/cases/:id/deadlines/:key/extend': (t) => ({ url: `/api/cases/${t.kase}/deadlines/accept/extend`, body: { length: 5, reason: '越权延期' }, kind: 'record' }),
  'POST /api/cases/:id/links': (t) => ({ url: `/api/cases/${t.kase}/links`, body: { otherCaseId: t.kase2, kind: 'related' }, kind: 'record' }),
  'POST /api/cases/:id/parties/:partyId/reveal': (t) => ({ url: `/api/cases/${t.kase}/parties/${t.party}/reveal`, body: { field: 'phone' }, kind: 'record' }),
  'GET /api/calendar/due': () => ({ url: '/api/calendar/due?from=2025-01-01&days=5&unit=wd', kind: 'list' }),
  'GET /api/calendar/years/:year': () => ({ url: '/api/calendar/years/2025', kind: 'list' }),
  'POST /api/calendar/overrides': (t) => ({ url: '/api/calendar/overrides', body: { day: '2025-12-24', kind: 'holiday', name: '越权放假', townshipId: t.township }, kind: 'record' }),
  'DELETE /api/calendar/overrides/:id': (t) => ({ url: `/api/calendar/overrides/${t.override}`, kind: 'record' }),
  'POST /api/calendar/import': () => ({ url: '/api/calendar/import', body: { days: [{ name: '越权', date: '2027-01-01', isOffDay: true }] }, kind: 'record' }),
  'GET /api/tokens': () => ({ url: '/api/tokens', kind: 'list' }),
  'POST /api/tokens': () => ({ url: '/api/tokens', kind: 'self' }),
  'DELETE /api/tokens/:id': (t) => ({ url: `/api/tokens/${t.token}`, kind: 'record' }),
};

let h: Harness;
let t: Targets;
let attackers: Agent[];

/** Everything a cross-org request could change, as one comparable value. */
const snapshot = async (): Promise<string> => {
  const { rows } = await h.db.query(`SELECT
    (SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM orgs o) AS orgs,
    (SELECT md5(string_agg(u::text, '|' ORDER BY id)) FROM users u) AS users,
    (SELECT md5(string_agg(g::text, '|' ORDER BY id)) FROM user_grants g) AS grants,
    (SELECT md5(string_agg(r::text, '|' ORDER BY id)) FROM roles r) AS roles,
    (SELECT count(*) FROM audit_log) AS audit,
    (SELECT md5(string_agg(k::text, '|' ORDER BY id)) FROM cases k) AS cases,
    (SELECT count(*) FROM case_events) AS events,
    (SELECT md5(string_agg(d::text, '|' ORDER BY id)) FROM case_deadlines d) AS deadlines,
    (SELECT md5(string_agg(o::text, '|' ORDER BY id)) FROM calendar_overrides o) AS calendar`);
  return JSON.stringify(rows[0]);
};

beforeAll(async () => {
  h = await createHarness({}, { caseTypes: [sampleCaseType] });
  const admin = await h.signIn('admin');
  const probe = await admin.post('/api/roles', { code: 'probe', name: '全权限探针', permissions: allPermissions });
  const spare = await admin.post('/api/roles', { code: 'spare', name: '备用角色', permissions: ['org.read'] });
  expect(probe.status).toBe(200);
  const token = await admin.post('/api/tokens', { name: '12345热线对接', permissions: ['org.read'], expiresInDays: 30 });
  expect(token.status).toBe(200);
  const clerk = await h.signIn('xinfang');
  const s01 = await h.orgId('S01');
  const kase = await clerk.post('/api/cases', { type: 'sample', orgId: s01, title: '东营村的事项', body: '东营村独有内容', parties: [{ kind: 'person', role: '申请人', name: '王某', phone: '13912340000' }] });
  const kase2 = await clerk.post('/api/cases', { type: 'sample', orgId: s01, title: '东营村的另一事项' });
  expect(kase.status).toBe(200);
  const party = (await clerk.get(`/api/cases/${kase.body.id}`)).body.parties[0].id;
  const township = await h.orgId('zhangbaqiao');
  const override = await admin.post('/api/calendar/overrides', { day: '2025-12-23', kind: 'holiday', name: '本镇停办', townshipId: township });
  expect(override.status).toBe(200);
  t = { org: s01, grid: await h.orgId('S01G1'), user: await h.userId('tiaojie1'), role: spare.body.id, token: token.body.item.id,
    kase: kase.body.id, kase2: kase2.body.id, party, township, override: override.body.item.id };
  // Data of the target village in every table a list shows.
  await h.signIn('tiaojie1');
  expect((await admin.patch(`/api/orgs/${t.grid}`, { sortOrder: 7 })).status).toBe(200);
  attackers = [];
  for (const [username, org, scope] of [['probe_village', 'S02', 'subtree'], ['probe_office', 'xfb', 'org']] as const) {
    const orgId = await h.orgId(org);
    const created = await admin.post('/api/users', { username, displayName: '探针', orgId });
    expect(created.status).toBe(200);
    expect((await admin.put(`/api/users/${created.body.userId}/grants`, { grants: [{ roleId: probe.body.id, orgId, scope }] })).status).toBe(200);
    await h.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [created.body.userId]);
    attackers.push(await h.signIn(username, created.body.initialPassword));
  }
});
afterAll(async () => { await h.close(); });

describe('access declarations', () => {
  it('refuses to register an API route that is neither guarded nor public', async () => {
    const app = Fastify();
    app.addHook('onRoute', (r) => requireAccessDeclaration(r, 60));
    expect(() => app.get('/api/forgotten', async () => ({}))).toThrow(/declares no access/);
    expect(() => app.get('/api/declared', { config: { access: { permission: 'org.read' } } }, async () => ({}))).not.toThrow();
  });

  it('has a cross-org case for every endpoint the app serves', () => {
    const served = h.app.fazhiRoutes.filter((r) => !('public' in r.access)).map((r) => `${r.method} ${r.url}`).sort();
    expect(served).toEqual(Object.keys(cases).sort());
  });

  it('answers 401 on every guarded endpoint without a session', async () => {
    for (const r of h.app.fazhiRoutes.filter((x) => !('public' in x.access))) {
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await h.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('AUTH_REQUIRED');
    }
  });
});

describe('cross-org matrix', () => {
  it('keeps every record of another village out of reach, on reads and writes', async () => {
    const before = await snapshot();
    for (const agent of attackers) {
      for (const [key, make] of Object.entries(cases)) {
        const c = make(t);
        if (c.kind === 'self') continue;
        const method = key.split(' ')[0] ?? 'GET';
        const res = await agent.request(method, c.url, c.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
        const label = `${agent.me.user.username} ${key}`;
        expect(res.status, label).toBeLessThan(500);
        if (c.kind === 'record') {
          expect([403, 404], `${label}: ${JSON.stringify(res.body)}`).toContain(res.status);
        } else {
          expect(res.status, label).toBe(200);
          const text = JSON.stringify(res.body);
          expect(text, label).not.toContain(t.org);
          expect(text, label).not.toContain(t.user);
          expect(text, label).not.toContain(t.kase);
          expect(text, label).not.toContain('东营村独有内容');
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('lets the same requests through for a user whose scope does cover the village', async () => {
    const sifa = await h.signIn('sifa');
    const grid = await sifa.get(`/api/orgs/${t.grid}`);
    expect(grid.status).toBe(200);
    expect(grid.body.name).toBe('东营村第1网格');
    const admin = await h.signIn('admin');
    const users = await admin.get(`/api/users?orgId=${t.org}`);
    expect(users.body.items.map((u: { username: string }) => u.username)).toContain('tiaojie1');
  });

  it('refuses to grant more than the granter holds', async () => {
    const agent = attackers[0];
    if (!agent) throw new Error('no attacker');
    const own = agent.me.user.id;
    const roles = (await agent.get('/api/roles')).body.items as { id: string; code: string }[];
    const probe = roles.find((r) => r.code === 'probe');
    const res = await agent.put(`/api/users/${own}/grants`, { grants: [{ roleId: probe?.id, orgId: agent.me.user.orgId, scope: 'all' }] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('SCOPE_EXCEEDS_OWN');
  });
});

describe('bad input', () => {
  it('answers every endpoint\'s malformed input with a 4xx and a code, and writes nothing', async () => {
    const admin = await h.signIn('admin');
    const before = await snapshot();
    const bodies: unknown[] = [{ unexpected: 1 }, [], 'text', { name: 12345, parentId: 'x', username: '', grants: 'all', permissions: [1], field: 'idNumber', code: '有 空格' }];
    for (const r of h.app.fazhiRoutes) {
      if (r.url === '/api/auth/sign-out' || r.url === '/api/auth/sign-out-all') continue;
      const urls = r.url.includes(':id') ? [r.url.replace(':id', 'not-a-uuid'), r.url.replace(':id', '00000000-0000-4000-8000-000000000000')] : [r.url];
      for (const url of urls) {
        const payloads = r.method === 'GET' || r.method === 'DELETE' ? [undefined] : bodies;
        if (payloads[0] === undefined && !r.url.includes(':id')) continue;
        for (const body of payloads) {
          const res = await admin.request(r.method, url, body);
          const label = `${r.method} ${url} ${JSON.stringify(body)}`;
          expect(res.status, label).toBeGreaterThanOrEqual(400);
          expect(res.status, label).toBeLessThan(500);
          expect(typeof res.body.error?.code, label).toBe('string');
          expect(res.body.error.message, label).toMatch(/[\u4e00-\u9fff]/);
        }
      }
      if (r.method === 'GET' && !r.url.includes(':id') && r.url !== '/api/auth/me') {
        for (const q of ['page=0', 'pageSize=1000', 'page=abc', 'from=yesterday', 'orgId=nope']) {
          const res = await admin.get(`${r.url}?${q}`);
          if (res.status === 200) continue; // endpoints without that parameter ignore it
          expect(res.status, `${r.url}?${q}`).toBe(400);
          expect(res.body.error.code).toBe('VALIDATION');
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });
});
