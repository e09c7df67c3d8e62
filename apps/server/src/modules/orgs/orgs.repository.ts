import type { Client } from '../../platform/db/pools.ts';
import type { OrgKind } from '@fazhi/contracts';

export type OrgRow = { id: string; parent_id: string | null; kind: OrgKind; name: string; code: string; township_id: string | null; sort_order: number };

const kindOrder = `array_position(ARRAY['county','township','office','village','grid'], kind)`;

/** Every org the caller may read (row-level security decides), parents before children. */
export const listVisibleOrgs = async (c: Client): Promise<OrgRow[]> =>
  (await c.query<OrgRow>(`SELECT id, parent_id, kind, name, code, township_id, sort_order FROM orgs ORDER BY ${kindOrder}, sort_order, code`)).rows;

export const findOrg = async (c: Client, id: string): Promise<OrgRow | null> =>
  (await c.query<OrgRow>('SELECT id, parent_id, kind, name, code, township_id, sort_order FROM orgs WHERE id = $1', [id])).rows[0] ?? null;

/**
 * No RETURNING: PostgreSQL would judge the new row by the read policy before the insert
 * trigger has added it to org_closure, so a caller whose scope is a subtree could never see it
 * and every org they added failed (42501). The row is what was inserted.
 */
export const insertOrg = async (c: Client, o: Omit<OrgRow, 'sort_order'> & { sort_order?: number }): Promise<OrgRow> => {
  const row: OrgRow = { id: o.id, parent_id: o.parent_id, kind: o.kind, name: o.name, code: o.code, township_id: o.township_id, sort_order: o.sort_order ?? 0 };
  await c.query('INSERT INTO orgs (id, parent_id, kind, name, code, township_id, sort_order) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [row.id, row.parent_id, row.kind, row.name, row.code, row.township_id, row.sort_order]);
  return row;
};

export const updateOrg = async (c: Client, id: string, patch: { name?: string; sortOrder?: number }): Promise<OrgRow | null> =>
  (await c.query<OrgRow>(
    `UPDATE orgs SET name = coalesce($2, name), sort_order = coalesce($3, sort_order), updated_at = now() WHERE id = $1
     RETURNING id, parent_id, kind, name, code, township_id, sort_order`,
    [id, patch.name ?? null, patch.sortOrder ?? null])).rows[0] ?? null;
