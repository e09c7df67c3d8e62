import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { applyScope } from './scope.ts';
import type pg from 'pg';
import { loadPrincipal, type Principal } from './principal.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

/** Runs `fn` as `username` would: on the request role's pool, in a transaction under the user's scope, rolled back after. */
const asUser = async <T>(username: string, fn: (c: pg.PoolClient, principal: Principal | null) => Promise<T>): Promise<T> => {
  const sys = await h.platform.system.connect();
  const principal = await loadPrincipal(sys, await h.userId(username), 'session');
  sys.release();
  const c = await h.platform.app.connect();
  try {
    await c.query('BEGIN');
    await applyScope(c, principal);
    return await fn(c, principal);
  } finally {
    await c.query('ROLLBACK').catch(() => undefined);
    c.release();
  }
};

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
      const users = await c.query<{ username: string }>('SELECT username FROM users ORDER BY username');
      // The village's own people: its mediator, its 网格长, its first grid's worker and its 村“两委” cadre.
      expect(users.rows.map((r) => r.username)).toEqual(['cunwei', 'tiaojie1', 'wangge', 'wanggezhang']);
      const other = await h.orgId('S02');
      const upd = await c.query('UPDATE orgs SET name = $2 WHERE id = $1', [other, '越权']);
      expect(upd.rowCount).toBe(0);
      await expect(c.query("INSERT INTO orgs (parent_id, kind, name, code) VALUES ($1, 'grid', '越权', 'X')", [other])).rejects.toThrow(/row-level security/);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
  });

  it('judges a case\'s timeline, parties and clocks by the case: its org in scope, or the caller\'s own case under a self grant', async () => {
    const s01 = await h.orgId('S01');
    const s02 = await h.orgId('S02');
    const me = await h.userId('tiaojie2');
    const one = async (sql: string, params: unknown[] = []) => (await h.db.query<{ id: string }>(sql, params)).rows[0]?.id ?? '';
    // Two S01 cases: one registered by tiaojie2 (the "self" case), one not.
    const [own, other] = (await h.db.query<{ id: string; created_by: string | null }>(
      "SELECT id, created_by FROM cases WHERE case_type = 'mediation' AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) ORDER BY ref LIMIT 2", [s01])).rows;
    if (!own || !other) throw new Error('demo has no S01 cases');
    await h.db.query('UPDATE cases SET created_by = $2 WHERE id = $1', [own.id, me]);
    await h.db.query('UPDATE cases SET created_by = NULL WHERE id = $1', [other.id]);
    // The org column is the case's, whatever an insert says.
    const eventId = await one("INSERT INTO case_events (case_id, township_id, kind, org_id) SELECT id, township_id, 'comment', $2 FROM cases WHERE id = $1 RETURNING id", [other.id, s02]);
    expect((await h.db.query('SELECT org_id FROM case_events WHERE id = $1', [eventId])).rows[0]?.org_id).toBe(s01);

    const sys = await h.platform.system.connect();
    const village = await loadPrincipal(sys, me, 'session');
    sys.release();
    if (!village) throw new Error('no principal');
    const count = async (grants: typeof village.grants, caseId: string): Promise<number[]> => {
      const c = await h.platform.app.connect();
      try {
        await c.query('BEGIN');
        await applyScope(c, { ...village, grants });
        const n: number[] = [];
        for (const t of ['case_events', 'case_parties', 'case_deadlines']) n.push((await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE case_id = $1`, [caseId])).rows[0]?.n ?? 0);
        await c.query('ROLLBACK');
        return n;
      } finally { c.release(); }
    };
    const total = async (caseId: string): Promise<number[]> => {
      const n: number[] = [];
      for (const t of ['case_events', 'case_parties', 'case_deadlines']) n.push((await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE case_id = $1`, [caseId])).rows[0]?.n ?? 0);
      return n;
    };
    // tiaojie2 holds S02 only: nothing of either S01 case.
    expect(await count(village.grants, own.id)).toEqual([0, 0, 0]);
    expect((await total(own.id))[0]).toBeGreaterThan(0);
    // With a self grant at S01: the own case's rows, all of them, and still nothing of the other.
    const self = [...village.grants, { ...village.grants[0]!, orgId: s01, scope: 'self' as const }];
    expect(await count(self, own.id)).toEqual(await total(own.id));
    expect(await count(self, other.id)).toEqual([0, 0, 0]);
    // A subtree grant at S01: both.
    const subtree = [{ ...village.grants[0]!, orgId: s01, scope: 'subtree' as const }];
    expect(await count(subtree, other.id)).toEqual(await total(other.id));

    // Writes are judged the same way, by the case's org whatever the insert says.
    const township = (await h.db.query<{ township_id: string }>('SELECT township_id FROM cases WHERE id = $1', [other.id])).rows[0]?.township_id;
    const comment = async (grants: typeof village.grants, caseId: string, claimedOrg: string): Promise<'written' | 'refused'> => {
      const c = await h.platform.app.connect();
      try {
        await c.query('BEGIN');
        await applyScope(c, { ...village, grants });
        const r = await c.query("INSERT INTO case_events (case_id, township_id, kind, org_id) VALUES ($1, $2, 'comment', $3)", [caseId, township, claimedOrg]);
        expect(r.rowCount).toBe(1);
        return 'written';
      } catch (e) {
        expect((e as { code?: string }).code).toBe('42501');
        return 'refused';
      } finally {
        await c.query('ROLLBACK');
        c.release();
      }
    };
    expect(await comment(village.grants, other.id, s02)).toBe('refused');
    expect(await comment(self, own.id, s01)).toBe('written');
    expect(await comment(self, other.id, s01)).toBe('refused');
    expect(await comment(subtree, other.id, s01)).toBe('written');
  });

  it('asks about a row\'s parent case by one call, never by a sub-select that would copy the cases policy into every plan', async () => {
    // A sub-select on cases inside a child table's policy brings the cases policy with it into
    // every statement that names the child table (the case page's plan had 590 nodes for it).
    const { rows } = await h.db.query<{ policy: string }>(
      `SELECT tablename || '.' || policyname AS policy FROM pg_policies
        WHERE schemaname = current_schema() AND (qual ~ 'FROM cases' OR with_check ~ 'FROM cases')`);
    expect(rows.map((r) => r.policy)).toEqual([]);
    const { rows: calls } = await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_policies WHERE schemaname = current_schema() AND (qual ~ 'fazhi_parent_case_visible' OR with_check ~ 'fazhi_parent_case_visible')");
    expect(calls[0]?.n).toBeGreaterThan(10);
  });

  it('shows a link between two cases only to a caller who sees both, and keeps that as a case moves', async () => {
    const s01 = await h.orgId('S01');
    const s02 = await h.orgId('S02');
    const township = await h.orgId('zhangbaqiao');
    const pick = async (org: string): Promise<string> => (await h.db.query<{ id: string }>(
      "SELECT id FROM cases WHERE case_type = 'mediation' AND org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) ORDER BY ref LIMIT 1", [org])).rows[0]?.id ?? '';
    const [a, b] = [await pick(s01), await pick(s02)];
    // The insert's org columns are ignored: each is its case's.
    await h.db.query("INSERT INTO case_links (case_id, other_case_id, township_id, kind, org_id, other_org_id) SELECT $1, $2, township_id, 'related', $3, $3 FROM cases WHERE id = $1", [a, b, township]);
    const orgs = async (): Promise<unknown> => (await h.db.query('SELECT k1.org_id = l.org_id AS first, k2.org_id = l.other_org_id AS second FROM case_links l JOIN cases k1 ON k1.id = l.case_id JOIN cases k2 ON k2.id = l.other_case_id WHERE l.case_id = $1', [a])).rows[0];
    expect(await orgs()).toEqual({ first: true, second: true });

    const sys = await h.platform.system.connect();
    const someone = await loadPrincipal(sys, await h.userId('tiaojie2'), 'session');
    sys.release();
    if (!someone) throw new Error('no principal');
    const links = async (root: string): Promise<number> => {
      const c = await h.platform.app.connect();
      try {
        await c.query('BEGIN');
        await applyScope(c, { ...someone, grants: [{ ...someone.grants[0]!, orgId: root, scope: 'subtree' }] });
        return (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM case_links WHERE case_id = $1 OR other_case_id = $1', [a])).rows[0]?.n ?? 0;
      } finally {
        await c.query('ROLLBACK');
        c.release();
      }
    };
    expect(await links(township)).toBe(1);
    expect(await links(s01)).toBe(0);
    expect(await links(s02)).toBe(0);
    // The S02 case moves into S01: the link follows it, and S01 now sees both ends.
    await h.db.query('UPDATE cases SET org_id = $2 WHERE id = $1', [b, s01]);
    expect(await orgs()).toEqual({ first: true, second: true });
    expect(await links(s01)).toBe(1);
    expect(await links(s02)).toBe(0);
  });
});

