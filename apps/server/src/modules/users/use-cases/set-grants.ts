import type { SetGrantsBody } from '@fazhi/contracts';
import { isPermission } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertCanAt } from '../../../platform/access/scope.ts';
import { findUser } from '../users.repository.ts';

/**
 * Replaces the user's grants within the caller's reach. A caller can grant only roles
 * whose permissions they hold themselves, only at orgs they manage, and the scope "all"
 * only if they have it: no one can hand out more than they have. Grants at orgs outside
 * the caller's scope are invisible to them and left untouched.
 */
export const setGrants = async (tx: Tx, userId: string, body: SetGrantsBody): Promise<void> => {
  const user = await findUser(tx.client, userId, true);
  if (!user) throw new AppError('NOT_FOUND');
  await assertCanAt(tx.client, tx.principal, 'user.manage', user.org_id);
  const p = tx.principal;
  const hasAll = p.grants.some((g) => g.scope === 'all' && g.permissions.includes('user.manage'));
  const roleIds = [...new Set(body.grants.map((g) => g.roleId))];
  const { rows: roles } = await tx.client.query<{ id: string; permissions: string[] }>('SELECT id, permissions FROM roles WHERE id = ANY($1::uuid[])', [roleIds]);
  if (roles.length !== roleIds.length) throw new AppError('VALIDATION', { field: 'roleId' });
  for (const role of roles) {
    if (!hasAll && role.permissions.some((perm) => !isPermission(perm) || !p.permissions.has(perm))) throw new AppError('SCOPE_EXCEEDS_OWN', { roleId: role.id });
  }
  for (const g of body.grants) {
    if (g.scope === 'all' && !hasAll) throw new AppError('SCOPE_EXCEEDS_OWN', { scope: 'all' });
    await assertCanAt(tx.client, p, 'user.manage', g.orgId);
  }
  const before = user.grants ?? [];
  // Row-level security limits the delete to grants at orgs inside the caller's scope.
  await tx.client.query('DELETE FROM user_grants WHERE user_id = $1 AND fazhi_org_visible(org_id)', [userId]);
  for (const g of body.grants) {
    await tx.client.query(
      `INSERT INTO user_grants (user_id, role_id, org_id, scope, township_id)
       SELECT $1, $2, o.id, $4, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END FROM orgs o WHERE o.id = $3
       ON CONFLICT (user_id, role_id, org_id) DO NOTHING`,
      [userId, g.roleId, g.orgId, g.scope]);
  }
  await tx.audit({ orgId: user.org_id, townshipId: user.township_id, action: 'user.set-grants', entity: 'user', entityId: userId, before, after: body.grants });
};
