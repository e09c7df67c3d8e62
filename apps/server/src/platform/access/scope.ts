import type { Permission } from '@fazhi/contracts';
import type { Client } from '../db/pools.ts';
import { AppError } from '../errors.ts';
import { scopeOf, type Principal } from './principal.ts';

/**
 * Sets the caller's data scope for the current transaction. The row-level security
 * policies of every business table read these settings (db/migrations, fazhi_org_visible),
 * so a query that forgets a filter still returns only rows inside the scope. The settings
 * are transaction-local: a pooled connection never carries one caller's scope to the next.
 */
export const applyScope = async (client: Client, principal: Principal | null): Promise<void> => {
  const s = principal ? scopeOf(principal.grants) : { all: false, org: [], subtree: [], self: [] };
  const arr = (ids: string[]): string => `{${ids.join(',')}}`;
  await client.query(
    `SELECT set_config('fazhi.user_id', $1, true), set_config('fazhi.scope_all', $2, true),
            set_config('fazhi.scope_org', $3, true), set_config('fazhi.scope_subtree', $4, true),
            set_config('fazhi.scope_self', $5, true)`,
    [principal?.userId ?? '', s.all ? 'on' : 'off', arr(s.org), arr(s.subtree), arr(s.self)],
  );
};

/**
 * May the caller use `permission` on a record of `orgId`? True when one grant that carries
 * the permission reaches the org by its scope. Checked in SQL against the closure table.
 */
export const canAt = async (client: Client, principal: Principal, permission: Permission, orgId: string, ownerId?: string | null): Promise<boolean> => {
  if (!principal.permissions.has(permission)) return false;
  const grants = principal.grants.filter((g) => g.permissions.includes(permission));
  if (grants.some((g) => g.scope === 'all')) return true;
  if (grants.some((g) => (g.scope === 'org' || (g.scope === 'self' && ownerId === principal.userId)) && g.orgId === orgId)) return true;
  const roots = grants.filter((g) => g.scope === 'subtree').map((g) => g.orgId);
  if (roots.length === 0) return false;
  const { rowCount } = await client.query('SELECT 1 FROM org_closure WHERE descendant_id = $1 AND ancestor_id = ANY($2::uuid[]) LIMIT 1', [orgId, roots]);
  return (rowCount ?? 0) > 0;
};

/**
 * Asserts the permission at the org: 404 when the org (and so the record) is outside what
 * the caller may see at all, 403 when it is visible but the permission does not reach it.
 */
export const assertCanAt = async (client: Client, principal: Principal, permission: Permission, orgId: string, ownerId?: string | null): Promise<void> => {
  if (await canAt(client, principal, permission, orgId, ownerId)) return;
  const { rowCount } = await client.query('SELECT 1 FROM orgs WHERE id = $1 AND fazhi_org_visible(id)', [orgId]);
  throw new AppError((rowCount ?? 0) > 0 ? 'FORBIDDEN' : 'NOT_FOUND');
};

/** Of the given orgs, those where the caller may use `permission`: one query for a whole page. */
export const orgsWithPermission = async (client: Client, principal: Principal, permission: Permission, orgIds: readonly string[]): Promise<Set<string>> => {
  const out = new Set<string>();
  if (!principal.permissions.has(permission) || orgIds.length === 0) return out;
  const grants = principal.grants.filter((g) => g.permissions.includes(permission));
  if (grants.some((g) => g.scope === 'all')) return new Set(orgIds);
  for (const g of grants) if (g.scope === 'org' && orgIds.includes(g.orgId)) out.add(g.orgId);
  const roots = grants.filter((g) => g.scope === 'subtree').map((g) => g.orgId);
  if (roots.length > 0) {
    const { rows } = await client.query<{ id: string }>(
      'SELECT DISTINCT descendant_id AS id FROM org_closure WHERE ancestor_id = ANY($1::uuid[]) AND descendant_id = ANY($2::uuid[])', [roots, orgIds]);
    for (const r of rows) out.add(r.id);
  }
  return out;
};