describe('the township branch of the case policies', () => {
  /** Rows of cases and of each table with the branch, as `username` sees them: with the branch, and with it switched off (no townships in the scope). */
  const counts = async (username: string): Promise<{ townships: number; withBranch: Record<string, number>; without: Record<string, number> }> => {
    const tables = (await h.db.query<{ t: string }>("SELECT tablename AS t FROM pg_policies WHERE qual LIKE '%fazhi.scope_townships%' ORDER BY 1")).rows.map((r) => r.t);
    return asUser(username, async (c, principal) => {
      const read = async (): Promise<Record<string, number>> => Object.fromEntries(await Promise.all(tables.map(async (t) =>
        [t, (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]?.n ?? -1] as const)));
      const withBranch = await read();
      await c.query("SELECT set_config('fazhi.scope_townships', '{}', true)");
      const without = await read();
      return { townships: principal?.wholeTownships?.length ?? 0, withBranch, without };
    });
  };

  /** How many rows of the case and of its timeline `username` sees. */
  const seenBy = (username: string, caseId: string): Promise<{ cases: number; events: number }> => asUser(username, async (c) =>
    (await c.query<{ cases: number; events: number }>(`SELECT (SELECT count(*)::int FROM cases WHERE id = $1) AS cases,
      (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events`, [caseId])).rows[0] ?? { cases: -1, events: -1 });

  it('admits exactly the rows the subtree test admits, for a township, a village and a county, before and after a case is sent to a county office, and after one arrives from another township', async () => {
    const expectSame = async (label: string, countyTownships = 1): Promise<void> => {
      for (const [username, townships] of [['sifa', 1], ['tiaojie1', 0], ['county', countyTownships]] as const) {
        const r = await counts(username);
        expect(r.townships, `${label} ${username}`).toBe(townships);
        expect(r.withBranch, `${label} ${username}`).toEqual(r.without);
        expect(Object.keys(r.withBranch).length, label).toBeGreaterThanOrEqual(10);
      }
    };
    await expectSame('as seeded');
    // A case of the township sent on to an office of the county: still in the township (its
    // township_id), no longer at home, and not given back to the township's staff by the branch.
    const sfj = await h.orgId('sfj');
    const kase = (await h.db.query<{ id: string; n: number }>(
      `SELECT k.id, (SELECT count(*)::int FROM case_events e WHERE e.case_id = k.id) AS n FROM cases k
        WHERE k.status_kind = 'open' AND k.at_home ORDER BY k.created_at LIMIT 1`)).rows[0];
    expect(kase?.n).toBeGreaterThan(0);
    await h.db.query('UPDATE cases SET org_id = $2 WHERE id = $1', [kase?.id, sfj]);
    const flags = (await h.db.query<{ k: boolean; e: boolean[] }>(
      'SELECT k.at_home AS k, ARRAY(SELECT e.at_home FROM case_events e WHERE e.case_id = k.id) AS e FROM cases k WHERE k.id = $1', [kase?.id])).rows[0];
    expect(flags).toEqual({ k: false, e: Array.from({ length: kase?.n ?? 0 }, () => false) });
    await expectSame('after the transfer');
    // The 司法所's staff no longer see it (nor its timeline), until it is shared back with them.
    expect(await seenBy('sifa', kase?.id ?? '')).toEqual({ cases: 0, events: 0 });
    // Shared back with the township's 司法所 that sent it (case_shares, read through its own policy).
    const sifaOrg = (await h.db.query<{ org_id: string; township_id: string }>("SELECT org_id, township_id FROM users WHERE username = 'sifa'")).rows[0];
    await h.db.query("INSERT INTO case_shares (case_id, org_id, reason, township_id) VALUES ($1, $2, 'transfer', $3)", [kase?.id, sifaOrg?.org_id, sifaOrg?.township_id]);
    await expectSame('after the share');
    expect(await seenBy('sifa', kase?.id ?? '')).toEqual({ cases: 1, events: kase?.n });
    // A case of another township passed to an office of this one: not at home, so not the
    // township branch's, but inside the township the 司法所's staff cover: theirs to see.
    const other = await h.db.query<{ id: string }>(`INSERT INTO orgs (parent_id, kind, name, code)
      SELECT parent_id, 'township', '邻镇', 'NEIGHBOUR' FROM orgs WHERE id = $1 RETURNING id`, [sifaOrg?.township_id]);
    // Made as a copy of one of this township's cases and its timeline, keyed to the other township.
    const model = (await h.db.query<{ id: string }>('SELECT id FROM cases WHERE at_home AND township_id = $1 AND id <> $2 ORDER BY created_at LIMIT 1',
      [sifaOrg?.township_id, kase?.id])).rows[0]?.id;
    const copy = async (table: string, where: string, values: unknown[], set: Record<string, string>): Promise<{ id: string }[]> => {
      const cols = (await h.db.query<{ c: string }>(`SELECT attname AS c FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
        AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`, [table])).rows.map((r) => r.c);
      return (await h.db.query<{ id: string }>(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => set[c] ?? c).join(', ')}
        FROM ${table} WHERE ${where} RETURNING id`, values)).rows;
    };
    const [arrived] = await copy('cases', 'id = $1', [model, other.rows[0]?.id], { id: 'gen_random_uuid()', township_id: '$2::uuid', tracking_no: 'NULL' });
    const copied = (await copy('case_events', 'case_id = $1', [model, arrived?.id, other.rows[0]?.id],
      { id: "nextval(pg_get_serial_sequence('case_events', 'id'))", case_id: '$2::uuid', township_id: '$3::uuid' })).length;
    expect(copied).toBeGreaterThan(0);
    expect((await h.db.query('SELECT 1 FROM cases WHERE id = $1 AND NOT at_home', [arrived?.id])).rowCount).toBe(1);
    await expectSame('after a case came from another township', 2);
    expect(await seenBy('sifa', arrived?.id ?? '')).toEqual({ cases: 1, events: copied });
    // Written by the database alone: a writer cannot mark a row at home.
    await h.db.query('UPDATE cases SET at_home = true WHERE id = $1', [kase?.id]);
    await h.db.query('UPDATE case_events SET at_home = true WHERE case_id = $1', [kase?.id]);
    expect((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events e JOIN cases k ON k.id = e.case_id WHERE k.id = $1 AND (k.at_home OR e.at_home)', [kase?.id])).rows[0]?.n).toBe(0);
    await expectSame('after a forged flag', 2);
  });
});

describe('reads of cases sent on (case_shares)', () => {
  it('reads the shares only for rows the table\'s own policy refuses: its policy comes first in every plan', async () => {
    // Every table read through a share whose own policy has the township branch (at_home).
    const tables = (await h.db.query<{ t: string }>(`SELECT DISTINCT p.tablename AS t FROM pg_policies p
      WHERE p.policyname LIKE '%\\_read\\_shared'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = p.tablename::regclass AND a.attname = 'at_home' AND NOT a.attisdropped)
      ORDER BY 1`)).rows.map((r) => r.t);
    expect(tables).toContain('cases');
    expect(tables).toContain('case_parties');
    expect(tables.length).toBeGreaterThanOrEqual(10);
    // No shared read left under another name, in front of a table's own policy.
    expect((await h.db.query("SELECT 1 FROM pg_policies WHERE policyname LIKE '%shared%' AND policyname NOT LIKE '%\\_read\\_shared'")).rowCount).toBe(0);
    await asUser('sifa', async (c) => {
      for (const t of tables) {
        const { rows } = await c.query<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(`EXPLAIN (FORMAT JSON) SELECT * FROM ${t}`);
        const filters: string[] = [];
        const walk = (node: Record<string, unknown>): void => {
          if (node['Relation Name'] === t && typeof node.Filter === 'string') filters.push(node.Filter);
          for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
        };
        walk(rows[0]?.['QUERY PLAN'][0]?.Plan ?? {});
        const filter = filters[0] ?? '';
        // PostgreSQL joins permissive policies with OR in reverse order of their names and stops
        // at the first arm that admits a row: X_rw (the township branch first) before X_read_shared.
        expect(filter.replace(/^\(+/, ''), `${t}: ${filter}`).toMatch(/^at_home AND/);
      }
    });
  });

  it('shows a share to exactly the scopes that see the org that sent the case on, without a call for each share', async () => {
    // One case shared with an org at every level: the county's office, the township's 司法所, two villages.
    const kase = (await h.db.query<{ id: string; township_id: string }>("SELECT id, township_id FROM cases WHERE case_type = 'mediation' ORDER BY created_at LIMIT 1")).rows[0];
    const orgs = await Promise.all(['sfj', 'S01', 'S02'].map((code) => h.orgId(code)));
    const sifaOrg = (await h.db.query<{ org_id: string }>("SELECT org_id FROM users WHERE username = 'sifa'")).rows[0]?.org_id;
    for (const org of [...orgs, sifaOrg]) {
      await h.db.query("INSERT INTO case_shares (case_id, org_id, reason, township_id) VALUES ($1, $2, 'transfer', $3) ON CONFLICT DO NOTHING", [kase?.id, org, kase?.township_id]);
    }
    const seen = async (username: string): Promise<{ policy: string[]; orgVisible: string[] }> => {
      const { policy, principal } = await asUser(username, async (c, p) => {
        const rows = (await c.query<{ id: string }>('SELECT org_id AS id FROM case_shares WHERE case_id = $1 ORDER BY 1', [kase?.id])).rows.map((r) => r.id);
        const plan = JSON.stringify((await c.query('EXPLAIN (FORMAT JSON) SELECT * FROM case_shares')).rows);
        expect(plan, 'the policy calls no function for each share').not.toContain('fazhi_org_visible');
        return { policy: rows, principal: p };
      });
      // The former policy's own test, fazhi_org_visible, under the same scope on the owner's connection (no policy applies).
      const o = await h.db.connect();
      try {
        await o.query('BEGIN');
        await applyScope(o, principal);
        const orgVisible = (await o.query<{ id: string }>('SELECT org_id AS id FROM case_shares WHERE case_id = $1 AND fazhi_org_visible(org_id) ORDER BY 1', [kase?.id])).rows.map((r) => r.id);
        await o.query('ROLLBACK');
        return { policy, orgVisible };
      } finally {
        o.release();
      }
    };
    const sizes: number[] = [];
    for (const username of ['county', 'sifa', 'tiaojie1', 'tiaojie2', 'admin']) {
      const r = await seen(username);
      expect(r.policy, username).toEqual(r.orgVisible);
      sizes.push(r.policy.length);
    }
    // From all four (the county) to one (a village's mediator): the test separates the scopes.
    expect(Math.max(...sizes)).toBe(4);
    expect(Math.min(...sizes)).toBe(1);
  });
});
