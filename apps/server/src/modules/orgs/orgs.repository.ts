import type { Client } from '../../platform/db/pools.ts';
import type { OrgKind } from '@fazhi/contracts';

export type OrgRow = { id: string; parent_id: string | null; kind: OrgKind; name: string; code: string; township_id: string | null; sort_order: number };

const kindOrder = `array_position(ARRAY['county','township','office','village','grid'], kind)`;

/** Every org the caller may read (row-level security decides), parents before children. */
export const listVisibleOrgs = async (c: Client): Promise<OrgRow[]> =>
  (await c.query<OrgRow>(`SELECT id, parent_id, kind, name, code, township_id, sort_order FROM orgs ORDER BY ${kindOrder}, sort_order, code`)).rows;

export const findOrg = async (c: Client, id: string): Promise<OrgRow | null> =>
  (await c.query<OrgRow>('SELECT id, parent_id, kind, name, code, township_id, sort_order FROM orgs WHERE id = $1', [id])).rows[0] ?? null;

export const insertOrg = async (c: Client, o: Omit<OrgRow, 'sort_order'> & { sort_order?: number }): Promise<OrgRow> =>
  (await c.query<OrgRow>(
    `INSERT INTO orgs (id, parent_id, kind, name, code, township_id, sort_order) VALUES ($1,$2,$3,$4,$5,$6,$7)
     RETURNING id, parent_id, kind, name, code, township_id, sort_order`,
    [o.id, o.parent_id, o.kind, o.name, o.code, o.township_id, o.sort_order ?? 0])).rows[0] as OrgRow;

export const updateOrg = async (c: Client, id: string, patch: { name?: string; sortOrder?: number }): Promise<OrgRow | null> =>
  (await c.query<OrgRow>(
    `UPDATE orgs SET name = coalesce($2, name), sort_order = coalesce($3, sort_order), updated_at = now() WHERE id = $1
     RETURNING id, parent_id, kind, name, code, township_id, sort_order`,
    [id, patch.name ?? null, patch.sortOrder ?? null])).rows[0] ?? null;
