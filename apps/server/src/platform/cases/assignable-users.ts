import type { AssignableUserList } from '@fazhi/contracts';
import { AppError } from '../errors.ts';
import { assertCanAt } from '../access/scope.ts';
import type { CaseCtx } from './context.ts';
import type { CaseHead } from './transition.ts';
import { loadCaseHead } from './transition.ts';

/** Most people one picker shows; a narrower `q` finds the rest. */
export const ASSIGNABLE_LIMIT = 50;

/**
 * SQL: user `u` holds `$perm` at the case's org `$org` (created by `$owner`), by one grant whose
 * role carries the permission and whose scope reaches the org — the same rule as canAt()
 * (platform/access/scope.ts), written for many users at once. A grant on an org outside the
 * caller's scope is not seen (row-level security on user_grants), and neither are users outside it.
 */
export const holdsPermissionAt = (perm: string, org: string, owner: string): string => `EXISTS (
  SELECT 1 FROM user_grants g JOIN roles r ON r.id = g.role_id
   WHERE g.user_id = u.id AND ${perm} = ANY (r.permissions)
     AND (g.scope = 'all'
          OR (g.scope = 'org' AND g.org_id = ${org})
          OR (g.scope = 'self' AND g.org_id = ${org} AND u.id = ${owner})
          OR (g.scope = 'subtree' AND EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = g.org_id AND c.descendant_id = ${org}))))`;

/** The case, with the caller's right to assign on it: 404 when it is out of sight, 403 when it cannot be handled. */
const assignableCase = async (ctx: CaseCtx, caseId: string, lock = false) => {
  const loaded = await loadCaseHead(ctx, caseId, lock);
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  await assertCanAt(ctx.client, ctx.principal, loaded.type.handlePermission, loaded.head.org_id, loaded.head.created_by);
  return loaded;
};

/**
 * 可指派的承办人: active users the caller can see who may handle the case (its type's handling
 * permission at its org), those already assigned first, then the least loaded.
 */
export const listAssignableUsers = async (ctx: CaseCtx, caseId: string, q?: string): Promise<AssignableUserList> => {
  const { head, type } = await assignableCase(ctx, caseId);
  const like = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const { rows } = await ctx.client.query<{ id: string; display_name: string; org_name: string; assigned: boolean; open_cases: number }>(
    `SELECT u.id, u.display_name, o.name AS org_name,
            EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = $4 AND a.user_id = u.id) AS assigned,
            (SELECT count(*)::int FROM case_assignees a JOIN cases k ON k.id = a.case_id WHERE a.user_id = u.id AND k.status_kind = 'open') AS open_cases
       FROM users u JOIN orgs o ON o.id = u.org_id
      WHERE u.status = 'active' AND ${holdsPermissionAt('$1', '$2', '$3')}
        AND ($5::text IS NULL OR u.display_name ILIKE $5 OR u.username ILIKE $5)
      ORDER BY assigned DESC, open_cases, o.name, u.display_name
      LIMIT ${ASSIGNABLE_LIMIT + 1}`,
    [type.handlePermission, head.org_id, head.created_by, caseId, like]);
  return {
    items: rows.slice(0, ASSIGNABLE_LIMIT).map((r) => ({ userId: r.id, displayName: r.display_name, orgName: r.org_name, assigned: r.assigned, openCases: r.open_cases })),
    truncated: rows.length > ASSIGNABLE_LIMIT,
  };
};

/**
 * Of the given users, those who may not be assigned to the case: not active, not visible to
 * the caller, or without the handling permission at the case's org.
 */
export const ineligibleAssignees = async (ctx: CaseCtx, head: Pick<CaseHead, 'org_id' | 'created_by'>, handlePermission: string, userIds: readonly string[]): Promise<string[]> => {
  if (userIds.length === 0) return [];
  const { rows } = await ctx.client.query<{ id: string }>(
    `SELECT u.id FROM users u WHERE u.id = ANY ($4::uuid[]) AND u.status = 'active' AND ${holdsPermissionAt('$1', '$2', '$3')}`,
    [handlePermission, head.org_id, head.created_by, userIds]);
  const ok = new Set(rows.map((r) => r.id));
  return userIds.filter((id) => !ok.has(id));
};
