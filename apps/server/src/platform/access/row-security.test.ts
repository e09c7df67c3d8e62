import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { applyScope } from './scope.ts';
import { loadPrincipal } from './principal.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

describe('row-level security', () => {
  it('serves requests as an ordinary role that neither is superuser nor bypasses row security nor owns the tables', async () => {
    const { rows } = await h.platform.app.query(
      `SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('returns no rows to a query that forgot its filter when no scope is set', async () => {
    const c = await h.platform.app.connect();
    try {
      for (const table of ['orgs', 'users', 'user_grants', 'audit_log', 'sign_in_events']) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect(rows[0]?.n, table).toBe(0);
      }
      await expect(c.query('SELECT count(*) FROM sessions')).rejects.toThrow(/permission denied/);
    } finally {
      c.release();
    }
  });

  it('limits an unfiltered query to the caller\'s subtree, and refuses writes outside it', async () => {
    const sys = await h.platform.system.connect();
    const principal = await loadPrincipal(sys, await h.userId('tiaojie1'), 'session');
    sys.release();
    const c = await h.platform.app.connect();
    try {
      await c.query('BEGIN');
      await applyScope(c, principal);
      const { rows } = await c.query<{ code: string }>('SELECT code FROM orgs ORDER BY code');
      // Own village and its grids, plus the ancestors shown above it.
      expect(rows.map((r) => r.code)).toEqual(['S01', 'S01G1', 'S01G2', 'S01G3', 'baofeng', 'zhangbaqiao']);
      const users = await c.query<{ username: string }>('SELECT username FROM users');
      expect(users.rows.map((r) => r.username)).toEqual(['tiaojie1']);
      const other = await h.orgId('S02');
      const upd = await c.query('UPDATE orgs SET name = $2 WHERE id = $1', [other, '越权']);
      expect(upd.rowCount).toBe(0);
      await expect(c.query("INSERT INTO orgs (parent_id, kind, name, code) VALUES ($1, 'grid', '越权', 'X')", [other])).rejects.toThrow(/row-level security/);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
  });
});
