import type { Permission } from '@fazhi/contracts';
import { named, type Client } from '../db/pools.ts';

/**
 * Active users holding `permission` through a grant whose data scope reaches `orgId`: the
 * whole deployment ('all'), exactly that org ('org'), or an ancestor of it ('subtree'), the
 * same rule `canAt` applies to a request (platform/access/scope.ts). A 'self' grant reaches
 * only the holder's own records, so it never makes anyone a supervisor of someone else's case.
 *
 * The SQL, for the parameters named (`$n`): the grants are found from the org's few
 * ancestors (by the grants' org index) and from the 'all' grants (a partial index), not by
 * reading every grant of the roles that carry the permission (16,000 in a county of 50,000
 * users: 4 ms for each online application; docs/performance.md, "Endpoints beside the page").
 */
export const permissionHoldersSql = (permission: string, orgId: string): string =>
  `SELECT DISTINCT u.id
     FROM (SELECT g.user_id, g.role_id FROM user_grants g
            WHERE g.org_id IN (SELECT oc.ancestor_id FROM org_closure oc WHERE oc.descendant_id = ${orgId})
              AND (g.scope = 'subtree' OR (g.scope = 'org' AND g.org_id = ${orgId}))
           UNION ALL
           SELECT g.user_id, g.role_id FROM user_grants g WHERE g.scope = 'all') g
     JOIN roles r ON r.id = g.role_id AND ${permission} = ANY (r.permissions)
     JOIN users u ON u.id = g.user_id AND u.status = 'active'`;

export const permissionHoldersAt = async (c: Client, permission: Permission, orgId: string): Promise<string[]> => {
  const { rows } = await c.query<{ id: string }>(named(`${permissionHoldersSql('$1', '$2::uuid')} ORDER BY u.id`, [permission, orgId]));
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
