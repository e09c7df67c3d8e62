import type { GridMemberView, MyGrids } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import type { FieldKeys } from '../../platform/crypto/sm.ts';
import { shownPhone } from '../../platform/crypto/mask.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { AppError } from '../../platform/errors.ts';
import { townshipByCode } from '../../platform/cases/public-intake.ts';

type Row = {
  id: string; org_id: string; grid_name: string; village_name: string; role: GridMemberView['role']; name: string;
  official_phone: string | null; phone_enc: Buffer | null; duties: string[];
};
const select = `SELECT m.id, m.org_id, g.name AS grid_name, coalesce(v.name, '') AS village_name, m.role, m.name, m.official_phone, m.phone_enc, m.duties
    FROM grid_members m JOIN orgs g ON g.id = m.org_id LEFT JOIN orgs v ON v.id = g.parent_id AND g.kind = 'grid'`;
const order = 'ORDER BY v.sort_order NULLS FIRST, g.sort_order, m.sort_order, m.name';

/**
 * A member as published: the official line as it is, a personal mobile masked (个人信息保护法
 * 第五十一条), whoever reads it — the portal and the console alike.
 */
const present = (keys: FieldKeys, r: Row): GridMemberView => {
  return { id: r.id, gridId: r.org_id, gridName: r.grid_name, villageName: r.village_name, role: r.role, name: r.name,
    phone: shownPhone(keys, r.official_phone, r.phone_enc), duties: r.duties };
};

/** The people of the grids under an org (a grid, a village, the township) in the caller's scope (row-level security). */
export const listMembers = async (c: Client, keys: FieldKeys, orgId: string): Promise<GridMemberView[]> => {
  const { rows } = await c.query<Row>(`${select}
    WHERE m.active AND m.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1) ${order}`, [orgId]);
  return rows.map((r) => present(keys, r));
};

/** The township's published list for the portal (owner connection: only the public fields leave). */
export const publicMembers = async (c: Client, keys: FieldKeys, township: string | null): Promise<GridMemberView[]> => {
  const t = await townshipByCode(c, township);
  if (!t) throw new AppError('NOT_FOUND');
  const { rows } = await c.query<Row>(`${select} WHERE m.active AND m.township_id = $1 ${order}`, [t.townshipId]);
  return rows.map((r) => present(keys, r));
};

/**
 * 我的网格: the grids under the caller's grants to report events (a grid worker's one grid, a
 * 网格长's village), each with its people and its events: open, overdue on a duty clock, and
 * closed this year.
 */
export const myGrids = async (c: Client, keys: FieldKeys, p: Principal, today: string): Promise<MyGrids> => {
  const roots = p.grants.filter((g) => g.permissions.includes('grid.report') && g.scope !== 'self').map((g) => g.orgId);
  if (roots.length === 0) return { items: [] };
  const grids = (await c.query<{ id: string; name: string; village_name: string; open: number; overdue: number; closed: number }>(
    `SELECT g.id, g.name, coalesce(v.name, '') AS village_name,
            (SELECT count(*)::int FROM cases k WHERE k.org_id = g.id AND k.case_type = 'grid_event' AND k.status_kind = 'open') AS open,
            (SELECT count(DISTINCT k.id)::int FROM cases k JOIN case_deadlines d ON d.case_id = k.id
              WHERE k.org_id = g.id AND k.case_type = 'grid_event' AND k.status_kind = 'open' AND d.status = 'running' AND d.due_date < $2::date) AS overdue,
            (SELECT count(*)::int FROM cases k WHERE k.org_id = g.id AND k.case_type = 'grid_event' AND k.status_kind <> 'open'
              AND k.ended_on >= date_trunc('year', $2::date)) AS closed
       FROM orgs g LEFT JOIN orgs v ON v.id = g.parent_id
      WHERE g.kind = 'grid' AND g.id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ANY($1::uuid[]))
      ORDER BY v.sort_order, g.sort_order LIMIT 60`, [roots, today])).rows;
  if (grids.length === 0) return { items: [] };
  const members = (await c.query<Row>(`${select} WHERE m.active AND m.org_id = ANY($1::uuid[]) ${order}`, [grids.map((g) => g.id)])).rows.map((r) => present(keys, r));
  return {
    items: grids.map((g) => ({ id: g.id, name: g.name, villageName: g.village_name, members: members.filter((m) => m.gridId === g.id),
      open: g.open, overdue: g.overdue, closedThisYear: g.closed })),
  };
};
