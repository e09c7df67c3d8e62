import type { Permission } from '@fazhi/contracts';
import pg from 'pg';
import { txMemo, type Client } from '../db/pools.ts';
import { AppError } from '../errors.ts';
import { scopeOf, type Principal } from './principal.ts';

/**
 * Sets the caller's data scope for the current transaction. The row-level security
 * policies of every business table read these settings (db/migrations, fazhi_org_visible),
 * so a query that forgets a filter still returns only rows inside the scope. The settings
 * are transaction-local: a pooled connection never carries one caller's scope to the next.
 */
export const applyScope = async (client: Client, principal: Principal | null): Promise<void> => {
  await client.query(SCOPE_SQL, scopeValues(principal));
};

const SCOPE_SQL = `SELECT set_config('fazhi.user_id', $1, true), set_config('fazhi.scope_all', $2, true),
            set_config('fazhi.scope_org', $3, true), set_config('fazhi.scope_subtree', $4, true),
            set_config('fazhi.scope_self', $5, true), set_config('fazhi.scope_townships', $6, true)`;

const scopeValues = (principal: Principal | null): string[] => {
  const s = principal ? scopeOf(principal.grants) : { all: false, org: [], subtree: [], self: [] };
  const arr = (ids: readonly string[]): string => `{${ids.join(',')}}`;
  return [principal?.userId ?? '', s.all ? 'on' : 'off', arr(s.org), arr(s.subtree), arr(s.self), arr(principal?.wholeTownships ?? [])];
};

/**
 * The same settings as applyScope, as SQL text with the values written in (escaped as
 * literals): sent together with BEGIN in one round trip (runScoped, inTransaction).
 */
export const scopeSql = (principal: Principal | null): string => {
  const v = scopeValues(principal).map((x) => pg.escapeLiteral(x));
  return SCOPE_SQL.replace(/\$([1-6])/g, (_, n: string) => v[Number(n) - 1] ?? "''");
};

/**
 * The org's ancestors (itself included) from the closure table: one look-up per org and
 * transaction, however many permissions a request checks there (a case page asks for the
 * read, handle, unmask, each extension's and each transition's permission at the case's org).
 */
const ancestorsOf = async (client: Client, orgId: string): Promise<ReadonlySet<string>> => {
  const memo = txMemo(client);
  const key = `org-path:${orgId}`;
  const known = memo?.get(key) as ReadonlySet<string> | undefined;
  if (known) return known;
  const { rows } = await client.query<{ ids: string[] }>({
    name: 'fazhi-org-path', text: 'SELECT ARRAY(SELECT ancestor_id FROM org_closure WHERE descendant_id = $1) AS ids', values: [orgId],
  });
  const path = new Set(rows[0]?.ids ?? []);
  memo?.set(key, path);
  return path;
};

/**
 * Reads an org's ancestors for the transaction's later permission checks, to be sent together
 * with other statements (sendTogether): the checks then find them without a round trip.
 */
export const readOrgPath = async (client: Client, orgId: string): Promise<void> => { await ancestorsOf(client, orgId); };

/** Remembers an org's ancestors read by a statement of the caller's own (the case page reads them with the case). */
export const rememberOrgPath = (client: Client, orgId: string, ancestors: readonly string[]): void => {
  txMemo(client)?.set(`org-path:${orgId}`, new Set(ancestors));
};

/**
 * May the caller use `permission` on a record of `orgId`? True when one grant that carries
 * the permission reaches the org by its scope. Checked against the org's ancestors in the
 * closure table (read once per org and transaction).
 */
/**
 * The org a caller's page or figure is about when none is asked for: the org of the caller's
 * grant that carries the permission (a county viewer's county, a clerk's township), else the
 * caller's own org. A `self` grant reaches no org of its own and is passed over.
 */
export const defaultOrgOf = (p: Principal, permission: Permission): string =>
  p.grants.find((g) => g.permissions.includes(permission) && g.scope !== 'self')?.orgId ?? p.orgId;

export const canAt = async (client: Client, principal: Principal, permission: Permission, orgId: string, ownerId?: string | null): Promise<boolean> => {
  if (!principal.permissions.has(permission)) return false;
  const grants = principal.grants.filter((g) => g.permissions.includes(permission));
  if (grants.some((g) => g.scope === 'all')) return true;
  if (grants.some((g) => (g.scope === 'org' || (g.scope === 'self' && ownerId === principal.userId)) && g.orgId === orgId)) return true;
  const roots = grants.filter((g) => g.scope === 'subtree').map((g) => g.orgId);
  if (roots.length === 0) return false;
  const path = await ancestorsOf(client, orgId);
  return roots.some((r) => path.has(r));
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
