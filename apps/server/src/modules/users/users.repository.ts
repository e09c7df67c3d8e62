import type { Client } from '../../platform/db/pools.ts';
import type { GrantView } from '@fazhi/contracts';

export type UserRow = {
  id: string; username: string; display_name: string; org_id: string; org_name: string; township_id: string | null;
  phone_enc: Buffer | null; status: 'active' | 'disabled'; must_change_password: boolean;
  last_sign_in_at: Date | null; grants: GrantView[] | null;
};

const columns = `u.id, u.username, u.display_name, u.org_id, o.name AS org_name, u.township_id, u.phone_enc, u.status,
  u.must_change_password, (SELECT s.last_sign_in_at FROM user_sign_ins s WHERE s.user_id = u.id) AS last_sign_in_at,
  (SELECT json_agg(json_build_object('orgId', g.org_id, 'orgName', go.name, 'roleId', r.id, 'roleCode', r.code,
          'roleName', r.name, 'scope', g.scope) ORDER BY go.name, r.name)
     FROM user_grants g JOIN roles r ON r.id = g.role_id JOIN orgs go ON go.id = g.org_id WHERE g.user_id = u.id) AS grants`;

export type UserFilter = { orgId?: string; q?: string; limit: number; offset: number };

/** Users in the caller's scope (row-level security), optionally within one org's subtree. */
export const listUsers = async (c: Client, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> => {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.orgId) {
    params.push(f.orgId);
    where.push(`u.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $${params.length})`);
  }
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number((await c.query<{ n: number }>(`SELECT count(*) AS n FROM users u ${w}`, params)).rows[0]?.n ?? 0);
  params.push(f.limit, f.offset);
  const { rows } = await c.query<UserRow>(
    `SELECT ${columns} FROM users u JOIN orgs o ON o.id = u.org_id ${w} ORDER BY o.code, u.username LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows, total };
};

export const findUser = async (c: Client, id: string, lock = false): Promise<UserRow | null> =>
  (await c.query<UserRow>(`SELECT ${columns} FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = $1 ${lock ? 'FOR NO KEY UPDATE OF u' : ''}`, [id])).rows[0] ?? null;
