import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const bearer = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

describe('API tokens', () => {
  it('act as their owner narrowed to the listed permissions, need no CSRF token, and stop working when revoked', async () => {
    const admin = await h.signIn('admin');
    const created = await admin.post('/api/tokens', { name: '省平台对接', permissions: ['org.read'], expiresInDays: 30 });
    expect(created.status).toBe(200);
    const token: string = created.body.token;
    expect(token).toMatch(/^fzt_/);
    const { rows } = await h.db.query('SELECT count(*)::int AS n FROM api_tokens WHERE token_hash::text LIKE $1', [`%${token}%`]);
    expect(rows[0]?.n).toBe(0);
    expect((await bearer(token, 'GET', '/api/orgs/tree')).statusCode).toBe(200);
    const beyond = await bearer(token, 'GET', '/api/users');
    expect(beyond.statusCode).toBe(403);
    const write = await bearer(token, 'POST', '/api/orgs', { parentId: await h.orgId('S01'), kind: 'grid', name: '令牌网格', code: 'T1' });
    expect(write.statusCode).toBe(403);
    expect((await admin.delete(`/api/tokens/${created.body.item.id}`)).status).toBe(204);
    const revoked = await bearer(token, 'GET', '/api/orgs/tree');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('cannot carry a permission its owner lacks', async () => {
    const admin = await h.signIn('admin');
    const res = await admin.post('/api/tokens', { name: '越权', permissions: ['mediation.handle'], expiresInDays: 30 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('SCOPE_EXCEEDS_OWN');
  });

  it('expires', async () => {
    const admin = await h.signIn('admin');
    const created = await admin.post('/api/tokens', { name: '短期', permissions: ['org.read'], expiresInDays: 1 });
    await h.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [created.body.item.id]);
    expect((await bearer(created.body.token, 'GET', '/api/orgs/tree')).statusCode).toBe(401);
  });
});
