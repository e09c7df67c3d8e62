import type { Permission } from '@fazhi/contracts';
import type { Client } from '../db/pools.ts';

/**
 * Active users holding `permission` through a grant whose data scope reaches `orgId`: the
 * whole deployment ('all'), exactly that org ('org'), or an ancestor of it ('subtree'), the
 * same rule `canAt` applies to a request (platform/access/scope.ts). A 'self' grant reaches
 * only the holder's own records, so it never makes anyone a supervisor of someone else's case.
 */
export const permissionHoldersAt = async (c: Client, permission: Permission, orgId: string): Promise<string[]> => {
  const { rows } = await c.query<{ id: string }>(
    `SELECT DISTINCT u.id
       FROM user_grants g
       JOIN roles r ON r.id = g.role_id
       JOIN users u ON u.id = g.user_id
      WHERE u.status = 'active' AND $1 = ANY (r.permissions)
        AND (g.scope = 'all'
             OR (g.scope = 'org' AND g.org_id = $2)
             OR (g.scope = 'subtree' AND EXISTS (SELECT 1 FROM org_closure oc WHERE oc.ancestor_id = g.org_id AND oc.descendant_id = $2)))
      ORDER BY u.id`, [permission, orgId]);
  return rows.map((r) => r.id);
};

/**
 * Who handles a case: its active assignees, or, when nobody is assigned, the clerk who
 * registered it, so that a reminder always reaches someone who can act on it.
 */
export const caseHandlers = async (c: Client, caseId: string): Promise<string[]> => {
  const { rows } = await c.query<{ id: string }>(
    `SELECT a.user_id AS id FROM case_assignees a JOIN users u ON u.id = a.user_id AND u.status = 'active' WHERE a.case_id = $1
     UNION
     SELECT k.created_by FROM cases k JOIN users u ON u.id = k.created_by AND u.status = 'active'
      WHERE k.id = $1 AND NOT EXISTS (SELECT 1 FROM case_assignees a JOIN users au ON au.id = a.user_id AND au.status = 'active' WHERE a.case_id = $1)`,
    [caseId]);
  return rows.map((r) => r.id);
};
