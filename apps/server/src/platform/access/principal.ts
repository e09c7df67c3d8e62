import { isPermission, type DataScope, type Permission } from '@fazhi/contracts/permissions';
import type { Client } from '../db/pools.ts';

export type Grant = {
  orgId: string; orgName: string; roleId: string; roleCode: string; roleName: string;
  scope: DataScope; permissions: readonly Permission[];
};

/** Who is acting, with what grants: loaded once per request from the session or token. */
export type Principal = {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  townshipId: string | null;
  townshipName: string | null;
  mustChangePassword: boolean;
  grants: readonly Grant[];
  /** Permissions the caller may use now: the grants', narrowed to an API token's list. */
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
  /**
   * The townships the caller's subtree grants cover wholly (a township's own, or every one under
   * a county), read with the principal: the policies admit a row at home in one of them by one
   * comparison (fazhi.scope_townships, migration 20261213100000). Absent: none.
   */
  wholeTownships?: readonly string[];
};

/** The request's data scope, as the database policies read it (platform/access/scope.ts). */
export type DataScopeSets = { all: boolean; org: string[]; subtree: string[]; self: string[] };

export const scopeOf = (grants: readonly Grant[]): DataScopeSets => {
  const sets: DataScopeSets = { all: false, org: [], subtree: [], self: [] };
  for (const g of grants) {
    switch (g.scope) {
      case 'all': sets.all = true; break;
      case 'subtree': sets.subtree.push(g.orgId); break;
      case 'org': sets.org.push(g.orgId); break;
      case 'self': sets.self.push(g.orgId); break;
    }
  }
  return sets;
};

type Row = {
  user_id: string; username: string; display_name: string; org_id: string; org_name: string;
  township_id: string | null; township_name: string | null; must_change_password: boolean;
  grants: { orgId: string; orgName: string; roleId: string; roleCode: string; roleName: string; scope: DataScope; permissions: string[] }[] | null;
  whole_townships: string[] | null;
};

/**
 * One query: the user, the user's org and township, every grant with its role's permissions.
 * A named (prepared) statement, planned once per pooled connection — planning it cost more
 * than running it (docs/performance.md). A signed-in user's principal is then kept between
 * requests (principal-cache.ts) until the user's version changes.
 */
export const loadPrincipal = async (system: Client, userId: string, via: Principal['via'], tokenPermissions?: readonly string[]): Promise<Principal | null> =>
  (await loadPrincipalVersioned(system, userId, via, tokenPermissions))?.principal ?? null;

/** loadPrincipal, with the version of the user's record it was read at (users.auth_version). */
export const loadPrincipalVersioned = async (system: Client, userId: string, via: Principal['via'], tokenPermissions?: readonly string[]): Promise<{ principal: Principal; version: number } | null> => {
  const { rows } = await system.query<Row & { auth_version: number }>({
    name: 'fazhi-load-principal-versioned',
    text: `SELECT u.id AS user_id, u.username, u.display_name, u.org_id, o.name AS org_name,
            u.township_id, t.name AS township_name, u.must_change_password, u.auth_version,
            (SELECT json_agg(json_build_object('orgId', g.org_id, 'orgName', go.name, 'roleId', r.id,
                    'roleCode', r.code, 'roleName', r.name, 'scope', g.scope, 'permissions', r.permissions)
                    ORDER BY go.name, r.name)
               FROM user_grants g JOIN roles r ON r.id = g.role_id JOIN orgs go ON go.id = g.org_id
              WHERE g.user_id = u.id) AS grants,
            ARRAY(SELECT DISTINCT c.descendant_id FROM user_grants g JOIN org_closure c ON c.ancestor_id = g.org_id JOIN orgs t ON t.id = c.descendant_id
                   WHERE g.user_id = u.id AND g.scope = 'subtree' AND t.kind = 'township' ORDER BY 1) AS whole_townships
       FROM users u JOIN orgs o ON o.id = u.org_id LEFT JOIN orgs t ON t.id = u.township_id
      WHERE u.id = $1 AND u.status = 'active'`,
    values: [userId],
  });
  const r = rows[0];
  if (!r) return null;
  const grants: Grant[] = (r.grants ?? []).map((g) => ({ ...g, permissions: g.permissions.filter(isPermission) }));
  let permissions = new Set<Permission>(grants.flatMap((g) => g.permissions));
  if (tokenPermissions) permissions = new Set([...permissions].filter((p) => tokenPermissions.includes(p)));
  return {
    version: Number(r.auth_version),
    principal: {
      userId: r.user_id, username: r.username, displayName: r.display_name, orgId: r.org_id, orgName: r.org_name,
      townshipId: r.township_id, townshipName: r.township_name, mustChangePassword: r.must_change_password,
      grants, permissions, via, wholeTownships: r.whole_townships ?? [],
    },
  };
};
