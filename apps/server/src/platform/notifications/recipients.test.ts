import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import type { Client } from '../db/pools.ts';
import { permissionHoldersAt } from './recipients.ts';
import { notifyPermissionHolders } from './notify.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

/** The rule as canAt states it, grant by grant: the oracle the indexed statement must agree with. */
const byEveryGrant = async (permission: string, orgId: string): Promise<string[]> => (await h.db.query<{ id: string }>(
  `SELECT DISTINCT u.id FROM user_grants g JOIN roles r ON r.id = g.role_id JOIN users u ON u.id = g.user_id
    WHERE u.status = 'active' AND $1 = ANY (r.permissions)
      AND (g.scope = 'all' OR (g.scope = 'org' AND g.org_id = $2)
           OR (g.scope = 'subtree' AND EXISTS (SELECT 1 FROM org_closure oc WHERE oc.ancestor_id = g.org_id AND oc.descendant_id = $2)))
    ORDER BY u.id`, [permission, orgId])).rows.map((r) => r.id);

describe('who holds a permission at an org (the people told of an online application, a clock running out, a transfer)', () => {
  it('reaches the org\'s own grants, its ancestors\' subtree grants and the grants over everything, and no one else, each once', async () => {
    const village = await h.orgId('S01');
    const otherVillage = await h.orgId('S02');
    const township = (await h.db.query<{ township_id: string }>('SELECT township_id FROM orgs WHERE id = $1', [village])).rows[0]?.township_id ?? '';
    const roleId = async (code: string): Promise<string> => (await h.db.query<{ id: string }>('SELECT id FROM roles WHERE code = $1', [code])).rows[0]?.id ?? '';
    const [staff, clerk] = [await roleId('judicial_staff'), await roleId('petition_clerk')];
    const made = new Map<string, string>();
    const user = async (name: string, grants: [string, string, string][], status = 'active'): Promise<void> => {
      const id = (await h.db.query<{ id: string }>(
        `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password, status)
         SELECT $1, $1, $2, $2, password_hash, false, $3 FROM users WHERE username = 'sifa' RETURNING id`, [township, name, status])).rows[0]?.id ?? '';
      for (const [role, org, scope] of grants) {
        await h.db.query('INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope) VALUES ($1, $2, $3, $4, $5)', [id, role, org, township, scope]);
      }
      made.set(id, name);
    };
    await user('r_village_org', [[staff, village, 'org']]);
    await user('r_township_org', [[staff, township, 'org']]);
    await user('r_township_subtree', [[staff, township, 'subtree'], [await roleId('mediator'), village, 'org']]);
    await user('r_all', [[staff, township, 'all']]);
    await user('r_self', [[staff, village, 'self']]);
    await user('r_other_village', [[staff, otherVillage, 'subtree']]);
    await user('r_disabled', [[staff, township, 'subtree']], 'disabled');
    await user('r_without', [[clerk, township, 'subtree']]);

    const holders = await permissionHoldersAt(h.db as unknown as Client, 'mediation.handle', village);
    expect(holders.filter((id) => made.has(id)).map((id) => made.get(id)).sort()).toEqual(['r_all', 'r_township_subtree', 'r_village_org']);
    // Everyone else in the demo town exactly as the rule grant by grant says, at a village, an office and the township.
    expect(holders).toEqual(await byEveryGrant('mediation.handle', village));
    const office = (await h.db.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'office' AND township_id = $1 ORDER BY code LIMIT 1", [township])).rows[0]?.id ?? '';
    for (const org of [township, office]) {
      for (const p of ['mediation.handle', 'petition.handle', 'report.read'] as const) expect(await permissionHoldersAt(h.db as unknown as Client, p, org)).toEqual(await byEveryGrant(p, org));
    }

    // One notice each, written in the same statement, to those and no one else (a holder through two grants gets one).
    const caseId = (await h.db.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 LIMIT 1', [village])).rows[0]?.id ?? null;
    const c = await h.db.connect();
    try {
      await c.query('BEGIN');
      const n = await notifyPermissionHolders(c, 'mediation.handle', village, {
        kind: 'case.new_application', townshipId: township, caseId,
        params: { township: '张八桥镇', ref: 'TEST-1', title: '邻里纠纷', type: { zh: '人民调解', en: 'Mediation' }, org: '一村' },
      });
      const told = (await c.query<{ user_id: string; title: string }>("SELECT user_id, title FROM notifications WHERE kind = 'case.new_application' AND params ->> 'ref' = 'TEST-1' ORDER BY user_id")).rows;
      await c.query('ROLLBACK');
      expect(n).toBe(holders.length);
      expect(told.map((r) => r.user_id)).toEqual([...holders].sort());
      expect(told[0]?.title).toBe('新的网上申请：TEST-1');
    } finally {
      c.release();
    }
  });
});
