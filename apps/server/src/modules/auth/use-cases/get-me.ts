import { menuCatalogue, type Me } from '@fazhi/contracts';
import type { Principal } from '../../../platform/access/principal.ts';

/** The signed-in user's profile, grants, permissions and the menu they allow. */
export const presentMe = (p: Principal, csrfToken: string, idleTimeoutSeconds: number): Me => ({
  user: { id: p.userId, username: p.username, displayName: p.displayName, orgId: p.orgId, orgName: p.orgName, mustChangePassword: p.mustChangePassword },
  township: p.townshipId && p.townshipName ? { id: p.townshipId, name: p.townshipName } : null,
  grants: p.grants.map(({ permissions: _p, ...g }) => g),
  permissions: [...p.permissions].sort(),
  menu: p.mustChangePassword ? [] : menuCatalogue.filter((m) => m.permission === null || p.permissions.has(m.permission)).map((m) => m.key),
  csrfToken,
  idleTimeoutSeconds,
});
