import type { Permission } from '@fazhi/contracts';
import type { Principal } from '../../platform/access/principal.ts';
import type { Client } from '../../platform/db/pools.ts';
import { canAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The registers' second level of access. Row-level security keeps every row inside the
 * caller's data scope, whatever role brought the scope; a focus-group register or a camera
 * is then shown only where the caller holds the register's (or the cameras') own
 * permission: a mediator of a village reads nothing of its register. Self-scoped grants
 * reach no register (they are for one's own records).
 */
export type PermittedOrgs = { all: boolean; orgs: string[]; roots: string[] };

export const permittedOrgs = (principal: Principal, permission: Permission): PermittedOrgs => {
  const grants = principal.permissions.has(permission) ? principal.grants.filter((g) => g.permissions.includes(permission)) : [];
  return {
    all: grants.some((g) => g.scope === 'all'),
    orgs: grants.filter((g) => g.scope === 'org').map((g) => g.orgId),
    roots: grants.filter((g) => g.scope === 'subtree').map((g) => g.orgId),
  };
};

/** SQL: `col` is an org where the permission reaches, with the sets as parameters $a (orgs) and $b (roots). */
export const permittedSql = (col: string, p: PermittedOrgs, a: number, b: number): string =>
  p.all ? 'true' : `(${col} = ANY($${a}::uuid[]) OR ${col} IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ANY($${b}::uuid[])))`;

/**
 * A record at `orgId` the caller may read with `permission`: otherwise it is as absent as a
 * missing one (404), so a register's entries cannot be probed for from another village.
 */
export const assertReadable = async (c: Client, principal: Principal, permission: Permission, orgId: string): Promise<void> => {
  if (!(await canAt(c, principal, permission, orgId))) throw new AppError('NOT_FOUND');
};
